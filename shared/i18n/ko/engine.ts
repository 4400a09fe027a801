import type { EngineKey } from '../en/engine';

/** What the engine says, in Korean: exactly English's keys (the type says so). */
export const engine: Record<EngineKey, string> = {
  'waiting.approval': '승인을 기다리는 중',
  'waiting.drain': '코더와 리뷰어가 IDLE이 되기를 기다리는 중',
  'waiting.snapshot': '작업을 파일에 저장하는 중',
  'waiting.swap': '플래너 교대가 끝나기를 기다리는 중',
  'waiting.coder': '코더가 IDLE이 되기를 기다리는 중',
  'waiting.reviewer': '리뷰어가 IDLE이 되기를 기다리는 중',
  'waiting.reviewAfterSwap': '플래너 교대 뒤에 리뷰합니다(코더의 답은 저장됨)',
  'waiting.router': '라우터가 IDLE이 되기를 기다리는 중',
  'waiting.fitCheck': '플래너가 메모리에 들어가는지 확인하는 중',
  'waiting.frontierPreparing': '프론티어 요청 준비 중',

  'engine.frontierNoKey':
    '프론티어 API 키가 없습니다: 설정이나 환경 변수에 {providers} 키를 넣은 뒤, 다시 묻도록 작업을 프론티어로 보내세요.',
  'engine.frontierNone': '이 앱에 연결된 프론티어 제공자가 없습니다: 작업을 로컬이나 플래너로 다시 보내세요.',
  'engine.frontierNoneChosen':
    '이 앱에 연결된 프론티어 제공자가 없습니다({provider} 선택됨): 작업을 로컬이나 플래너로 다시 보내세요.',
  'engine.plannerDenied':
    '거부됨: 아무것도 언로드하지 않았습니다. 작업을 프론티어 모델로 다시 보내거나 나중에 다시 요청하세요.',
  'engine.plannerExpired':
    '승인이 만료되었습니다: 아무것도 언로드하지 않았습니다. 작업을 다시 보내거나 다시 요청하세요.',
  'engine.memoryUnknown':
    '메모리를 읽을 수 없어 Planner가 들어갈 자리가 있는지 모릅니다. 기본은 거부이며, 그래도 진행하려면 "그래도 승인"을 명시적으로 고르세요.',
  'engine.plannerStayCapped':
    'Planner가 상주 모델을 {minutes}분 넘게 내보냈습니다: 지금 요청까지만 처리하고 내려갑니다. 남은 {left}개 요청은 다음 교대에서 다시 승인을 받습니다.',
  'engine.plannerNoAnswer':
    '{minutes}분 동안 응답이 없었습니다: 아무것도 언로드하지 않았습니다. 작업을 다시 보내거나 다시 요청하세요.',
  'engine.plannerNotStarted': '시작하지 않음: {reason}',
  'engine.fitHeld': '플래너가 아직 메모리에 들어가지 않아 30초마다 다시 확인합니다. 자세한 수치와 조치(영문): {detail}',
  'engine.interrupted': '언로드 전에 재시작으로 중단되었습니다. 요청을 다시 묻습니다.',
  'engine.swapFailed': '플래너 교대가 {state} 단계에서 실패했습니다: {error}',
  'engine.frontierWithdrawn': '철회됨: 작업이 취소되었거나 다른 경로로 보내졌습니다. 아무것도 보내지 않았습니다.',
  'engine.frontierApproved': '승인됨: 요청을 보냈습니다.',
  'engine.frontierDenied':
    '거부됨: 아무것도 보내지 않았습니다. 작업을 로컬이나 플래너로 보내거나, 다시 묻도록 프론티어로 보내세요.',
  'engine.frontierNoAnswer':
    '{minutes}분 동안 응답이 없었습니다: 아무것도 보내지 않았습니다. 다시 묻도록 작업을 프론티어로 보내세요.',
  'engine.frontierExpired':
    '승인이 만료되었습니다: 아무것도 보내지 않았습니다. 다시 묻도록 작업을 프론티어로 보내세요.',
  'engine.approvedNotSent': '승인되었지만 보내지 않았습니다: {reason}',
  'engine.cancelled': '사용자가 취소했습니다.',
  'engine.swapOver': '플래너 교대가 끝났습니다. 상주 모델이 돌아왔습니다.',
  'engine.restoreFailed': '실패한 교대 뒤 상주 모델을 되돌리지 못했습니다: {error}. 작업이 필요할 때 다시 적재합니다.',
  'engine.residentLoadFailed': '{role}({model})을(를) 적재하지 못했습니다: {error}',
  'engine.frontierInterrupted':
    '재시작으로 {task}의 프론티어 호출이 중단되어 다시 묻습니다(제공자가 첫 시도를 청구했을 수 있습니다).',
  'engine.frontierAnswered': '{task}에 대한 프론티어 답변({provider}, {model}): {cost}, {path}에 저장했습니다.',
  'engine.frontierFailed': '{task}의 프론티어 호출이 실패했습니다: {error}',
  'engine.schedulerStopped': '스케줄러가 오류로 멈췄습니다: {error}',
  'engine.swapStopped': '교대가 오류로 멈췄습니다: {error}',
  'engine.hostUnknown': '모델 호스트에 무엇이 적재되어 있는지 묻지 못했습니다: {error}',
  'engine.frontierCancelled': '사용자가 취소했습니다: 아무것도 보내지 않았습니다.',
  'engine.frontierCancelledStreaming':
    '답을 받는 중에 사용자가 취소했습니다. 제공자가 이미 생성된 토큰을 청구할 수 있습니다.',
  'engine.reviewFailed': '리뷰에 실패했습니다: {error} (코더의 답은 {path}에 있습니다).',

  'planner.warning': '[WARNING: 52B Planner 소환이 필요합니다. 상주 모델이 언마운트됩니다. 승인하시겠습니까?]',

  'engine.hostSaid': '{text}',
  'engine.legacy': '{text}',
  'engine.plannerApproved': '승인됨.',
  'engine.frontierAsk':
    '[프론티어 호출 승인: 아래 텍스트가 {provider} {model}로 전송됩니다. 예상 비용 최대 {cost}. 승인하시겠습니까?]',
  'engine.budgetReachedDaily':
    '일일 프론티어 예산 {cap}에 도달했습니다(오늘 {spent} 사용). 설정에서 예산을 올리거나 내일까지 기다리세요.',
  'engine.budgetReachedMonthly':
    '월 프론티어 예산 {cap}에 도달했습니다(이번 달 {spent} 사용). 설정에서 예산을 올리거나 다음 달까지 기다리세요.',
  'engine.budgetExceedsDaily':
    '이 호출은 최대 {estimate}가 들 수 있어 일일 프론티어 예산 {cap}의 남은 {left}를 넘습니다(오늘 {spent} 사용). 설정에서 예산을 올리거나, 요청을 줄이거나, 내일까지 기다리세요.',
  'engine.budgetExceedsMonthly':
    '이 호출은 최대 {estimate}가 들 수 있어 월 프론티어 예산 {cap}의 남은 {left}를 넘습니다(이번 달 {spent} 사용). 설정에서 예산을 올리거나, 요청을 줄이거나, 다음 달까지 기다리세요.',
  'engine.ledgerUnreadableDaily':
    '지출 기록({path} {lines}번째 줄)을 읽을 수 없어 일일 예산을 확인할 수 없습니다. 그 줄을 고치거나 지우세요. 또는 설정에서 예산 한도를 없애세요.',
  'engine.ledgerUnreadableMonthly':
    '지출 기록({path} {lines}번째 줄)을 읽을 수 없어 월 예산을 확인할 수 없습니다. 그 줄을 고치거나 지우세요. 또는 설정에서 예산 한도를 없애세요.',
  'engine.ledgerLinesUnreadableDaily':
    '지출 기록({path} {lines}번째 줄)을 읽을 수 없어 일일 예산을 확인할 수 없습니다. 그 줄들을 고치거나 지우세요. 또는 설정에서 예산 한도를 없애세요.',
  'engine.ledgerLinesUnreadableMonthly':
    '지출 기록({path} {lines}번째 줄)을 읽을 수 없어 월 예산을 확인할 수 없습니다. 그 줄들을 고치거나 지우세요. 또는 설정에서 예산 한도를 없애세요.',
  'engine.correctionsProblem': '라우터 교정 파일({path}): {problem}.',
  'engine.correctionNotKept': '라우터가 이 교정을 저장하지 못했습니다({error}). 작업 자체에는 영향이 없습니다.',
  'engine.journalTornTail':
    '충돌로 저널의 마지막 줄이 잘렸습니다. 그 줄은 {path}에 옮겨 두었고, 저널은 그 앞 기록부터 이어집니다.',
};

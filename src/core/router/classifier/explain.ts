import type { Reason } from '../types';

/**
 * How a concept cue reads in a reason, in both languages. A cue without an entry here is not
 * shown (it still counts): the reason names what a person would recognise in their own task.
 */
const cueNames: Record<string, Reason> = {
  'arch.word': { en: 'architecture-level wording', ko: '아키텍처 수준의 표현' },
  'arch.new': { en: 'something new', ko: '새로 만드는 일' },
  'arch.whole': { en: 'the whole system', ko: '시스템 전체' },
  'arch.pieces': { en: 'several infrastructure pieces', ko: '여러 인프라 구성 요소' },
  'c.noExisting': { en: 'nothing built yet', ko: '기존 시스템 없음' },
  'c.venture': { en: 'a new product or company', ko: '새 제품·사업' },
  'c.shape': { en: "the system's overall shape", ko: '시스템 전체 구조' },
  'c.manyPieces': { en: 'many system pieces named together', ko: '여러 시스템 구성 요소' },
  'x.new+shape': { en: 'a new system as a whole', ko: '새 시스템 전체' },
  'x.new+pieces': { en: 'a new system with its pieces', ko: '새 시스템과 구성 요소' },
  'x.new+design': { en: 'designing something new', ko: '새로 설계하는 일' },
  'x.noExisting+design': { en: 'a design with nothing built yet', ko: '기존 시스템 없이 설계' },
  'math.strong': { en: 'optimisation or proof vocabulary', ko: '최적화·증명 용어' },
  'math.design': { en: 'designing an algorithm', ko: '알고리즘 설계' },
  'c.proofs': { en: 'proofs or guarantees', ko: '증명·보장' },
  'c.formulation': { en: 'a mathematical formulation', ko: '수학적 정식화' },
  'c.combinatorial': { en: 'a combinatorial problem', ko: '조합 문제' },
  'c.algorithm': { en: 'an algorithm or data structure to design', ko: '알고리즘·자료구조 설계' },
  'x.proofs+algorithm': { en: 'an algorithm with guarantees', ko: '보장이 필요한 알고리즘' },
  'x.formulation+combinatorial': { en: 'a combinatorial problem to formulate', ko: '정식화할 조합 문제' },
  'x.combinatorial+constraints': { en: 'a problem with constraints', ko: '제약이 있는 문제' },
  'x.algorithm+constraints': { en: 'an algorithm under constraints', ko: '제약 아래의 알고리즘' },
  'post.library': { en: "a release newer than the local models' knowledge", ko: '로컬 모델이 모르는 최신 릴리스' },
  'post.change': { en: 'an upgrade or breaking change', ko: '업그레이드·호환성 변경' },
  'post.beyond': { en: "beyond the models' training", ko: '모델 학습 범위 밖' },
  'post.recent': { en: 'a recent release', ko: '최근 릴리스' },
  'c.news': { en: 'a new release or feature', ko: '새 릴리스·기능' },
  'x.library+upgrade': { en: 'upgrading to a post-cutoff release', ko: '최신 릴리스로 업그레이드' },
  'x.library+news': { en: 'what is new in a post-cutoff release', ko: '최신 릴리스의 새 기능' },
  'x.news+upgrade': { en: 'changes in a new release', ko: '새 릴리스의 변경 사항' },
  'c.probability': { en: 'probabilistic guarantees', ko: '확률적 보장' },
  'x.probability+design': { en: 'an estimator or sketch to design', ko: '설계할 추정 방법' },
  'x.probability+proofs': { en: 'bounds on error or probability', ko: '오차·확률 한계' },
  'f.countNearAttempt': { en: 'three or more attempts', ko: '세 번 이상의 시도' },
  'x.count+broken': { en: 'three or more failed fixes', ko: '세 번 이상 실패한 수정' },
  'x.count+agent': { en: 'the agents tried three or more times', ko: '에이전트가 세 번 이상 시도' },
  'x.enumerated+broken': { en: 'a list of fixes that failed', ko: '실패한 수정 목록' },
  'post.olderVersion': { en: 'a version the local models know', ko: '로컬 모델이 아는 버전' },
  'failed.vague': { en: 'several failed fixes', ko: '여러 번 실패한 수정' },
  'c.routine': { en: 'everyday fixing, testing or explaining', ko: '일상적인 수정·테스트·설명' },
  'c.tuning': { en: 'tuning existing code', ko: '기존 코드 튜닝' },
  'c.existing': { en: 'existing code', ko: '기존 코드' },
  'c.log': { en: 'a pasted log or stack trace', ko: '붙여 넣은 로그' },
  'arch.small': { en: 'a small or existing scope', ko: '작거나 기존 범위' },
  'math.tuning': { en: 'tuning, not designing', ko: '설계가 아닌 튜닝' },
  'math.textbook': { en: 'a textbook algorithm', ko: '교과서 알고리즘' },
  'math.explain': { en: 'explaining what exists', ko: '기존 내용 설명' },
  'post.schemaMigration': { en: 'a schema migration', ko: '스키마 마이그레이션' },
  'failed.fewer': { en: 'fewer failed fixes than the threshold', ko: '기준보다 적은 실패' },
  'x.routine+log': { en: 'a bug with its log', ko: '로그가 있는 버그' },
  'x.existing+shape': { en: 'the structure of an existing system', ko: '기존 시스템의 구조' },
  'x.library+log': { en: 'a log from a new release', ko: '최신 릴리스의 로그' },
};

/** The recognisable cues among the drivers, at most three, joined for a reason. */
export function describeCues(drivers: ReadonlyArray<{ feature: string }>): Reason | null {
  const named = drivers
    .map((d) => cueNames[d.feature])
    .filter((n): n is Reason => n !== undefined)
    .slice(0, 3);
  if (named.length === 0) return null;
  return { en: named.map((n) => n.en).join(', '), ko: named.map((n) => n.ko).join(', ') };
}

/** Cues that say which planner rule (and which frontier rule) the classifier's choice stands for. */
export const mathCues = new Set([
  'c.probability',
  'x.probability+design',
  'x.probability+proofs',
  'math.strong',
  'math.design',
  'math.optimise',
  'math.constraints',
  'c.proofs',
  'c.formulation',
  'c.combinatorial',
  'c.constraints',
  'c.algorithm',
  'x.proofs+algorithm',
  'x.formulation+combinatorial',
  'x.combinatorial+constraints',
  'x.algorithm+constraints',
  'x.tuning+formulation',
]);
export const architectureCues = new Set([
  'arch.word',
  'arch.new',
  'arch.design',
  'arch.scope',
  'arch.whole',
  'arch.pieces',
  'c.noExisting',
  'c.venture',
  'c.shape',
  'c.pieces',
  'c.manyPieces',
  'c.design',
  'x.new+shape',
  'x.new+pieces',
  'x.new+design',
  'x.noExisting+design',
]);

import { describe, expect, it } from 'vitest';
import { hostSaid, say } from '../../shared/engine-message';
import { memoryNotification, noticeNotification } from '../../src/main/notifications';
import { quitConfirmed, quitQuestion } from '../../src/main/quit';
import { appState, swapIn } from '../helpers/main-state';

describe('notifications', () => {
  const swapOver = say('engine.swapOver');
  const swapFailed = say('engine.swapFailed', { state: 'loading planner', error: 'out of memory' });

  it('a finished planner run, a failed swap, a budget reached and errors are worth one', () => {
    expect(noticeNotification({ level: 'info', said: swapOver, swapId: 's' }, 'en')).toEqual({
      title: 'The Planner has finished',
      body: 'The planner swap is over; the residents are back.',
    });
    expect(noticeNotification({ level: 'error', said: swapFailed, swapId: 's' }, 'ko')?.title).toBe(
      '플래너 교대가 실패했습니다',
    );
    // The engine's message reads in Korean; Ollama's own words stay as they came.
    expect(noticeNotification({ level: 'info', said: swapOver, swapId: 's' }, 'ko')?.body).toBe(
      '플래너 교대가 끝났습니다. 상주 모델이 돌아왔습니다.',
    );
    expect(noticeNotification({ level: 'error', said: swapFailed, swapId: 's' }, 'ko')?.body).toBe(
      '플래너 교대가 loading planner 단계에서 실패했습니다: out of memory',
    );
    // A budget notice is known by its key, in either language.
    const reached = say('engine.budgetReachedDaily', { cap: '$5.00', spent: '$5.00' });
    expect(noticeNotification({ level: 'warn', said: reached }, 'en')?.title).toBe('Frontier budget reached');
    expect(noticeNotification({ level: 'warn', said: reached }, 'ko')).toEqual({
      title: '프론티어 예산에 도달했습니다',
      body: '일일 프론티어 예산 $5.00에 도달했습니다(오늘 $5.00 사용). 설정에서 예산을 올리거나 내일까지 기다리세요.',
    });
    expect(
      noticeNotification({ level: 'error', said: say('engine.schedulerStopped', { error: 'boom' }) }, 'en')?.title,
    ).toBe('Frontier SOS error');
  });

  it('denials and ordinary notices stay in the dashboard', () => {
    expect(noticeNotification({ level: 'warn', said: say('engine.plannerDenied'), swapId: 's' }, 'en')).toBeNull();
    const notLoaded = say('engine.residentLoadFailed', { role: 'coder', model: 'm', error: 'no' });
    expect(noticeNotification({ level: 'warn', said: notLoaded }, 'en')).toBeNull();
    // The word "budget" in someone else's text is not a budget notice: only the key says so.
    expect(noticeNotification({ level: 'warn', said: hostSaid('over budget, says the host') }, 'en')).toBeNull();
    expect(noticeNotification({ level: 'info', said: say('engine.swapOver') }, 'en')).toBeNull();
  });

  it('memory over the budget is said once when it crosses over', () => {
    const over = appState({ memory: { budgetBytes: 48e9, usedBytes: 50e9, models: [] } });
    const under = appState();
    expect(memoryNotification(under, over, 'en')).toEqual({
      title: 'Memory budget reached',
      body: '50.0 GB in use of a 48.0 GB budget. Loading more models may push the Mac into swap.',
    });
    expect(memoryNotification(null, over, 'en')).not.toBeNull();
    expect(memoryNotification(over, over, 'en')).toBeNull();
    expect(memoryNotification(over, under, 'en')).toBeNull();
  });
});

describe('quit during a swap', () => {
  it('asks only once the swap is past approval, with the exact words', () => {
    for (const state of ['draining', 'snapshotting', 'awaiting_approval', 'done', 'denied', 'failed'] as const)
      expect(quitQuestion(swapIn(state), 'en')).toBeNull();
    expect(quitQuestion(null, 'en')).toBeNull();
    const question = quitQuestion(swapIn('planning'), 'en')!;
    expect(question.message).toBe(
      'A planner swap is in progress (state planning). Quit anyway? It resumes on next start.',
    );
    expect(question.buttons).toEqual(['Quit Anyway', 'Keep Running']);
    expect(question.buttons[question.defaultId]).toBe('Keep Running');
    expect(question.buttons[question.cancelId]).toBe('Keep Running');
    expect(quitQuestion(swapIn('loading_planner'), 'ko')!.message).toBe(
      '플래너 교대가 진행 중입니다(상태: loading_planner, 플래너 적재 중). 그래도 종료할까요? 다음에 시작하면 이어서 진행합니다.',
    );
    expect(quitConfirmed(0)).toBe(true);
    expect(quitConfirmed(1)).toBe(false);
  });
});

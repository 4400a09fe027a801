import { describe, expect, it } from 'vitest';
import { memoryNotification, noticeNotification } from '../src/main/notifications';
import { quitConfirmed, quitQuestion } from '../src/main/quit';
import { appState, swapIn } from './helpers/main-state';

describe('notifications', () => {
  it('a finished planner run, a failed swap, a budget reached and errors are worth one', () => {
    expect(
      noticeNotification(
        { level: 'info', message: 'The planner swap is over; the residents are back.', swapId: 's' },
        'en',
      ),
    ).toEqual({ title: 'The Planner has finished', body: 'The planner swap is over; the residents are back.' });
    expect(
      noticeNotification(
        { level: 'error', message: 'The planner swap failed while loading planner: out of memory', swapId: 's' },
        'ko',
      )?.title,
    ).toBe('플래너 교대가 실패했습니다');
    // The engine's sentence reads in Korean; Ollama's own words stay as they came.
    expect(
      noticeNotification(
        { level: 'info', message: 'The planner swap is over; the residents are back.', swapId: 's' },
        'ko',
      )?.body,
    ).toBe('플래너 교대가 끝났습니다. 상주 모델이 돌아왔습니다.');
    expect(
      noticeNotification(
        { level: 'error', message: 'The planner swap failed while loading planner: out of memory', swapId: 's' },
        'ko',
      )?.body,
    ).toBe('플래너 교대가 loading planner 단계에서 실패했습니다: out of memory');
    expect(
      noticeNotification({ level: 'warn', message: 'Frontier budget reached: $5.00 of $5.00 today.' }, 'en')?.title,
    ).toBe('Frontier budget reached');
    expect(
      noticeNotification({ level: 'error', message: 'The scheduler stopped on an error: boom' }, 'en')?.title,
    ).toBe('Frontier SOS error');
  });

  it('denials and ordinary notices stay in the dashboard', () => {
    expect(noticeNotification({ level: 'warn', message: 'Denied.', swapId: 's' }, 'en')).toBeNull();
    expect(noticeNotification({ level: 'warn', message: 'coder could not be loaded' }, 'en')).toBeNull();
    expect(noticeNotification({ level: 'info', message: 'Loaded.' }, 'en')).toBeNull();
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

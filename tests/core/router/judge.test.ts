import { afterEach, describe, expect, it, vi } from 'vitest';
import { decideRoute, type RouterJudge, type RouterTask } from '../../../src/core/router';
import { uniformRouter } from '../../helpers/router-models';

const rules = uniformRouter();
/** With the threshold under 1/3 the same classifier is sure of everything. */
const sureRules = uniformRouter({ askModelBelow: 0.3 });
/** No fact decides it and the (uniform) classifier is unsure: the model is asked. */
const unsure: RouterTask = { id: 'u', text: "We're on Tailwind v4. Make the approve button green with a hover state." };
const sure: RouterTask = { id: 's', text: 'Write unit tests for parseDuration.' };

/** A fake judge that records what it was asked and answers whatever the test gives it. */
function fakeJudge(answer: (task: RouterTask, signal: AbortSignal) => Promise<unknown>) {
  const asked: RouterTask[] = [];
  const signals: AbortSignal[] = [];
  const judge: RouterJudge = {
    judge: (task, signal) => {
      asked.push(task);
      signals.push(signal);
      return answer(task, signal) as ReturnType<RouterJudge['judge']>;
    },
  };
  return { judge, asked, signals };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('Router model judgment', () => {
  it('is not asked when the rules are sure', async () => {
    const fake = fakeJudge(async () => ({ route: 'planner', reason: 'should not be asked' }));
    expect(sureRules.decide(sure).confidence).toBeGreaterThanOrEqual(sureRules.sureAbove);
    const d = await decideRoute(sure, { rules: sureRules, judge: fake.judge });
    expect(fake.asked).toHaveLength(0);
    expect(d).toMatchObject({ route: 'local', rule: 'routine' });
  });

  it('is never asked to overrule a recorded count of failed fixes', async () => {
    const fake = fakeJudge(async () => ({ route: 'local', reason: 'easy' }));
    const d = await decideRoute({ text: 'fix the typo', failedAttempts: 3 }, { rules, judge: fake.judge });
    expect(fake.asked).toHaveLength(0);
    expect(d.route).toBe('frontier');
  });

  it('decides when the rules are unsure; its answer becomes the route, recorded as router-model', async () => {
    const fake = fakeJudge(async () => ({
      route: 'frontier',
      reason: 'Tailwind v4 changed how colours are configured.',
    }));
    const d = await decideRoute(unsure, { rules, judge: fake.judge });
    expect(fake.asked).toEqual([unsure]);
    expect(d.route).toBe('frontier');
    expect(d.rule).toBe('router-model');
    expect(d.reason.en).toContain('Tailwind v4 changed how colours are configured.');
    expect(d.reason.en).toContain('the rules were unsure: routine');
  });

  it('accepts a route in any case and ignores anything but route and reason', async () => {
    const fake = fakeJudge(async () => ({
      route: ' Planner ',
      reason: 'needs design',
      loadPlanner: true,
      command: 'ollama run big',
    }));
    const d = await decideRoute(unsure, { rules, judge: fake.judge });
    expect(d).toMatchObject({ route: 'planner', rule: 'router-model' });
    expect(Object.keys(d).sort()).toEqual(['confidence', 'lang', 'reason', 'route', 'rule']);
  });

  it('falls back to the rules when the model does not answer in time, and aborts it', async () => {
    vi.useFakeTimers();
    const fake = fakeJudge(
      (_task, signal) =>
        new Promise((resolve) =>
          signal.addEventListener('abort', () => resolve({ route: 'planner', reason: 'too late' })),
        ),
    );
    const pending = decideRoute(unsure, { rules, judge: fake.judge, timeoutMs: 500 });
    await vi.advanceTimersByTimeAsync(499);
    expect(fake.signals[0]?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const d = await pending;
    expect(fake.signals[0]?.aborted).toBe(true);
    expect(d).toMatchObject({ route: 'local', rule: 'routine' });
    expect(d.reason.en).toContain('model unavailable: fell back to rules');
    expect(d.reason.en).toContain('no answer within 500 ms');
    expect(d.reason.ko).toContain('규칙으로 대체');
  });

  it('does not leave a timer behind when the model answers quickly', async () => {
    vi.useFakeTimers();
    const fake = fakeJudge(async () => ({ route: 'local', reason: 'just CSS' }));
    await decideRoute(unsure, { rules, judge: fake.judge, timeoutMs: 60_000 });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('falls back to the rules when the model fails', async () => {
    const fake = fakeJudge(async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:11434');
    });
    const d = await decideRoute(unsure, { rules, judge: fake.judge });
    expect(d.rule).toBe('routine');
    expect(d.reason.en).toMatch(/model unavailable: fell back to rules — the model failed: connect ECONNREFUSED/);
  });

  it.each([
    ['a route that does not exist', { route: 'summon-planner-now', reason: 'big task' }],
    ['no reason', { route: 'planner' }],
    ['an empty reason', { route: 'planner', reason: '   ' }],
    ['plain text', 'planner'],
    ['null', null],
    ['a number as route', { route: 2, reason: 'x' }],
  ])('falls back to the rules on an invalid answer: %s', async (_, answer) => {
    const fake = fakeJudge(async () => answer);
    const d = await decideRoute(unsure, { rules, judge: fake.judge });
    expect(d).toMatchObject({ route: 'local', rule: 'routine' });
    expect(d.reason.en).toMatch(/model unavailable: fell back to rules — invalid answer/);
  });

  it('keeps a long model reason short', async () => {
    const fake = fakeJudge(async () => ({ route: 'local', reason: 'x'.repeat(5000) }));
    const d = await decideRoute(unsure, { rules, judge: fake.judge });
    expect(d.reason.en.length).toBeLessThan(400);
  });

  it('without a judge the rules decide, unchanged', async () => {
    expect(await decideRoute(unsure, { rules })).toEqual(rules.decide(unsure));
  });
});

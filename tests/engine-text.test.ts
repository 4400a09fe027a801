import { describe, expect, it } from 'vitest';
import { engineKeys, engineText, fill, localizeEngineText, matchEngineText } from '../shared/engine-text';
import { messages } from '../shared/i18n';
import { createHarness, type Harness } from './helpers/core-harness';

const names = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
// A value is matched up to the text that follows it, so only the last may contain that text (a
// swap state never holds ": "; Ollama's error, which comes last, may).
const sample = (key: (typeof engineKeys)[number]) => {
  const list = names(messages.en[key]);
  return Object.fromEntries(
    list.map((name, i) => [
      name,
      i === list.length - 1 ? `value ${i} (${name}): with colons, dots. and 12 min` : `value ${i} of ${name}`,
    ]),
  );
};

describe('the engine’s sentences', () => {
  it('are each recognised as themselves, values included — no sentence passes for another', () => {
    for (const key of engineKeys) {
      const values = sample(key);
      expect(matchEngineText(engineText(key, values)), key).toEqual({ key, values });
    }
  });

  it('come out in Korean with their values carried over, and nested sentences translated too', () => {
    expect(localizeEngineText(engineText('engine.plannerNoAnswer', { minutes: 15 }), 'ko')).toBe(
      fill(messages.ko['engine.plannerNoAnswer'], { minutes: 15 }),
    );
    expect(localizeEngineText(engineText('engine.plannerDenied'), 'ko')).toBe(messages.ko['engine.plannerDenied']);
    const nested = engineText('engine.approvedNotSent', { reason: engineText('engine.frontierNone') });
    expect(localizeEngineText(nested, 'ko')).toBe(
      fill(messages.ko['engine.approvedNotSent'], { reason: messages.ko['engine.frontierNone'] }),
    );
    // Ollama's own words stay as they came.
    const failed = engineText('engine.swapFailed', {
      state: 'loading planner',
      error: 'model requires more system memory (33.8 GiB) than is available (20.1 GiB)',
    });
    expect(localizeEngineText(failed, 'ko')).toBe(
      '플래너 교대가 loading planner 단계에서 실패했습니다: model requires more system memory (33.8 GiB) than is available (20.1 GiB)',
    );
    expect(localizeEngineText(failed, 'en')).toBe(failed);
    expect(localizeEngineText('connect ECONNREFUSED 127.0.0.1:11434', 'ko')).toBeNull();
  });

  it('reads a 200 KB error in one pass: the value is carried whole, and unknown text is left alone', () => {
    const page = '<html>' + 'x ( y ) could not be loaded: '.repeat(7000) + '</html>';
    const long = engineText('engine.frontierFailed', { task: 'task-1', error: page });
    expect(matchEngineText(long)).toEqual({ key: 'engine.frontierFailed', values: { task: 'task-1', error: page } });
    // Almost a sentence, thousands of times over, never quite one.
    const nearly = 'role (model) could not be '.repeat(8000);
    expect(matchEngineText(nearly)).toBeNull();
    expect(matchEngineText(`The planner swap failed while ${nearly}`)).toBeNull();
    // A sentence cut short is not the sentence.
    expect(matchEngineText(messages.en['engine.swapOver'].slice(0, -1))).toBeNull();
    expect(matchEngineText('Not started: ')).toBeNull();
  });

  it('is what the core writes: a denied swap, an expiry and a cancel read in Korean', async () => {
    const h: Harness = createHarness({ orchestrator: { approvalTimeoutMs: 60_000 } });
    await h.start();
    const submit = (text: string) => h.drive(h.core.orchestrator.submit({ text }), 'submit');
    const task = (id: string) => h.core.orchestrator.get(id);

    const denied = await submit('Design the architecture of a brand-new billing system');
    await h.runUntil(() => h.broker.pending().length === 1, 'an approval');
    expect(localizeEngineText(task(denied.id).waitingFor!, 'ko')).toBe(messages.ko['waiting.approval']);
    h.answer(h.broker.pending()[0]!.id, 'deny');
    await h.runUntil(() => task(denied.id).status === 'denied', 'the denial');
    expect(localizeEngineText(task(denied.id).error!, 'ko')).toBe(messages.ko['engine.plannerDenied']);

    const expired = await submit('architecture for a new payments platform');
    await h.runUntil(() => task(expired.id).status === 'denied', 'expiry');
    expect(localizeEngineText(task(expired.id).error!, 'ko')).toBe(
      fill(messages.ko['engine.plannerNoAnswer'], { minutes: 1 }),
    );

    const local = await submit('rename the helper in utils.ts');
    await h.drive(h.core.orchestrator.cancel(local.id), 'cancel');
    await h.runUntil(() => task(local.id).status === 'failed', 'the cancel');
    expect(localizeEngineText(task(local.id).error!, 'ko')).toBe(messages.ko['engine.cancelled']);
  });
});

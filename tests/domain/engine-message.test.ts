import { describe, expect, it } from 'vitest';
import {
  engineMessageSchema,
  hostSaid,
  inEnglish,
  legacyText,
  renderMessage,
  sameMessage,
  say,
} from '../../shared/engine-message';
import { fill, messages } from '../../shared/i18n';
import { createHarness, type Harness } from '../helpers/core-harness';

describe('the engine’s messages', () => {
  it('render in both languages, values carried over and nested messages rendered in the same language', () => {
    const noAnswer = say('engine.plannerNoAnswer', { minutes: 15 });
    expect(renderMessage(noAnswer, 'en')).toBe(
      'No answer within 15 min: nothing was unloaded. Re-route the task, or ask again.',
    );
    expect(renderMessage(noAnswer, 'ko')).toBe(fill(messages.ko['engine.plannerNoAnswer'], { minutes: 15 }));
    expect(renderMessage(say('engine.plannerDenied'), 'ko')).toBe(messages.ko['engine.plannerDenied']);
    const nested = say('engine.approvedNotSent', { reason: say('engine.frontierNone') });
    expect(renderMessage(nested, 'ko')).toBe(
      fill(messages.ko['engine.approvedNotSent'], { reason: messages.ko['engine.frontierNone'] }),
    );
    expect(inEnglish(nested)).toBe(
      'Approved, but not sent: No frontier provider is connected in this app: re-route the task to local or planner.',
    );
  });

  it('carry Ollama’s own words whole, in every language, however they read', () => {
    const ollama = 'model requires more system memory (33.8 GiB) than is available (20.1 GiB)';
    const failed = say('engine.swapFailed', { state: 'loading planner', error: ollama });
    expect(renderMessage(failed, 'ko')).toBe(`플래너 교대가 loading planner 단계에서 실패했습니다: ${ollama}`);
    expect(renderMessage(failed, 'en')).toBe(`The planner swap failed while loading planner: ${ollama}`);
    // Text that happens to read like one of the engine's sentences stays what it is.
    const lookalike = hostSaid(messages.en['engine.plannerDenied']);
    expect(renderMessage(lookalike, 'ko')).toBe(messages.en['engine.plannerDenied']);
    // A 200 KB page is carried, not scanned: the value comes back as it went in.
    const page = '<html>' + 'x ( y ) could not be loaded: {error} '.repeat(5000) + '</html>';
    expect(renderMessage(say('engine.frontierFailed', { task: 'task-1', error: hostSaid(page) }), 'en')).toBe(
      `The frontier call for task-1 failed: ${page}`,
    );
  });

  it('a sentence an older build stored is shown as it was written', () => {
    const old = legacyText('Waiting for the Coder to go IDLE');
    expect(renderMessage(old, 'ko')).toBe('Waiting for the Coder to go IDLE');
    expect(renderMessage(old, 'en')).toBe('Waiting for the Coder to go IDLE');
  });

  it('are checked by their schema: a known key, values that are text, numbers or messages', () => {
    const nested = say('engine.frontierFailed', { task: 't', error: hostSaid('boom') });
    expect(engineMessageSchema.parse(nested)).toEqual(nested);
    expect(engineMessageSchema.safeParse({ key: 'engine.noSuchThing' }).success).toBe(false);
    expect(engineMessageSchema.safeParse({ key: 'engine.cancelled', values: { n: true } }).success).toBe(false);
    expect(engineMessageSchema.safeParse('Cancelled by you.').success).toBe(false);
  });

  it('compare by what they say, not by identity', () => {
    expect(sameMessage(say('waiting.coder'), say('waiting.coder'))).toBe(true);
    expect(sameMessage(say('waiting.coder'), say('waiting.reviewer'))).toBe(false);
    const a = say('engine.approvedNotSent', { reason: say('engine.plannerNoAnswer', { minutes: 1 }) });
    const b = say('engine.approvedNotSent', { reason: say('engine.plannerNoAnswer', { minutes: 2 }) });
    expect(sameMessage(a, structuredClone(a))).toBe(true);
    expect(sameMessage(a, b)).toBe(false);
    expect(sameMessage(null, undefined)).toBe(true);
    expect(sameMessage(say('waiting.coder'), null)).toBe(false);
  });

  it('are what the core stores: a denied swap, an expiry and a cancel, as keys; the history decides expired from the key', async () => {
    const h: Harness = createHarness({ orchestrator: { approvalTimeoutMs: 60_000 } });
    await h.start();
    const submit = (text: string) => h.drive(h.core.orchestrator.submit({ text }), 'submit');
    const task = (id: string) => h.core.orchestrator.get(id);

    const denied = await submit('Design the architecture of a brand-new billing system');
    await h.runUntil(() => h.broker.pending().length === 1, 'an approval');
    expect(task(denied.id).waitingFor).toEqual(say('waiting.approval'));
    expect(h.broker.pending()[0]!.said).toEqual(say('planner.warning'));
    h.answer(h.broker.pending()[0]!.id, 'deny');
    await h.runUntil(() => task(denied.id).status === 'denied', 'the denial');
    expect(task(denied.id).error).toEqual(say('engine.plannerDenied'));

    const expired = await submit('architecture for a new payments platform');
    await h.runUntil(() => task(expired.id).status === 'denied', 'expiry');
    expect(task(expired.id).error).toEqual(say('engine.plannerNoAnswer', { minutes: 1 }));

    const local = await submit('rename the helper in utils.ts');
    await h.drive(h.core.orchestrator.cancel(local.id), 'cancel');
    await h.runUntil(() => task(local.id).status === 'failed', 'the cancel');
    expect(task(local.id).error).toEqual(say('engine.cancelled'));

    // The API keeps its English text beside the data; the status comes from the reason's key.
    const state = await h.drive(h.core.getState(), 'state');
    const history = (id: string) => state.approvals.find((a) => a.taskIds.includes(id))!;
    expect(history(denied.id)).toMatchObject({
      status: 'denied',
      said: say('engine.plannerDenied'),
      message: messages.en['engine.plannerDenied'],
    });
    expect(history(expired.id)).toMatchObject({
      status: 'expired',
      said: say('engine.plannerNoAnswer', { minutes: 1 }),
      message: 'No answer within 1 min: nothing was unloaded. Re-route the task, or ask again.',
    });
  });
});

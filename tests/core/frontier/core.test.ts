import { describe, expect, it } from 'vitest';
import { hostSaid, inEnglish, renderMessage, say } from '../../../shared/engine-message';
import { formatUsd } from '../../../shared/frontier/prices';
import { FrontierError } from '../../../src/core/frontier/errors';
import { coreInternals } from '../../../src/core/testing';
import {
  openaiKey,
  githubToken,
  brokenTask,
  harness,
  task,
  pendingFrontier,
  submit,
} from '../../helpers/frontier-harness';

// Frontier escalation in the core, on virtual time, with an in-process frontier client: redaction,
// the approval and what it shows, deny / expire / approve, the ledger and the caps, the answer
// files and the follow-up, and that frontier work never waits for (or holds up) local work.
describe('a frontier task', () => {
  it('asks first, showing exactly the redacted text that would leave, its cost and the budget', async () => {
    const h = await harness();
    const t = await submit(h, brokenTask, 3);
    expect(t.route).toBe('frontier');
    await h.runUntil(() => pendingFrontier(h).length === 1, 'the approval');
    const approval = pendingFrontier(h)[0]!;
    const detail = approval.frontier!;
    expect(detail.provider).toBe('openai');
    expect(detail.model).toBe('gpt-5.6-terra');
    // The error text is kept; the secrets are gone, each with its label.
    expect(detail.outgoing).toContain(
      'Error: Request failed with status code 401\n    at settle (node_modules/axios/lib/core/settle.js:17:12)',
    );
    expect(detail.outgoing).toContain('OPENAI_API_KEY=[REDACTED:openai-key]');
    expect(detail.outgoing).toContain('git push https://[REDACTED:github-token]@github.com/acme/api.git');
    expect(detail.outgoing).not.toContain(openaiKey);
    expect(detail.outgoing).not.toContain(githubToken);
    expect(detail.redactions).toEqual([
      { kind: 'github-token', count: 1 },
      { kind: 'openai-key', count: 1 },
    ]);
    expect(detail.estimatedCostUsd).toBeGreaterThan(0);
    expect(detail.estimatedCostUsd).toBeCloseTo((detail.inputTokens * 2 + 4096 * 12) / 1e6, 10);
    expect(detail.budget).toMatchObject({ dailyCapUsd: 5, monthlyCapUsd: 50, todayUsd: 0, leftTodayUsd: 5 });
    expect(approval.message).toContain('Send this request to OpenAI (gpt-5.6-terra)?');
    expect(approval.message).toContain('Redacted before sending: 1 × github-token, 1 × openai-key.');
    expect(approval.said).toEqual(
      say('engine.frontierAsk', {
        provider: 'OpenAI',
        model: 'gpt-5.6-terra',
        cost: formatUsd(detail.estimatedCostUsd),
      }),
    );
    // The question in both languages, each from the catalogue, before the English details.
    expect(approval.message.split('\n').slice(0, 2)).toEqual([
      renderMessage(approval.said, 'ko'),
      renderMessage(approval.said, 'en'),
    ]);
    expect(task(h, t.id)).toMatchObject({ status: 'waiting', waitingFor: say('waiting.approval') });
    expect(h.openai.calls).toEqual([]);

    // The state has the four interface fields, and no secret anywhere.
    const state = await h.drive(h.core.getState());
    const view = state.approvals.find((a) => a.id === approval.id)!;
    expect(view).toMatchObject({
      kind: 'frontier',
      status: 'pending',
      provider: 'openai',
      model: 'gpt-5.6-terra',
      estimatedCostUsd: detail.estimatedCostUsd,
      outgoing: detail.outgoing,
      taskIds: [t.id],
    });
    const json = JSON.stringify(state);
    expect(json).not.toContain(openaiKey);
    expect(json).not.toContain(githubToken);
    expect(state.spend.byProvider.find((p) => p.provider === 'openai')).toMatchObject({
      keySet: true,
      model: 'gpt-5.6-terra',
    });
    expect(JSON.stringify(state.spend)).not.toContain(openaiKey.slice(0, 12));
  });

  it('on deny is denied and sends nothing', async () => {
    const h = await harness();
    const t = await submit(h, brokenTask, 3);
    await h.runUntil(() => pendingFrontier(h).length === 1, 'the approval');
    h.broker.answer(pendingFrontier(h)[0]!.id, 'deny');
    await h.runUntil(() => task(h, t.id).status === 'denied', 'denied');
    expect(task(h, t.id).error).toEqual(say('engine.frontierDenied'));
    expect(h.openai.calls).toEqual([]);
    expect(await h.drive(h.workspace.readText('.frontier-sos/spend.jsonl'))).toBeNull();
    const state = await h.drive(h.core.getState());
    expect(state.approvals.find((a) => a.kind === 'frontier')).toMatchObject({ status: 'denied', taskIds: [t.id] });
    // The answer is journalled: after a restart the history still lists it, once.
    await h.restart();
    const after = await h.drive(h.core.getState());
    expect(after.approvals.filter((a) => a.kind === 'frontier')).toEqual([
      expect.objectContaining({
        status: 'denied',
        taskIds: [t.id],
        provider: 'openai',
        said: say('engine.frontierDenied'),
        message: inEnglish(say('engine.frontierDenied')),
      }),
    ]);
  });

  it('expires like a planner approval when nobody answers', async () => {
    const h = await harness({}, { approvalTimeoutMs: 60_000 });
    const t = await submit(h, brokenTask, 3);
    await h.runUntil(() => task(h, t.id).status === 'denied', 'expired');
    expect(task(h, t.id).error).toEqual(say('engine.frontierNoAnswer', { minutes: 1 }));
    expect(inEnglish(task(h, t.id).error!)).toBe(
      'No answer within 1 min: nothing was sent. Re-route the task to frontier to ask again.',
    );
    expect(h.broker.pending()).toEqual([]);
    expect(h.openai.calls).toEqual([]);
  });

  it('on approve sends exactly the approved text, records the spend, writes the answer and hands it to the local team', async () => {
    const h = await harness();
    const t = await submit(h, brokenTask, 3);
    await h.runUntil(() => pendingFrontier(h).length === 1, 'the approval');
    const approval = pendingFrontier(h)[0]!;
    const streamed: string[] = [];
    h.core.on('token', (token) => token.taskId === t.id && token.role === 'frontier' && streamed.push(token.text));
    h.broker.answer(approval.id, 'approve');
    await h.runUntil(() => task(h, t.id).status === 'done', 'done');

    expect(streamed.length).toBeGreaterThan(0); // the answer streams to the dashboard as it comes
    expect(h.openai.calls).toHaveLength(1);
    expect(h.openai.calls[0]).toMatchObject({
      model: 'gpt-5.6-terra',
      text: approval.frontier!.outgoing,
      maxOutputTokens: 4096,
    });
    expect(h.openai.calls[0]!.system).toBeUndefined();

    const ledger = (await h.drive(h.workspace.readText('.frontier-sos/spend.jsonl')))!
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(ledger).toEqual([
      {
        at: expect.any(Number),
        taskId: t.id,
        approvalId: approval.id,
        provider: 'openai',
        model: 'gpt-5.6-terra',
        inputTokens: 500,
        outputTokens: 300,
        costUsd: (500 * 2 + 300 * 12) / 1e6,
        estimatedCostUsd: approval.frontier!.estimatedCostUsd,
        usageEstimated: false,
        pricesAsOf: '2026-11-24',
      },
    ]);
    const state = await h.drive(h.core.getState());
    expect(state.spend.todayUsd).toBeCloseTo(0.0046, 10);
    expect(state.spend.callsToday).toBe(1);
    expect(state.spend.leftTodayUsd).toBeCloseTo(5 - 0.0046, 10);

    const answer = h.workspace.files.get('shared/frontier_answer.md')!;
    expect(answer).toContain('Use a lock around the cache write in `src/cache.ts`.');
    expect(answer).toContain('- Provider: OpenAI');
    expect(answer).toContain('- Model: gpt-5.6-terra');
    expect(answer).toContain('- Cost: $0.0046 (500 input + 300 output tokens; prices as of 2026-11-24');
    expect(answer).toContain('- Redacted before sending: 1 × github-token, 1 × openai-key');
    expect(answer).toContain(approval.frontier!.outgoing);
    expect(answer).not.toContain(openaiKey);
    expect(h.workspace.files.get(`shared/results/${t.id}.md`)).toBe(answer);
    expect(task(h, t.id)).toMatchObject({ status: 'done', resultPath: `shared/results/${t.id}.md`, error: null });

    const followUp = [...coreInternals(h.core).ctx.state.tasks.values()].find((x) => x.rule === 'frontier-follow-up')!;
    expect(followUp).toMatchObject({ route: 'local', problemId: t.problemId });
    expect(followUp.text).toBe(
      `Read shared/frontier_answer.md (the frontier model's answer to ${t.id}); apply the fix it describes, changing only the files it names. Leave everything else as it is.`,
    );
    await h.runUntil(() => task(h, followUp.id).status === 'done', 'the follow-up');
  });

  it('keeps secrets out of the journal except in the task text the user wrote', async () => {
    const h = await harness();
    const t = await submit(h, brokenTask, 3);
    await h.runUntil(() => pendingFrontier(h).length === 1, 'the approval');
    h.broker.answer(pendingFrontier(h)[0]!.id, 'approve');
    await h.runUntil(() => task(h, t.id).status === 'done', 'done');
    const journal = (await h.drive(h.workspace.readText('.frontier-sos/journal.jsonl')))!;
    const records = journal
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; data: { task?: { text: string } } });
    const withSecret = records.filter((r) => JSON.stringify(r).includes(openaiKey));
    expect(withSecret).toHaveLength(1);
    expect(withSecret[0]!.type).toBe('task.created');
    expect(withSecret[0]!.data.task!.text).toBe(brokenTask);
    for (const path of [...h.workspace.files.keys(), '.frontier-sos/spend.jsonl'])
      await h.drive(h.workspace.readText(path));
    for (const [path, text] of h.workspace.files)
      if (!['.frontier-sos/journal.jsonl', '.frontier-sos/conversation.jsonl'].includes(path))
        expect(text, path).not.toContain(openaiKey);
  });

  it('is blocked, before anyone is asked, when the daily cap is reached', async () => {
    const h = await harness();
    const spent = {
      at: h.clock.now() - 3600_000,
      taskId: 'task-old',
      approvalId: null,
      provider: 'openai',
      model: 'gpt-5.6-terra',
      inputTokens: 1,
      outputTokens: 1,
      costUsd: 5.12,
      estimatedCostUsd: 5.12,
      usageEstimated: false,
      pricesAsOf: '2026-11-24',
    };
    await h.drive(h.workspace.appendLine('.frontier-sos/spend.jsonl', JSON.stringify(spent)));
    await h.restart();
    const t = await submit(h, brokenTask, 3);
    await h.runUntil(() => task(h, t.id).status === 'failed', 'blocked');
    expect(task(h, t.id).error).toEqual(say('engine.budgetReachedDaily', { cap: '$5.00', spent: '$5.12' }));
    expect(inEnglish(task(h, t.id).error!)).toBe(
      'Daily frontier budget of $5.00 reached ($5.12 spent today): raise it in Settings or wait until tomorrow.',
    );
    expect(h.broker.pending()).toEqual([]);
    expect(h.openai.calls).toEqual([]);
    const state = await h.drive(h.core.getState());
    expect(state.spend).toMatchObject({ todayUsd: 5.12, dailyCapUsd: 5, leftTodayUsd: 0 });
  });

  it('is blocked when its estimate would pass the monthly cap, and a raised cap lets it through', async () => {
    const h = await harness({ caps: { dailyUsd: null, monthlyUsd: 0.03 } });
    const t = await submit(h, brokenTask, 3);
    await h.runUntil(() => task(h, t.id).status === 'failed', 'blocked');
    expect(task(h, t.id).error?.key).toBe('engine.budgetExceedsMonthly');
    expect(inEnglish(task(h, t.id).error!)).toMatch(
      /^This call could cost up to \$0\.0\d{3}, more than the \$0\.0300 left of the monthly frontier budget of \$0\.0300 \(\$0\.00 spent this month\)/,
    );
    const roomy = await harness({ caps: { dailyUsd: null, monthlyUsd: 1 } });
    const u = await submit(roomy, brokenTask, 3);
    await roomy.runUntil(() => pendingFrontier(roomy).length === 1, 'asked');
    expect(pendingFrontier(roomy)[0]!.frontier!.budget).toMatchObject({
      dailyCapUsd: null,
      leftTodayUsd: null,
      leftMonthUsd: 1,
    });
    expect(task(roomy, u.id).status).toBe('waiting');
  });

  it('re-checks the budget after approval: two calls cannot both pass a cap only one fits', async () => {
    const h = await harness({ caps: { dailyUsd: 0.08, monthlyUsd: null } });
    const a = await submit(h, `${brokenTask}\nfirst`, 3);
    const b = await submit(h, `${brokenTask}\nsecond`, 3);
    await h.runUntil(() => pendingFrontier(h).length === 2, 'both asked');
    h.openai.takesMs = 60_000;
    for (const approval of pendingFrontier(h)) h.broker.answer(approval.id, 'approve');
    await h.runUntil(() => [a, b].every((t) => ['done', 'failed'].includes(task(h, t.id).status)), 'both settled');
    const outcomes = [task(h, a.id), task(h, b.id)];
    expect(outcomes.filter((t) => t.status === 'done')).toHaveLength(1);
    const notSent = outcomes.find((t) => t.status === 'failed')!.error!;
    expect(notSent).toMatchObject({
      key: 'engine.approvedNotSent',
      values: { reason: { key: 'engine.budgetExceedsDaily' } },
    });
    expect(inEnglish(notSent)).toMatch(/^Approved, but not sent: This call could cost up to/);
    expect(h.openai.calls).toHaveLength(1);
  });

  it("fails with the provider's clear message and records nothing when the key is refused", async () => {
    const h = await harness();
    h.openai.fail = new FrontierError(
      'auth',
      'openai',
      'The OpenAI key was refused (401) — set a new one in Settings / OPENAI_API_KEY.',
    );
    h.openai.calls.length = 0;
    h.openai.complete = async (request) => {
      h.openai.calls.push(request);
      throw h.openai.fail!;
    };
    const t = await submit(h, brokenTask, 3);
    await h.runUntil(() => pendingFrontier(h).length === 1, 'asked');
    h.broker.answer(pendingFrontier(h)[0]!.id, 'approve');
    await h.runUntil(() => task(h, t.id).status === 'failed', 'failed');
    // The adapter's words are carried whole, not read for meaning.
    expect(task(h, t.id).error).toEqual(
      hostSaid('The OpenAI key was refused (401) — set a new one in Settings / OPENAI_API_KEY.'),
    );
    expect(await h.drive(h.workspace.readText('.frontier-sos/spend.jsonl'))).toBeNull();
  });

  it('records an estimate when an answer breaks off after tokens arrived (they are billed)', async () => {
    const h = await harness();
    h.openai.fail = new FrontierError('stream_broken', 'openai', 'The OpenAI answer broke off partway (terminated).');
    const t = await submit(h, brokenTask, 3);
    await h.runUntil(() => pendingFrontier(h).length === 1, 'asked');
    h.broker.answer(pendingFrontier(h)[0]!.id, 'approve');
    await h.runUntil(() => task(h, t.id).status === 'failed', 'failed');
    const [entry] = (await h.drive(h.workspace.readText('.frontier-sos/spend.jsonl')))!
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(entry).toMatchObject({ taskId: t.id, usageEstimated: true, outputTokens: 2 });
    expect(entry.costUsd).toBeGreaterThan(0);
  });

  it('waits with a clear sentence when no key is set, and asks once one is set and the task re-routed', async () => {
    const h = await harness({}, { keys: {} });
    const t = await submit(h, brokenTask, 3);
    await h.runUntil(() => task(h, t.id).waitingFor?.key === 'engine.frontierNoKey', 'waiting for a key');
    expect(task(h, t.id)).toMatchObject({
      status: 'waiting',
      waitingFor: say('engine.frontierNoKey', { providers: 'OpenAI (OPENAI_API_KEY)' }),
    });
    expect(inEnglish(task(h, t.id).waitingFor!)).toBe(
      'No frontier API key is set: add one for OpenAI (OPENAI_API_KEY) in Settings or the environment, then re-route the task to frontier to ask again.',
    );
    const state = await h.drive(h.core.getState());
    expect(state.spend.byProvider.every((p) => !p.keySet)).toBe(true);
    h.keys.set('OPENAI_API_KEY', openaiKey);
    await h.drive(h.core.orchestrator.reroute(t.id, 'frontier'));
    await h.runUntil(() => pendingFrontier(h).length === 1, 'asked');
    // The app's own key is taken out even where it appears with no recognisable shape.
    expect(pendingFrontier(h)[0]!.frontier!.outgoing).not.toContain(openaiKey);
  });

  it('never makes local work wait, and runs during a planner swap', async () => {
    const h = await harness();
    h.host.chatMs = () => 30_000;
    const local = await submit(h, 'write a unit test for parseDate');
    const f = await submit(h, brokenTask, 3);
    await h.runUntil(() => pendingFrontier(h).length === 1 && task(h, local.id).status === 'running', 'both under way');
    expect(coreInternals(h.core).ctx.state.agents.coder).toMatchObject({ lock: 'BUSY', taskId: local.id });
    await h.runUntil(() => task(h, local.id).status === 'done', 'local done while the frontier approval waits');
    expect(task(h, f.id).status).toBe('waiting');
    expect(Object.values(coreInternals(h.core).ctx.state.agents).every((a) => a.taskId !== f.id)).toBe(true);

    // A planner swap waiting for its own approval does not hold a frontier call back either.
    const plan = await submit(h, 'Design the architecture of a brand-new billing system');
    await h.runUntil(() => h.broker.pending().some((a) => a.kind === 'planner'), 'the planner approval');
    h.broker.answer(pendingFrontier(h)[0]!.id, 'approve');
    await h.runUntil(() => task(h, f.id).status === 'done', 'frontier done during the swap');
    expect(h.core.currentSwap()?.state).toBe('awaiting_approval');
    expect(task(h, plan.id).status).toBe('waiting');
  });

  it('withdraws its approval when cancelled or re-routed', async () => {
    const h = await harness();
    const a = await submit(h, `${brokenTask}\nA`, 3);
    const b = await submit(h, `${brokenTask}\nB`, 3);
    await h.runUntil(() => pendingFrontier(h).length === 2, 'both asked');
    await h.drive(h.core.orchestrator.cancel(a.id));
    await h.runUntil(() => task(h, a.id).status === 'failed', 'cancelled');
    expect(task(h, a.id).error).toEqual(say('engine.frontierCancelled'));
    await h.drive(h.core.orchestrator.reroute(b.id, 'local'));
    await h.runUntil(() => task(h, b.id).status === 'done', 'done locally');
    expect(task(h, b.id)).toMatchObject({ route: 'local', rule: 'user-override' });
    expect(h.broker.pending()).toEqual([]);
    expect(h.openai.calls).toEqual([]);
    const state = await h.drive(h.core.getState());
    expect(state.approvals.filter((x) => x.kind === 'frontier').map((x) => x.status)).toEqual(['expired', 'expired']);
  });

  it('cancels a call under way', async () => {
    const h = await harness();
    h.openai.takesMs = 60_000;
    const t = await submit(h, brokenTask, 3);
    await h.runUntil(() => pendingFrontier(h).length === 1, 'asked');
    h.broker.answer(pendingFrontier(h)[0]!.id, 'approve');
    await h.runUntil(() => task(h, t.id).status === 'running', 'sent');
    await h.drive(h.core.orchestrator.cancel(t.id));
    await h.runUntil(() => task(h, t.id).status === 'failed', 'cancelled');
    expect(task(h, t.id).error).toEqual(say('engine.frontierCancelledStreaming'));
    expect(h.openai.calls[0]!.signal?.aborted).toBe(true);
  });

  it('asks again after a restart that interrupted the wait for approval', async () => {
    const h = await harness();
    const t = await submit(h, brokenTask, 3);
    await h.runUntil(() => pendingFrontier(h).length === 1, 'asked');
    await h.restart();
    await h.runUntil(() => pendingFrontier(h).length === 1, 'asked again');
    expect(pendingFrontier(h)[0]!.frontier!.taskIds).toEqual([t.id]);
    expect(h.core.orchestrator.recovery?.requeued).toContain(t.id);
    h.broker.answer(pendingFrontier(h)[0]!.id, 'approve');
    await h.runUntil(() => task(h, t.id).status === 'done', 'done');
    expect(h.openai.calls).toHaveLength(1);
  });

  it('uses the configured provider and model, and redacts user patterns', async () => {
    const h = await harness({
      provider: 'openai',
      models: { openai: 'gpt-4o', anthropic: 'claude-sonnet-5-5' },
      redactPatterns: [{ kind: 'customer-id', pattern: 'CUST-\\d{6}' }],
      maxOutputTokens: 1000,
    });
    await submit(h, 'frontier: why does CUST-123456 see a 500?', 0);
    await h.runUntil(() => pendingFrontier(h).length === 1, 'asked');
    const detail = pendingFrontier(h)[0]!.frontier!;
    expect(detail).toMatchObject({
      model: 'gpt-4o',
      maxOutputTokens: 1000,
      redactions: [{ kind: 'customer-id', count: 1 }],
    });
    expect(detail.outgoing).toContain('why does [REDACTED:customer-id] see a 500?');
    expect(detail.estimatedCostUsd).toBeCloseTo((detail.inputTokens * 2.5 + 1000 * 10) / 1e6, 10);
  });
});

import { describe, expect, it } from 'vitest';
import { actionItemsHeading } from '../../shared/blueprint';
import { currentTaskSchema } from '../../shared/current-task';
import { inEnglish, renderMessage, say } from '../../shared/engine-message';
import { findProfile, planMemory } from '../../shared/memory/index';
import { defaultRoles } from '../../shared/roles';
import { InvariantError } from '../../src/core/orchestrator/context';
import { createHarness, type Harness } from '../helpers/core-harness';
import { coreInternals } from '../../src/core/testing';

const planner = defaultRoles.planner.model;
const coder = defaultRoles.coder.model;
const router = defaultRoles.router.model;
const reviewer = defaultRoles.reviewer.model;

async function submit(h: Harness, text: string) {
  return h.drive(h.core.orchestrator.submit({ text }), 'submit');
}
const task = (h: Harness, id: string) => h.core.orchestrator.get(id);
const pending = (h: Harness) => h.broker.pending();

describe('the baton pass (sos policy)', () => {
  it('snapshots before asking, asks with the exact warning, swaps only what must go, and restores', async () => {
    const h = createHarness();
    await h.start();
    const t = await submit(h, 'Design the architecture of a brand-new billing system');
    expect(t.route).toBe('planner');
    await h.runUntil(() => pending(h).length === 1, 'an approval');

    // Rule 2: the snapshot is on disk before the question is asked.
    const snapshot = currentTaskSchema.parse(JSON.parse(h.workspace.files.get('shared/current_task.json')!));
    expect(snapshot.task?.id).toBe(t.id);
    expect(snapshot.lastRequirement).toContain('billing system');
    const tempContext = h.workspace.files.get('shared/temp_context.md')!;
    expect(tempContext).toContain('billing system'); // the rule-based compaction keeps the requirement
    expect(tempContext).toContain(`## Router summary\n\nanswer from ${router}`); // and the Router adds its summary
    expect(h.host.loads).not.toContain(router);
    expect(h.workspace.files.get('.frontier-sos/snapshots/index.json')).toContain('"version": 1');

    // Rule 3: the exact warning, which models unload, memory freed and expected time.
    const approval = pending(h)[0]!;
    expect(approval.message).toContain(
      '[WARNING: 52B Planner 소환이 필요합니다. 상주 모델이 언마운트됩니다. 승인하시겠습니까?]',
    );
    expect(approval.planner?.unloadModels).toEqual([coder, reviewer]);
    expect(approval.planner?.freesBytes).toBeGreaterThan(30e9);
    expect(approval.planner?.expectedSwapSeconds).toBeGreaterThan(0);
    expect(task(h, t.id)).toMatchObject({ status: 'waiting', waitingFor: say('waiting.approval') });
    expect(h.host.unloads).toEqual([]);

    h.answer(approval.id, 'approve');
    await h.runUntil(() => task(h, t.id).status === 'done' && h.core.currentSwap() === null, 'the swap to finish');

    const blueprint = h.workspace.files.get('shared/blueprint.md')!;
    expect(blueprint).toContain(actionItemsHeading);
    expect(blueprint.match(/^\d\. \*\*/gm)).toHaveLength(5);
    expect(h.host.unloads).toEqual([coder, reviewer, planner]);
    expect(h.host.loaded.has(router)).toBe(true); // the Router stayed
    expect(h.host.loaded.has(coder)).toBe(true); // the Coder came back first
    expect(h.host.loaded.has(planner)).toBe(false); // the Planner left at once
    expect(h.host.loaded.has(reviewer)).toBe(false); // lazily, when a review needs it
    expect(h.host.violations).toEqual([]);
    // The residents get a short pointer to the files, never the blueprint itself.
    const followUp = [...coreInternals(h.core).ctx.state.tasks.values()].find((x) => x.rule === 'planner-follow-up')!;
    expect(followUp.text).toMatch(
      /^Read shared\/blueprint.md and shared\/temp_context.md; do action item 1 in src\/step1.ts/,
    );
    await h.runUntil(() => task(h, followUp.id).status === 'done', 'the follow-up');
    expect(h.host.loaded.has(reviewer)).toBe(true);
  });

  it('names only the models that are loaded: a Reviewer not yet back is not "unloaded"', async () => {
    // Without preloading, the core brings back the Router and the Coder at start; the Reviewer
    // comes when a review needs it.
    const h = createHarness({ preload: false });
    await h.start();
    const t = await submit(h, 'Design the architecture of a brand-new billing system');
    await h.runUntil(() => pending(h).length === 1, 'an approval');
    const approval = pending(h)[0]!;
    expect(approval.planner?.unloadModels).toEqual([coder]);
    const coderBytes = planMemory(defaultRoles, findProfile('m4pro-64')!).models.find(
      (m) => m.role === 'coder',
    )!.totalBytes;
    expect(approval.planner?.freesBytes).toBe(coderBytes);
    expect(approval.message).toContain(`Unloads ${coder} (frees ${(coderBytes / 1e9).toFixed(1)} GB)`);
    h.answer(approval.id, 'approve');
    await h.runUntil(() => task(h, t.id).status === 'done', 'the blueprint');
    expect(h.host.unloads.filter((m) => m !== planner)).toEqual([coder]);
  });

  it('on deny unloads nothing and marks the task, which can be re-routed', async () => {
    const h = createHarness();
    await h.start();
    const t = await submit(h, 'New system architecture for telemetry');
    await h.runUntil(() => pending(h).length === 1, 'an approval');
    h.answer(pending(h)[0]!.id, 'deny');
    await h.runUntil(() => task(h, t.id).status === 'denied', 'denied');
    expect(task(h, t.id).error).toEqual(say('engine.plannerDenied'));
    expect(h.host.unloads).toEqual([]);
    const state = await h.drive(h.core.getState(), 'state');
    expect(state.approvals.find((a) => a.taskIds.includes(t.id))?.status).toBe('denied');
    await h.drive(h.core.orchestrator.reroute(t.id, 'frontier'), 'reroute');
    expect(task(h, t.id)).toMatchObject({ route: 'frontier', rule: 'user-override', status: 'waiting' });
  });

  it('lets an unanswered approval expire: nothing unloads', async () => {
    const h = createHarness({ orchestrator: { approvalTimeoutMs: 60_000 } });
    await h.start();
    const t = await submit(h, 'architecture for a new payments platform');
    await h.runUntil(() => task(h, t.id).status === 'denied', 'expiry');
    expect(task(h, t.id).error).toEqual(say('engine.plannerNoAnswer', { minutes: 1 }));
    expect(pending(h)).toEqual([]);
    expect(h.host.unloads).toEqual([]);
    const state = await h.drive(h.core.getState(), 'state');
    expect(state.approvals.find((a) => a.taskIds.includes(t.id))?.status).toBe('expired');
    expect(h.answer('approval-x', 'approve')).toBe(false);
  });

  it('drains: waits for the Coder to go IDLE, and starts no new local work meanwhile', async () => {
    const h = createHarness();
    h.host.chatMs = (r) => (r.model === coder ? 60_000 : 1000);
    await h.start();
    const local = await submit(h, 'fix the flaky test in src/api.ts');
    await h.runUntil(() => task(h, local.id).status === 'running', 'coder busy');
    const plan = await submit(h, 'architecture of a new search service');
    const later = await submit(h, 'rename a variable');
    await h.runUntil(() => h.core.currentSwap()?.state === 'draining', 'draining');
    expect(pending(h)).toEqual([]);
    expect(task(h, plan.id).waitingFor).toEqual(say('waiting.drain'));
    await h.runUntil(() => pending(h).length === 1, 'approval after drain');
    // The earlier task's answer is saved; its review (new work) waits for the swap, as does the later task.
    expect(task(h, local.id).status).toBe('waiting');
    expect(h.core.orchestrator.waitingReason(task(h, local.id))).toEqual(say('waiting.reviewAfterSwap'));
    expect(h.workspace.files.get(`shared/results/${local.id}.md`)).toContain('answer from');
    expect(task(h, later.id).status).toBe('queued');
    expect(h.core.orchestrator.waitingReason(task(h, later.id))).toEqual(say('waiting.swap'));
    h.answer(pending(h)[0]!.id, 'approve');
    await h.runUntil(
      () => task(h, later.id).status === 'done' && task(h, local.id).status === 'done',
      'both after the swap',
    );
    expect(h.host.violations).toEqual([]);
  });

  it('a planner request that arrives while the approval is on screen does not join it: it gets its own swap and approval', async () => {
    const h = createHarness({ orchestrator: { autoFollowUp: false } });
    await h.start();
    const a = await submit(h, 'architecture of a new CRM');
    await h.runUntil(() => pending(h).length === 1, 'approval');
    const b = await submit(h, 'architecture of a new data lake');
    await h.settle(60_000);
    expect(pending(h)[0]!.planner?.taskIds).toEqual([a.id]);
    expect(h.core.currentSwap()?.taskIds).toEqual([a.id]);
    h.answer(pending(h)[0]!.id, 'approve');
    await h.runUntil(
      () => pending(h).length === 1 && pending(h)[0]!.planner?.taskIds.includes(b.id) === true,
      "b's own approval",
    );
    h.answer(pending(h)[0]!.id, 'approve');
    await h.runUntil(
      () => task(h, a.id).status === 'done' && task(h, b.id).status === 'done' && !h.core.currentSwap(),
      'both served',
    );
    expect(coreInternals(h.core).ctx.state.swaps.map((s) => s.taskIds)).toEqual([[a.id], [b.id]]);
  });

  it('planner requests queued while the swap drains share its one approval', async () => {
    const h = createHarness({ orchestrator: { autoFollowUp: false } });
    await h.start();
    h.host.chatMs = () => 30_000;
    const busy = await submit(h, 'fix bug #1 in src/a.ts');
    await h.runUntil(() => task(h, busy.id).status === 'running', 'the Coder busy');
    const a = await submit(h, 'architecture of a new CRM');
    const b = await submit(h, 'architecture of a new data lake');
    await h.runUntil(() => pending(h).length === 1, 'approval');
    expect(pending(h)[0]!.planner?.taskIds).toEqual([a.id, b.id]);
    h.answer(pending(h)[0]!.id, 'approve');
    await h.runUntil(
      () => task(h, a.id).status === 'done' && task(h, b.id).status === 'done' && !h.core.currentSwap(),
      'both served',
    );
    expect(h.host.loads.filter((m) => m === planner)).toHaveLength(1);
    expect(coreInternals(h.core).ctx.state.swaps).toHaveLength(1);
  });

  it('the seed policy unloads every resident and reloads them all', async () => {
    const h = createHarness({
      orchestrator: { policy: { name: 'seed', evict: 'all', reload: 'eager', batch: false }, autoFollowUp: false },
    });
    await h.start();
    const t = await submit(h, 'architecture of a new CRM');
    await h.runUntil(() => pending(h).length === 1, 'approval');
    expect(pending(h)[0]!.planner?.unloadModels).toEqual([router, coder, reviewer]);
    h.answer(pending(h)[0]!.id, 'approve');
    await h.runUntil(() => task(h, t.id).status === 'done' && !h.core.currentSwap(), 'done');
    expect([...h.host.loaded.keys()].sort()).toEqual([coder, reviewer, router].sort());
  });

  it('does not ask while the Planner would not fit live memory, says why with numbers, and asks once it fits', async () => {
    const h = createHarness();
    await h.start();
    h.memory.freeBytes = 1 * 2 ** 30; // another app holds almost everything
    const t = await submit(h, 'architecture of a new CRM');
    await h.runUntil(() => task(h, t.id).waitingFor?.key === 'engine.fitHeld', 'the fit gate to hold the swap');
    const held = task(h, t.id).waitingFor!;
    expect(held.values?.['detail']).toMatch(/memory is .* short/);
    expect(held.values?.['detail']).toMatch(/need 31\.9 GB, free after unloading coder and reviewer/);
    // A Korean dashboard gets the gist in Korean, the figures as the gate wrote them.
    expect(renderMessage(held, 'ko')).toMatch(/^플래너가 아직 메모리에 들어가지 않아 .*need 31\.9 GB/);
    expect(pending(h)).toEqual([]);
    h.memory.freeBytes = 32 * 2 ** 30; // the other app quit
    await h.runUntil(() => pending(h).length === 1, 'the approval once it fits');
    expect(pending(h)[0]!.message).toMatch(/Planner swap fits/);
    expect(h.host.unloads).toEqual([]);
  });

  it('gives up, unloading nothing, when memory never frees within the approval window', async () => {
    const h = createHarness({ orchestrator: { approvalTimeoutMs: 5 * 60_000 } });
    await h.start();
    h.memory.pressure = 'critical';
    const t = await submit(h, 'architecture of a new CRM');
    await h.runUntil(() => task(h, t.id).status === 'denied', 'denied by the gate');
    const notStarted = task(h, t.id).error!;
    expect(notStarted.key).toBe('engine.plannerNotStarted');
    expect(inEnglish(notStarted)).toMatch(/^Not started: .*pressure critical/);
    expect(h.host.unloads).toEqual([]);
  });

  it('a planner that fails to load fails the swap and brings the residents back', async () => {
    const h = createHarness();
    h.host.failLoads.add(planner);
    await h.start();
    const t = await submit(h, 'architecture of a new CRM');
    await h.runUntil(() => pending(h).length === 1, 'approval');
    h.answer(pending(h)[0]!.id, 'approve');
    await h.runUntil(() => task(h, t.id).status === 'failed', 'failure');
    const failed = task(h, t.id).error!;
    expect(failed).toMatchObject({ key: 'engine.swapFailed', values: { state: 'loading planner' } });
    expect(inEnglish(failed)).toMatch(/failed while loading planner: .*llama runner process has terminated/);
    await h.settle();
    expect(h.host.loaded.has(coder)).toBe(true);
    expect(h.host.loaded.has(router)).toBe(true);
    expect(h.core.currentSwap()).toBeNull();
  });

  it('refuses, in code, to unload a BUSY model (Rule 1)', async () => {
    const h = createHarness();
    h.host.chatMs = () => 60_000;
    await h.start();
    const t = await submit(h, 'write a unit test');
    await h.runUntil(() => task(h, t.id).status === 'running', 'busy');
    await expect(coreInternals(h.core).ctx.unloadIfLoaded('coder')).rejects.toThrow(InvariantError);
    expect(h.host.unloads).toEqual([]);
  });

  it('exposes the escalation meter over the routed tasks', async () => {
    const h = createHarness();
    await h.start();
    await submit(h, 'fix a typo');
    await submit(h, 'rename a function');
    await submit(h, 'architecture of a new platform');
    const { escalation } = await h.drive(h.core.getState(), 'state');
    expect(escalation).toMatchObject({
      samples: 3,
      escalated: 1,
      target: 0.1,
      byRoute: { local: 2, planner: 1, frontier: 0 },
    });
    expect(escalation.share).toBeCloseTo(1 / 3);
  });

  it('counts a "still broken" follow-up as a failed attempt on the same problem', async () => {
    const h = createHarness();
    await h.start();
    const first = await submit(h, 'the login page crashes');
    await h.runUntil(() => task(h, first.id).status === 'done', 'first');
    const second = await h.drive(h.core.orchestrator.stillBroken(first.id, 'still crashes'), 'again');
    const third = await h.drive(h.core.orchestrator.stillBroken(second.id, 'still'), 'again');
    const fourth = await h.drive(h.core.orchestrator.stillBroken(third.id, 'still'), 'again');
    expect([second, third, fourth].map((t) => t.failedAttempts)).toEqual([1, 2, 3]);
    expect(new Set([first, second, third, fourth].map((t) => t.problemId)).size).toBe(1);
    expect(fourth.route).toBe('frontier');
  });

  it('cancels a running local task by stopping its stream', async () => {
    const h = createHarness();
    h.host.chatMs = () => 60_000;
    await h.start();
    const t = await submit(h, 'long refactor');
    await h.runUntil(() => task(h, t.id).status === 'running', 'running');
    await h.drive(h.core.orchestrator.cancel(t.id), 'cancel');
    await h.runUntil(() => task(h, t.id).status === 'failed', 'cancelled');
    expect(task(h, t.id).error).toEqual(say('engine.cancelled'));
    expect(coreInternals(h.core).ctx.state.agents.coder.lock).toBe('IDLE');
  });
});

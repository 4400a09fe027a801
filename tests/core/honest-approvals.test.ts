import { describe, expect, it } from 'vitest';
import { createHarness } from '../helpers/core-harness';
import { coreInternals } from '../../src/core/testing';

const minutes = 60_000;

// "Rule 3 means what it says": an approval covers exactly what it showed, and the Planner's stay
// is capped. Virtual time, the keyword router ("architecture" → planner).
describe('an approval covers exactly what it showed', () => {
  it('a planner request filed while the Planner plans is served by a later swap with its own approval; the first record is unchanged', async () => {
    const h = createHarness();
    h.host.chatMs = (r) => (r.model.includes('jamba') ? 3 * minutes : 1000);
    await h.start();
    const first = await h.drive(h.core.orchestrator.submit({ text: 'architecture of system one' }), 'first request');
    await h.runUntil(() => h.broker.pending().length > 0, 'the first approval');
    const approval = h.broker.pending()[0]!;
    expect(approval.planner?.taskIds).toEqual([first.id]);
    h.answer(approval.id, 'approve');
    await h.runUntil(() => h.core.currentSwap()?.state === 'planning', 'planning');
    const firstSwap = h.core.currentSwap()!;
    const approved = (s: typeof firstSwap) => ({
      id: s.id,
      taskIds: s.taskIds,
      evict: s.evict,
      approvalId: s.approvalId,
      snapshotVersion: s.snapshotVersion,
      startedAt: s.startedAt,
    });

    const late = await h.drive(
      h.core.orchestrator.submit({ text: 'architecture of system two' }),
      'a request during planning',
    );
    await h.runUntil(
      () => coreInternals(h.core).ctx.state.swaps.some((s) => s.id === firstSwap.id && s.state === 'done'),
      'the first swap to end',
    );
    const ended = coreInternals(h.core).ctx.state.swaps.find((s) => s.id === firstSwap.id)!;
    expect(ended.taskIds).toEqual([first.id]);
    expect(approved(ended)).toEqual(approved(firstSwap));

    // The late request gets a swap and an approval of its own.
    await h.runUntil(() => h.broker.pending().some((a) => a.planner?.taskIds.includes(late.id)), 'its own approval');
    const second = h.broker.pending().find((a) => a.planner?.taskIds.includes(late.id))!;
    expect(second.id).not.toBe(approval.id);
    expect(second.planner?.taskIds).toEqual([late.id]);
    h.answer(second.id, 'approve');
    await h.runUntil(() => h.core.orchestrator.get(late.id).status === 'done', 'the late request done');
    const secondSwap = coreInternals(h.core).ctx.state.swaps.find((s) => s.approvalId === second.id)!;
    expect(h.core.orchestrator.get(first.id).swapId).toBe(firstSwap.id);
    expect(h.core.orchestrator.get(late.id).swapId).toBe(secondSwap.id);
    for (const s of coreInternals(h.core).ctx.state.swaps) expect(new Set(s.taskIds).size).toBe(s.taskIds.length);
    expect(h.host.violations).toEqual([]);
  });
});

describe("the residents' absence is capped", () => {
  it('cap 2 minutes, planner requests arriving every 30 s: the Planner leaves within the cap plus one request, and the Coder is back before the next swap', async () => {
    const h = createHarness({ orchestrator: { maxPlannerStayMs: 2 * minutes, autoFollowUp: false } });
    h.host.chatMs = (r) => (r.model.includes('jamba') ? 50_000 : 1000);
    await h.start();
    const ids: string[] = [];
    // Six requests queued while the first swap drains (they share one approval), then more every 30 s.
    for (let i = 0; i < 6; i++)
      ids.push((await h.drive(h.core.orchestrator.submit({ text: `architecture of system ${i}` }), 'request')).id);
    for (let i = 6; i < 10; i++)
      h.clock.setTimer(
        i * 30_000,
        () => void h.core.orchestrator.submit({ text: `architecture of system ${i}` }).then((t) => ids.push(t.id)),
      );
    // The user approves each swap as soon as it is asked (checked at every step of virtual time).
    const approveAndCheck = () => {
      for (const a of h.broker.pending()) h.answer(a.id, 'approve');
      return ids.length === 10 && ids.every((id) => h.core.orchestrator.get(id).status === 'done');
    };
    await h.runUntil(approveAndCheck, 'every request served', 6 * 3600_000);
    const swaps = coreInternals(h.core).ctx.state.swaps.filter((s) => s.state === 'done');
    expect(swaps.length).toBeGreaterThan(1);
    for (const s of swaps) {
      const stay = s.enteredAt['unloading_planner']! - s.enteredAt['planning']!;
      expect(stay).toBeLessThanOrEqual(2 * minutes + 50_000 + 5_000);
    }
    // Between two swaps the Coder came back: each restore loaded it.
    expect(h.host.loads.filter((m) => m.includes('coder')).length).toBeGreaterThanOrEqual(swaps.length);
    expect(h.host.violations).toEqual([]);
  });
});

describe('the fit gate fails closed', () => {
  it('memory that cannot be read: the approval says so, a plain approve is refused, only approve-anyway goes ahead', async () => {
    const h = createHarness({ orchestrator: { autoFollowUp: false } });
    await h.start();
    h.memoryFails = true;
    const t = await h.drive(h.core.orchestrator.submit({ text: 'architecture of a new system' }), 'planner request');
    await h.runUntil(() => h.broker.pending().length > 0, 'the approval');
    const state = await h.drive(h.core.getState(), 'state');
    const approval = state.approvals.find((a) => a.status === 'pending')!;
    expect(approval.planner?.memoryUnknown).toBe(true);
    expect(approval.message).toContain('Memory could not be read');
    const refused = await h.drive(
      h.core.handlers['approvals.answer']({ id: approval.id, decision: 'approve' }).catch((e: unknown) => e),
      'a plain approve',
    );
    expect(refused).toMatchObject({ code: 'conflict' });
    expect(h.broker.pending().map((a) => a.id)).toEqual([approval.id]);
    expect(h.host.unloads).toEqual([]);
    h.approvedIds.add(approval.id); // the harness's Rule 3 check: the user did approve (anyway)
    const answered = await h.drive(
      h.core.handlers['approvals.answer']({ id: approval.id, decision: 'approve-anyway' }),
      'approve anyway',
    );
    expect(answered.accepted).toBe(true);
    await h.runUntil(() => h.core.orchestrator.get(t.id).status === 'done', 'the planner ran');
    expect(h.host.violations).toEqual([]);
  });
});

describe('one list of what unloads, everywhere', () => {
  it('a Reviewer that is not loaded is not listed: the approval and the swap (which the panel shows) say the same', async () => {
    const h = createHarness({ orchestrator: { autoFollowUp: false } });
    await h.start();
    h.host.loaded.delete('qwen2.5:14b');
    await h.drive(coreInternals(h.core).ctx.refreshLoaded(), 'refresh');
    await h.drive(h.core.orchestrator.submit({ text: 'architecture of a new system' }), 'planner request');
    await h.runUntil(() => h.broker.pending().length > 0, 'the approval');
    const swap = h.core.currentSwap()!;
    expect(swap.evict).toEqual(expect.arrayContaining(['coder', 'reviewer']));
    expect(swap.unloading).toEqual(['coder']);
    expect(h.broker.pending()[0]!.planner?.unloadModels).toEqual(['qwen2.5-coder:32b']);
    // It survives a restart as journalled.
    await h.crashAndRestart();
    expect(
      coreInternals(h.core).ctx.state.swaps.find((s) => s.id === swap.id)?.unloading ?? h.core.currentSwap()?.unloading,
    ).toEqual(['coder']);
  });
});

import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startHeadless, type Headless } from '../../src/compose/headless';
import { until } from '../helpers/poll';
import { coreInternals } from '../../src/core/testing';

// "An honest expected time": on the simulator (real adapter, real clock, time scale 0.2), the time
// from unloading to the Planner ready is within 0.67–1.5× of expectedSwapSeconds, for the first
// (cold) swap of the day and for a later (warm) one; the Planner's working time is said apart.
let headless: Headless | undefined;
afterAll(async () => headless?.close(0));

describe('expected swap time', () => {
  it('cold first, then warm: each within 0.67–1.5× of what the approval said', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fsos-swaptime-'));
    headless = await startHeadless({ workspaceDir: dir, ollamaUrl: 'http://127.0.0.1:9', sim: { timeScale: 0.2 } });
    const core = headless.core;
    const seen: Array<{ warm: boolean; expected: number; actual: number; typical: number | null }> = [];
    for (const text of [
      'Design the whole architecture of a brand-new billing system from scratch',
      'Design the whole architecture of a brand-new search platform from scratch',
    ]) {
      const task = await core.orchestrator.submit({ text, route: 'planner' });
      const state = await until(
        () => core.getState(),
        (s) => s.approvals.some((a) => a.status === 'pending' && a.taskIds.includes(task.id)),
        'the approval',
        60_000,
      );
      const approval = state.approvals.find((a) => a.status === 'pending' && a.taskIds.includes(task.id))!;
      await core.handlers['approvals.answer']({ id: approval.id, decision: 'approve' });
      await until(
        async () => coreInternals(core).ctx.state.swaps.find((s) => s.approvalId === approval.id),
        (s) => s?.state === 'done',
        'the swap to end',
        120_000,
      );
      const swap = coreInternals(core).ctx.state.swaps.find((s) => s.approvalId === approval.id)!;
      seen.push({
        warm: approval.planner!.plannerWarm,
        expected: approval.planner!.expectedSwapSeconds,
        actual: (swap.enteredAt['planning']! - swap.enteredAt['unloading']!) / 1000,
        typical: approval.planner!.typicalPlanningSeconds,
      });
      await until(
        async () => core.orchestrator.get(task.id).status,
        (s) => s === 'done',
        'the task',
        60_000,
      );
    }
    expect(seen.map((s) => s.warm)).toEqual([false, true]);
    // The Planner's working time is said apart: unknown before any history, then from the first swap.
    expect(seen[0]!.typical).toBeNull();
    expect(seen[1]!.typical).toBeGreaterThan(0);
    for (const s of seen) {
      const ratio = s.actual / s.expected;
      expect(
        ratio,
        `${s.warm ? 'warm' : 'cold'}: ${s.actual.toFixed(2)} s against ${s.expected} s expected`,
      ).toBeGreaterThanOrEqual(0.67);
      expect(
        ratio,
        `${s.warm ? 'warm' : 'cold'}: ${s.actual.toFixed(2)} s against ${s.expected} s expected`,
      ).toBeLessThanOrEqual(1.5);
    }
  }, 240_000);
});

import { describe, expect, it } from 'vitest';
import { defaultRoles, type RolesConfig } from '../../shared/roles';
import { createHarness } from '../helpers/core-harness';
import { coreInternals } from '../../src/core/testing';

// Only the scheduler loads models (issue: "the judgment keeps the rules"). A 70B Planner at a 4k
// context does not fit beside the Router, so a swap unloads it; while that swap is on, the Router
// model is never asked, and nothing but the swap loads anything.
const roles: RolesConfig = { ...defaultRoles, planner: { model: 'llama3.3:70b', numCtx: 4096, resident: false } };

describe('the Router model is asked only through the scheduler', () => {
  it('with a 70B planner at 4k, an unsure task filed during planning loads nothing and is decided without the model', async () => {
    const h = createHarness({ route: null, routerJudge: true, router: { askModelBelow: 1 }, roles });
    h.host.chatMs = (request) => (request.model === roles.planner.model ? 120_000 : 2_000);
    await h.start();
    expect(coreInternals(h.core).ctx.plan.plannerSwapEvicts).toContain('router');

    const request = await h.drive(
      h.core.orchestrator.submit({ text: 'architecture of a new billing system' }),
      'planner request',
    );
    expect(request).toMatchObject({ route: 'planner', rule: 'router-model' });
    await h.runUntil(() => h.broker.pending().length > 0, 'the planner approval');
    h.answer(h.broker.pending()[0]!.id, 'approve');
    await h.runUntil(() => h.core.currentSwap()?.state === 'planning', 'planning');

    const loadsBefore = [...h.host.loads];
    const unsure = await h.drive(
      h.core.orchestrator.submit({ text: 'fix bug #7 in src/m7.ts' }),
      'an unsure task during planning',
    );
    expect(unsure.rule).not.toBe('router-model');
    expect(unsure.reason).toContain('not asked: the Router model is unloaded for the Planner swap');
    expect(h.host.loads).toEqual(loadsBefore);
    expect(h.host.loaded.has(roles.router.model)).toBe(false);

    await h.runUntil(() => h.core.currentSwap() === null, 'the swap to end');
    expect(h.host.loaded.has(roles.router.model)).toBe(true);
    expect(h.host.violations).toEqual([]);
  });

  it('a judgment in flight holds the drain: the Router leaves only after it answered', async () => {
    const h = createHarness({ route: null, routerJudge: true, router: { askModelBelow: 1 }, roles });
    h.host.chatMs = (request) => (request.model === roles.router.model ? 6_000 : 1_000);
    await h.start();
    let judged = false;
    const pending = h.core.orchestrator.submit({ text: 'fix bug #1 in src/m1.ts' }).then((t) => {
      judged = true;
      return t;
    });
    // Let the judgment start, then a planner request chosen by hand (no judgment needed).
    await h.runUntil(() => (h.host.inFlight.get(roles.router.model) ?? 0) > 0, 'the judgment to start');
    await h.drive(h.core.orchestrator.submit({ text: 'design it', route: 'planner' }), 'planner request');
    await h.runUntil(() => h.core.currentSwap()?.state === 'awaiting_approval', 'the approval');
    expect(judged).toBe(true);
    expect((await pending).rule).toBe('router-model');
    expect(h.host.violations).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { defaultRoles } from '../../shared/roles';
import { createHarness } from '../helpers/core-harness';

// The simulation tests are only as good as the checks that watch them: these show each check
// firing when the rule it watches is broken from outside the core.
describe('the invariant checks of the simulation', () => {
  it('catch an unload of a model that is generating, and an unload outside any swap', async () => {
    const h = createHarness();
    h.host.chatMs = () => 60_000;
    await h.start();
    await h.drive(h.core.orchestrator.submit({ text: 'busy work' }), 'submit');
    await h.runUntil(() => (h.host.inFlight.get(defaultRoles.coder.model) ?? 0) > 0, 'generating');
    await h.drive(h.host.unload(defaultRoles.coder.model), 'sabotage');
    expect(h.host.violations).toEqual([
      `unloaded resident ${defaultRoles.coder.model} outside any swap`,
      `unloaded ${defaultRoles.coder.model} while it was generating`,
    ]);
  });

  it('catch a load over the memory budget', async () => {
    const h = createHarness();
    await h.start();
    await h.drive(h.host.load(defaultRoles.planner.model, { numCtx: 32768 }), 'sabotage');
    expect(h.host.violations[0]).toMatch(/^over budget: loading jamba-mini:52b/);
  });

  it('catch an unload during a swap that was never approved', async () => {
    const h = createHarness();
    await h.start();
    await h.drive(h.core.orchestrator.submit({ text: 'architecture of a new platform' }), 'submit');
    await h.runUntil(() => h.broker.pending().length === 1, 'approval asked');
    await h.drive(h.host.unload(defaultRoles.reviewer.model), 'sabotage');
    expect(h.host.violations).toEqual([expect.stringMatching(/without approval/)]);
  });
});

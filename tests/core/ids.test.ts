import { describe, expect, it } from 'vitest';
import { createHarness } from '../helpers/core-harness';

describe('approval ids', () => {
  it('are 128 random bits, not a time and a counter someone could guess', async () => {
    const ids = new Set<string>();
    for (let run = 0; run < 3; run++) {
      const h = createHarness();
      await h.start();
      await h.drive(h.core.orchestrator.submit({ text: 'architecture of a new system' }), 'planner request');
      await h.runUntil(() => h.broker.pending().length > 0, 'the approval');
      const id = h.broker.pending()[0]!.id;
      expect(id).toMatch(/^approval-[0-9a-f]{32}$/);
      expect(h.core.currentSwap()?.approvalId).toBe(id);
      ids.add(id);
    }
    expect(ids.size).toBe(3); // the same virtual time and counter each run, three different ids
  });
});

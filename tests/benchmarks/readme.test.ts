import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createMemoryWorkspace } from '../../src/adapters/workspace/memory-workspace';
import { runPolicy } from '../../bench/harness/run';
import type { TraceEntry } from '../../bench/harness/trace';

describe('benchmarks on the product defaults', () => {
  it("the README's benchmark tables are what a fresh `npm run bench:readme` gives", () => {
    // Needs the built CLI (npm test builds first).
    const r = spawnSync(process.execPath, ['scripts/bench-readme.mjs', '--check'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  }, 180_000);

  it('reviews take the Reviewer time: review on makes a Coder-only day longer than review off', async () => {
    const trace: TraceEntry[] = [0, 1, 2].map((i) => ({
      at: i * 1000,
      id: `c${i}`,
      route: 'local',
      agent: 'coder',
      workMs: 30_000,
    }));
    const off = await runPolicy(trace, 'sos', { review: false });
    const on = await runPolicy(trace, 'sos', {});
    // 30 s of Coder output read by the 14B Reviewer and a 200-token verdict: several seconds each.
    expect(on.makespan_ms - off.makespan_ms).toBeGreaterThan(5_000);
    const plainOff = await runPolicy(trace, 'ollama-default', { review: false });
    const plainOn = await runPolicy(trace, 'ollama-default', {});
    expect(plainOn.makespan_ms).toBeGreaterThan(plainOff.makespan_ms);
  });

  it('the overhead bench can run on a given workspace (the real path) and journals every task', async () => {
    const workspace = createMemoryWorkspace('/bench');
    const trace: TraceEntry[] = [0, 1].map((i) => ({ at: 0, id: `z${i}`, route: 'local', agent: 'coder', workMs: 0 }));
    await runPolicy(trace, 'sos', { workspace });
    const journal = (await workspace.readText('.frontier-sos/journal.jsonl')) ?? '';
    expect(journal.split('\n').filter((l) => l.includes('"task.created"'))).toHaveLength(2);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTrace, runBench, TraceError } from '../../bench/harness/index';
import { percentile } from '../../bench/harness/stats';

const minute = 60_000;
// A short morning: local work around two planner requests close together, one frontier call.
const morning = parseTrace(
  [
    { at: 0, id: 'a', route: 'local', agent: 'coder', workMs: 40_000 },
    { at: 10_000, id: 'b', route: 'local', agent: 'router', workMs: 2_000 },
    { at: 60_000, id: 'p1', route: 'planner', workMs: 120_000 },
    { at: 90_000, id: 'p2', route: 'planner', workMs: 90_000 },
    { at: 100_000, id: 'c', route: 'local', agent: 'coder', workMs: 30_000 },
    { at: 5 * minute, id: 'r', route: 'local', agent: 'reviewer', workMs: 20_000 },
    { at: 6 * minute, id: 'f', route: 'frontier', workMs: 30_000 },
  ]
    .map((e) => JSON.stringify(e))
    .join('\n'),
);

describe('bench', () => {
  it('measures each policy on the simulated machine and sos beats the literal protocol', async () => {
    const { policies } = await runBench(morning);
    const { sos, seed, 'ollama-default': plain } = policies;
    // The residents never lose in-flight work and memory never exceeds the budget under our policies.
    for (const m of [sos!, seed!]) {
      expect(m.busy_unloads).toBe(0);
      expect(m.over_budget_ms).toBe(0);
    }
    // Two requests close together: one swap and one approval under sos, two of each under seed.
    // p2 arrives while p1's approval is on screen: it gets its own swap and approval (an approval
    // covers exactly what it showed); sos still loads less, unloading only what must go.
    expect(sos!.swaps).toBe(2);
    expect(sos!.approvals_asked).toBe(2);
    expect(seed!.swaps).toBe(2);
    expect(seed!.approvals_asked).toBe(2);
    expect(sos!.bytes_loaded).toBeLessThan(seed!.bytes_loaded);
    // Ollama's own scheduler asks nobody.
    expect(plain!.approvals_asked).toBe(0);
    expect(plain!.swaps).toBeGreaterThanOrEqual(1);
    for (const m of Object.values(policies)) expect(m!.makespan_ms).toBeGreaterThanOrEqual(6 * minute + 30_000);
  });

  it('reports every bad trace line with its number', () => {
    expect(() =>
      parseTrace(
        '{"at":0,"id":"a","route":"local","workMs":1}\nnot json\n{"at":-1,"id":"b","route":"moon","workMs":1}',
      ),
    ).toThrow(TraceError);
    expect(() => parseTrace('{"at":0,"id":"a","route":"local","workMs":1}\nnot json')).toThrow(/line 2: not JSON/);
    expect(() => parseTrace('{"at":0,"id":"a","route":"moon","workMs":1}')).toThrow(/line 1: route/);
    expect(() =>
      parseTrace('{"at":0,"id":"a","route":"local","workMs":1}\n{"at":0,"id":"a","route":"local","workMs":1}'),
    ).toThrow(/used twice/);
    expect(() => parseTrace('\n\n')).toThrow(/no requests/);
  });

  it('computes nearest-rank percentiles', () => {
    expect(percentile([], 95)).toBe(0);
    expect(percentile([5], 50)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
  });

  it('prints {"policies": {...}} with every metric from the CLI', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fsos-bench-'));
    const file = join(dir, 'trace.jsonl');
    writeFileSync(file, morning.map((e) => JSON.stringify(e)).join('\n'));
    const r = spawnSync(
      process.execPath,
      ['bin/frontier-sos.mjs', 'bench', '--trace', file, '--policy', 'sos', '--json'],
      { encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { policies: Record<string, Record<string, number>> };
    expect(Object.keys(out.policies)).toEqual(['sos']);
    expect(Object.keys(out.policies['sos']!).sort()).toEqual(
      [
        'makespan_ms',
        'swaps',
        'bytes_loaded',
        'busy_unloads',
        'planner_wait_ms_p50',
        'planner_wait_ms_p95',
        'local_wait_ms_p95',
        'approvals_asked',
        'peak_memory_bytes',
        'over_budget_ms',
      ].sort(),
    );
    const bad = spawnSync(process.execPath, ['bin/frontier-sos.mjs', 'bench', '--trace', file, '--policy', 'fifo'], {
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown policy "fifo"');
    const missing = spawnSync(process.execPath, ['bin/frontier-sos.mjs', 'bench', '--trace', join(dir, 'nope.jsonl')], {
      encoding: 'utf8',
    });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('cannot read the trace');
  });
});

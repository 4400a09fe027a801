import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bytesFloor, fewestBatches, parseTrace, perSwapFloor, runBench } from '../../bench/harness/index';
import { percentile } from '../../bench/harness/stats';
import { findSpec, findProfile } from '../../shared/memory/index';
import { defaultRoles, type RolesConfig } from '../../shared/roles';
import { seededRng } from '../../src/sim/generator';

const profile = findProfile('m4pro-64')!;
const weights = (model: string) => findSpec(model)!.weightsBytes;

/** Every way to split 0..n-1 into batches (restricted growth strings): no contiguity assumed. */
function* setPartitions(n: number): Generator<number[]> {
  const labels = new Array<number>(n).fill(0);
  function* extend(i: number, used: number): Generator<number[]> {
    if (i === n) return yield [...labels];
    for (let label = 0; label <= used; label++) {
      labels[i] = label;
      yield* extend(i + 1, Math.max(used, label + 1));
    }
  }
  if (n) yield* extend(1, 1);
}

function bruteForceFewest(arrivals: readonly number[], limitMs: number): number {
  let best = Infinity;
  for (const labels of setPartitions(arrivals.length)) {
    const last = new Map<number, number>();
    labels.forEach((label, i) => last.set(label, Math.max(last.get(label) ?? -Infinity, arrivals[i]!)));
    const waits = arrivals.map((at, i) => last.get(labels[i]!)! - at);
    if (percentile(waits, 95) <= limitMs) best = Math.min(best, last.size);
  }
  return best;
}

describe('bytes floor', () => {
  it('finds the fewest batches any grouping could reach, contiguous or not (brute force on small days)', () => {
    const random = seededRng('floor', 2026);
    for (let round = 0; round < 300; round++) {
      const n = 1 + Math.floor(random() * 7);
      const arrivals = Array.from({ length: n }, () => Math.floor(random() * 1_000_000));
      const limit = Math.floor(random() * 400_000);
      expect(fewestBatches(arrivals, limit), `arrivals ${arrivals.join(',')} limit ${limit}`).toBe(
        bruteForceFewest(arrivals, limit),
      );
    }
  });

  it('lets exactly the nearest-rank allowance of waits go over the limit', () => {
    const hourly = Array.from({ length: 20 }, (_, i) => i * 3_600_000);
    // p95 of 20 waits is the 19th smallest: one wait may exceed the limit, so one pair merges.
    expect(fewestBatches(hourly, 100_000)).toBe(19);
    expect(fewestBatches(hourly.slice(0, 2), 100_000)).toBe(2);
    expect(fewestBatches(hourly, 24 * 3_600_000)).toBe(1);
    expect(fewestBatches([], 0)).toBe(0);
  });

  it('charges each swap the Planner plus the cheapest return the memory plan forces', () => {
    // Defaults: the Coder must leave (planner + coder exceed the budget) and comes back; keeping
    // the Router and dropping the Reviewer costs nothing more, since the Reviewer need not return.
    expect(perSwapFloor(defaultRoles, profile)).toEqual({
      bytes: weights('jamba-mini:52b') + weights('qwen2.5-coder:32b'),
      reloaded: ['coder'],
    });
    // A planner that fits beside every resident forces no eviction: only its own load.
    const small: RolesConfig = { ...defaultRoles, planner: { model: 'qwen2.5:7b', numCtx: 8192, resident: false } };
    expect(perSwapFloor(small, profile)).toEqual({ bytes: weights('qwen2.5:7b'), reloaded: [] });
    // One that fits nowhere is an error that names the model.
    const huge: RolesConfig = { ...defaultRoles, planner: { model: 'jamba-mini:52b', numCtx: 32768, resident: false } };
    expect(() => perSwapFloor(huge, findProfile('m3-36')!)).toThrow(/jamba-mini:52b.*does not fit/);
  });

  it('is a true floor: neither policy ever loads less on the shipped workdays', async () => {
    for (const name of ['workday-typical', 'workday-design-heavy', 'workday-light']) {
      const trace = parseTrace(readFileSync(`bench/traces/${name}.jsonl`, 'utf8'));
      const { policies, floor } = await runBench(trace, ['seed', 'sos'], { floor: true });
      expect(floor, name).toBeDefined();
      expect(floor!.plannerWaitLimitMs).toBeCloseTo(1.5 * policies['seed']!.planner_wait_ms_p95);
      expect(policies['sos']!.bytes_loaded, name).toBeGreaterThanOrEqual(floor!.bytesLoaded);
      expect(policies['seed']!.bytes_loaded, name).toBeGreaterThanOrEqual(floor!.bytesLoaded);
      expect(policies['sos']!.swaps, name).toBeGreaterThanOrEqual(floor!.swaps);
      expect(floor!.seedRatio).toBeCloseTo(floor!.bytesLoaded / policies['seed']!.bytes_loaded);
      expect(bytesFloor(trace, defaultRoles, profile, floor!.plannerWaitLimitMs)).toMatchObject({
        swaps: floor!.swaps,
        bytesLoaded: floor!.bytesLoaded,
      });
    }
  });

  it('prints the floor beside the policies from the CLI', () => {
    const r = spawnSync(
      process.execPath,
      [
        'bin/frontier-sos.mjs',
        'bench',
        '--trace',
        'bench/traces/workday-light.jsonl',
        '--policy',
        'sos',
        '--floor',
        '--json',
      ],
      { encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { policies: Record<string, unknown>; floor: Record<string, unknown> };
    // seed is run for the wait limit but only the asked policies are listed.
    expect(Object.keys(out.policies)).toEqual(['sos']);
    expect(Object.keys(out.floor).sort()).toEqual([
      'bytesLoaded',
      'perSwapBytes',
      'plannerWaitLimitMs',
      'reloaded',
      'seedRatio',
      'swaps',
    ]);
    expect(out.floor['swaps']).toBe(2);
    const text = spawnSync(
      process.execPath,
      ['bin/frontier-sos.mjs', 'bench', '--trace', 'bench/traces/workday-light.jsonl', '--floor'],
      { encoding: 'utf8' },
    );
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(
      /floor: [\d.]+ GB \([\d.]+x seed\) — no policy keeping the rules loads less: 2 swap\(s\)/,
    );
  });
});

import { findProfile } from '../../shared/memory/index';
import { defaultRoles } from '../../shared/roles';
import { bytesFloor, type BytesFloor } from './floor';
import { policyNames, runPolicy, type Metrics, type PolicyName, type RunOptions } from './run';
import type { TraceEntry } from './trace';

export { parseTrace, TraceError, type TraceEntry } from './trace';
export { policyNames, type Metrics, type PolicyName } from './run';
export { measureOverhead } from './overhead';
export { bytesFloor, fewestBatches, perSwapFloor, type BytesFloor } from './floor';

export interface BenchResult {
  policies: Record<string, Metrics>;
  /** With `floor`: the fewest bytes any policy keeping the product's rules could load (see floor.ts). */
  floor?: BytesFloor & { seedRatio: number };
}

/** How much worse than seed's planner wait p95 a policy may be (issue: "no worse than 1.5×"). */
export const plannerWaitAllowance = 1.5;

export async function runBench(
  trace: readonly TraceEntry[],
  policies: readonly PolicyName[] = policyNames,
  options: RunOptions & { floor?: boolean } = {},
): Promise<BenchResult> {
  const result: Record<string, Metrics> = {};
  for (const policy of policies) result[policy] = await runPolicy(trace, policy, options);
  if (!options.floor) return { policies: result };
  // The floor's wait limit comes from seed's run, made here if seed was not asked for.
  const seed = result['seed'] ?? (await runPolicy(trace, 'seed', options));
  const floor = bytesFloor(
    trace,
    options.roles ?? defaultRoles,
    options.profile ?? findProfile('m4pro-64')!,
    plannerWaitAllowance * seed.planner_wait_ms_p95,
  );
  return {
    policies: result,
    floor: { ...floor, seedRatio: seed.bytes_loaded ? floor.bytesLoaded / seed.bytes_loaded : 0 },
  };
}

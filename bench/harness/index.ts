import { policyNames, runPolicy, type Metrics, type PolicyName, type RunOptions } from './run';
import type { TraceEntry } from './trace';

export { parseTrace, TraceError, type TraceEntry } from './trace';
export { policyNames, type Metrics, type PolicyName } from './run';
export { measureOverhead } from './overhead';

export async function runBench(trace: readonly TraceEntry[], policies: readonly PolicyName[] = policyNames, options: RunOptions = {}): Promise<{ policies: Record<string, Metrics> }> {
  const result: Record<string, Metrics> = {};
  for (const policy of policies) result[policy] = await runPolicy(trace, policy, options);
  return { policies: result };
}

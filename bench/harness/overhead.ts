import { runPolicy } from './run';
import type { TraceEntry } from './trace';

/**
 * Orchestrator overhead: `count` local tasks that take no model time, through the whole
 * scheduler, journal and workspace, on a zero-latency simulator. Wall-clock tasks per second.
 */
export async function measureOverhead(
  count: number,
): Promise<{ tasks: number; seconds: number; tasksPerSecond: number }> {
  const trace: TraceEntry[] = Array.from({ length: count }, (_, i) => ({
    at: 0,
    id: `t${i}`,
    route: 'local',
    agent: (['coder', 'reviewer', 'router'] as const)[i % 3]!,
    workMs: 0,
  }));
  const started = process.hrtime.bigint();
  await runPolicy(trace, 'sos');
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { tasks: count, seconds, tasksPerSecond: count / seconds };
}

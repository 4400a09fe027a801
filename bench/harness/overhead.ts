import { createFsWorkspace } from '../../src/adapters/workspace/fs-workspace';
import { journalPath } from '../../src/core/index';
import { runPolicy } from './run';
import type { TraceEntry } from './trace';

export interface OverheadResult {
  tasks: number;
  seconds: number;
  tasksPerSecond: number;
  /** Which path the figure comes from: the real file journal (fsync on) or memory. */
  path: 'file-journal' | 'in-memory';
  /** Review on or off (the product's default is on). */
  review: boolean;
  /** With a workspace: tasks whose creation and completion the journal holds afterwards. */
  journalled: { created: number; done: number } | null;
}

/**
 * Orchestrator overhead: `count` local tasks that take no model time, through the whole
 * scheduler and journal, on a zero-latency simulator, with the product's default of review on.
 * With `workspaceDir`, through the real file journal (every append fsynced, group-committed) and
 * the real hand-off files; without, the pure core on an in-memory workspace. Wall-clock tasks per second.
 */
export async function measureOverhead(
  count: number,
  options: { workspaceDir?: string; review?: boolean } = {},
): Promise<OverheadResult> {
  const review = options.review ?? true;
  const trace: TraceEntry[] = Array.from({ length: count }, (_, i) => ({
    at: 0,
    id: `t${i}`,
    route: 'local',
    agent: (['coder', 'reviewer', 'router'] as const)[i % 3]!,
    workMs: 0,
  }));
  const workspace = options.workspaceDir ? createFsWorkspace(options.workspaceDir) : undefined;
  const started = process.hrtime.bigint();
  await runPolicy(trace, 'sos', { review, ...(workspace ? { workspace } : {}) });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  let journalled: OverheadResult['journalled'] = null;
  if (workspace) {
    const lines = ((await workspace.readText(journalPath)) ?? '').split('\n').filter(Boolean);
    const created = new Set<string>();
    const done = new Set<string>();
    for (const line of lines) {
      const record = JSON.parse(line) as {
        type: string;
        data: { task?: { id: string }; id?: string; patch?: { status?: string } };
      };
      if (record.type === 'task.created' && record.data.task) created.add(record.data.task.id);
      if (record.type === 'task.updated' && record.data.patch?.status === 'done' && record.data.id)
        done.add(record.data.id);
    }
    journalled = { created: created.size, done: done.size };
  }
  return {
    tasks: count,
    seconds,
    tasksPerSecond: count / seconds,
    path: workspace ? 'file-journal' : 'in-memory',
    review,
    journalled,
  };
}

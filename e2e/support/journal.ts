import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hostSaid, say } from '../../shared/engine-message';
import type { Task } from '../../shared/tasks';
import { journalVersion } from '../../src/core/journal/migrate';

const routes = [
  'local',
  'local',
  'local',
  'local',
  'local',
  'local',
  'local',
  'local',
  'local',
  'planner',
  'local',
  'local',
  'frontier',
] as const;
const finished = ['done', 'done', 'done', 'done', 'failed', 'done', 'denied', 'done'] as const;

/**
 * Writes a workspace journal (.frontier-sos/journal.jsonl) holding `count` finished tasks, in the
 * record format the core replays (src/core/journal, src/core/state.ts): the host starts with a
 * long history, and nothing in it is left to run.
 */
export async function writeTaskJournal(
  workspace: string,
  count: number,
  start = Date.now() - count * 60_000,
): Promise<void> {
  const lines: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const id = `task-bench-${i.toString(36).padStart(4, '0')}`;
    const route = routes[i % routes.length]!;
    const status = finished[i % finished.length]!;
    const at = start + i * 60_000;
    const task: Task = {
      id,
      text: `Task ${i + 1}: ${route === 'planner' ? 'design the architecture of a new service' : 'fix the failing unit test in module ' + (i % 97)}`,
      route,
      rule: route === 'local' ? 'routine' : route === 'planner' ? 'new-architecture' : 'post-cutoff-library',
      reason: 'Prepared history for the dashboard benchmark.',
      agent: route === 'local' ? 'coder' : route === 'planner' ? 'planner' : null,
      priority: 0,
      status,
      waitingFor: null,
      failedAttempts: 0,
      problemId: id,
      createdAt: at,
      updatedAt: at + 30_000,
      resultPath: status === 'done' ? `shared/results/${id}.md` : null,
      error:
        status === 'failed'
          ? hostSaid('The review failed (prepared history).')
          : status === 'denied'
            ? say('engine.plannerDenied')
            : null,
      swapId: null,
    };
    lines.push(JSON.stringify({ seq: i + 1, at, v: journalVersion, type: 'task.created', data: { task } }));
  }
  await mkdir(join(workspace, '.frontier-sos'), { recursive: true });
  await writeFile(join(workspace, '.frontier-sos', 'journal.jsonl'), `${lines.join('\n')}\n`);
}

import { sameMessage } from '../../../../shared/engine-message';
import type { Task } from '../../../../shared/tasks';

export const queueFilters = ['all', 'queued', 'waiting', 'running', 'finished'] as const;
export type QueueFilter = (typeof queueFilters)[number];

export const finishedStatuses: ReadonlySet<Task['status']> = new Set(['done', 'failed', 'denied']);

export type QueueCounts = Record<QueueFilter, number>;

export function countQueue(queue: readonly Task[]): QueueCounts {
  const counts: QueueCounts = { all: queue.length, queued: 0, waiting: 0, running: 0, finished: 0 };
  for (const task of queue) {
    if (finishedStatuses.has(task.status)) counts.finished += 1;
    else counts[task.status as 'queued' | 'waiting' | 'running'] += 1;
  }
  return counts;
}

/**
 * The rows a filter shows. Work still to do keeps the queue's order (oldest first, as it will be
 * served); "all" and "finished" show the newest first, where the user looks for what just happened.
 */
export function filterQueue(queue: readonly Task[], filter: QueueFilter): Task[] {
  if (filter === 'all') return [...queue].reverse();
  if (filter === 'finished') return queue.filter((t) => finishedStatuses.has(t.status)).reverse();
  return queue.filter((t) => t.status === filter);
}

const sameTask = (a: Task, b: Task) =>
  a.updatedAt === b.updatedAt &&
  a.status === b.status &&
  sameMessage(a.waitingFor, b.waitingFor) &&
  a.route === b.route;

/**
 * Keeps the previous object for every task that did not change, so memoised rows skip rendering
 * when a state push arrives with 10,000 tasks of which one moved. The queue is in creation order
 * and mostly grows at its end, so tasks are matched by position first and by id only after a shift.
 */
export function reuseUnchanged(previous: readonly Task[] | undefined, next: Task[]): Task[] {
  if (!previous || previous.length === 0) return next;
  let byId: Map<string, Task> | null = null;
  let changed = previous.length !== next.length;
  const merged = new Array<Task>(next.length);
  for (let i = 0; i < next.length; i += 1) {
    const task = next[i]!;
    let old = previous[i];
    if (old?.id !== task.id) {
      byId ??= new Map(previous.map((t) => [t.id, t]));
      old = byId.get(task.id);
      changed = true;
    }
    if (old && sameTask(old, task)) merged[i] = old;
    else {
      merged[i] = task;
      changed = true;
    }
  }
  return changed ? merged : (previous as Task[]);
}

/**
 * Applies a pushed delta (only the tasks that changed, and those still in play) to the queue the
 * page holds: replaced in place, found from the newest end where they almost always are; a task
 * the page has not seen yet is appended (tasks arrive in creation order).
 */
export function mergeTasks(previous: readonly Task[], delta: readonly Task[]): Task[] {
  if (delta.length === 0) return previous as Task[];
  const merged = previous.slice();
  let changed = false;
  for (const task of delta) {
    let i = merged.length - 1;
    while (i >= 0 && merged[i]!.id !== task.id) i -= 1;
    if (i < 0) {
      merged.push(task);
      changed = true;
    } else if (!sameTask(merged[i]!, task)) {
      merged[i] = task;
      changed = true;
    }
  }
  return changed ? merged : (previous as Task[]);
}

export const canReroute = (task: Task) => ['queued', 'waiting', 'denied', 'failed'].includes(task.status);
export const canCancel = (task: Task) => !finishedStatuses.has(task.status);

/** A task by id, searched from the newest end, where the tasks the user looks at usually are. */
export function findTask(queue: readonly Task[] | undefined, id: string | null): Task | undefined {
  if (!queue || !id) return undefined;
  for (let i = queue.length - 1; i >= 0; i -= 1) if (queue[i]!.id === id) return queue[i];
  return undefined;
}

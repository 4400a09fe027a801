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

/**
 * Keeps the previous object for every task that did not change, so memoised rows skip rendering
 * when a state push arrives with 10,000 tasks of which one moved.
 */
export function reuseUnchanged(previous: readonly Task[] | undefined, next: Task[]): Task[] {
  if (!previous || previous.length === 0) return next;
  const byId = new Map<string, Task>();
  for (const task of previous) byId.set(task.id, task);
  let changed = previous.length !== next.length;
  const merged = next.map((task, i) => {
    const old = byId.get(task.id);
    const same =
      old !== undefined &&
      old.updatedAt === task.updatedAt &&
      old.status === task.status &&
      old.waitingFor === task.waitingFor &&
      old.route === task.route;
    if (!same || previous[i] !== old) changed = true;
    return same ? old : task;
  });
  return changed ? merged : (previous as Task[]);
}

export const canReroute = (task: Task) => ['queued', 'waiting', 'denied', 'failed'].includes(task.status);
export const canCancel = (task: Task) => !finishedStatuses.has(task.status);

import { sameMessage } from '../../../../shared/engine-message';
import type { Task } from '../../../../shared/tasks';

export const queueFilters = ['all', 'queued', 'waiting', 'running', 'finished'] as const;
export type QueueFilter = (typeof queueFilters)[number];

export const finishedStatuses: ReadonlySet<Task['status']> = new Set(['done', 'failed', 'denied']);

export type QueueCounts = Record<QueueFilter, number>;

/** The filter, besides "all", that shows a task of this status. */
const filterOf = (status: Task['status']): Exclude<QueueFilter, 'all'> =>
  finishedStatuses.has(status) ? 'finished' : (status as 'queued' | 'waiting' | 'running');

export function countQueue(queue: readonly Task[]): QueueCounts {
  const counts: QueueCounts = { all: queue.length, queued: 0, waiting: 0, running: 0, finished: 0 };
  for (const task of queue) counts[filterOf(task.status)] += 1;
  return counts;
}

/**
 * The rows a filter shows, by position. Work still to do keeps the queue's order (oldest first, as
 * it will be served); "all" and "finished" show the newest first, where the user looks for what
 * just happened. "All" reads the queue backwards instead of copying 10,000 tasks on every push.
 */
export interface QueueRows {
  readonly length: number;
  at(index: number): Task;
}

export function filterQueue(queue: readonly Task[], filter: QueueFilter): QueueRows {
  if (filter === 'all') return { length: queue.length, at: (i) => queue[queue.length - 1 - i]! };
  const rows =
    filter === 'finished'
      ? queue.filter((t) => finishedStatuses.has(t.status)).reverse()
      : queue.filter((t) => t.status === filter);
  return { length: rows.length, at: (i) => rows[i]! };
}

const sameTask = (a: Task, b: Task) =>
  a.updatedAt === b.updatedAt &&
  a.status === b.status &&
  sameMessage(a.waitingFor, b.waitingFor) &&
  a.route === b.route;

/**
 * The queue as the page holds it: the host's tasks in its order (creation, oldest first), where
 * each one is, and the count behind every filter button. A push touches only what it carries:
 * unchanged tasks keep their object (memoised rows skip them), counts move by the tasks that moved.
 */
export interface QueueState {
  readonly tasks: readonly Task[];
  /**
   * Each task's place in `tasks`. Places never change once given (tasks only join at the end),
   * so successive versions share one map and a push adds only its new tasks; a lookup checks the
   * place against its own version's `tasks`, which is what keeps an older version right.
   */
  readonly places: Map<string, number>;
  readonly counts: QueueCounts;
}

/**
 * A whole queue (the state loaded on connect, or Electron's full push): unchanged tasks keep the
 * previous object. Matched by position, as the queue only grows at its end; after a shift, by id.
 */
export function loadQueue(previous: QueueState | null, next: readonly Task[]): QueueState {
  const old = previous?.tasks ?? [];
  let changed = old.length !== next.length;
  let shifted = false;
  const tasks = new Array<Task>(next.length);
  for (let i = 0; i < next.length; i += 1) {
    const task = next[i]!;
    let before: Task | undefined = old[i];
    if (before && before.id !== task.id) {
      shifted = true;
      const place = previous!.places.get(task.id);
      before = place === undefined ? undefined : old[place];
      if (before?.id !== task.id) before = undefined;
    }
    if (before && sameTask(before, task)) tasks[i] = before;
    else {
      tasks[i] = task;
      changed = true;
    }
  }
  if (previous && !changed && !shifted) return previous;
  // The shared map stays right while no task moved; otherwise this version starts its own.
  const shared = previous !== null && !shifted;
  const places = shared ? previous.places : new Map<string, number>();
  for (let i = shared ? old.length : 0; i < tasks.length; i += 1) places.set(tasks[i]!.id, i);
  return { tasks, places, counts: countQueue(tasks) };
}

/**
 * Applies a pushed delta (only the tasks that changed, and those still in play): each task is
 * found by id and replaced, a task the page has not seen yet is appended (tasks arrive in creation
 * order). The work is the delta's size, not the queue's; the array is copied once, if anything moved.
 */
export function applyQueueDelta(previous: QueueState, delta: readonly Task[]): QueueState {
  let tasks: Task[] | null = null;
  let counts: QueueCounts | null = null;
  for (const task of delta) {
    const current = tasks ?? previous.tasks;
    const place = previous.places.get(task.id);
    const before = place === undefined ? undefined : current[place];
    if (before?.id === task.id && sameTask(before, task)) continue;
    tasks ??= previous.tasks.slice();
    counts ??= { ...previous.counts };
    if (before?.id === task.id) {
      tasks[place!] = task;
      counts[filterOf(before.status)] -= 1;
    } else {
      previous.places.set(task.id, tasks.length);
      tasks.push(task);
      counts.all += 1;
    }
    counts[filterOf(task.status)] += 1;
  }
  return tasks && counts ? { tasks, places: previous.places, counts } : previous;
}

/** A task by id, looked up rather than searched: selectors run on every store change. */
export function taskById(queue: QueueState | null, id: string | null): Task | undefined {
  if (!queue || !id) return undefined;
  const place = queue.places.get(id);
  const task = place === undefined ? undefined : queue.tasks[place];
  return task?.id === id ? task : undefined;
}

export const canReroute = (task: Task) => ['queued', 'waiting', 'denied', 'failed'].includes(task.status);
export const canCancel = (task: Task) => !finishedStatuses.has(task.status);

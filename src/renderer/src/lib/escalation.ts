import type { Task } from '../../../../shared/tasks';

/** product.md §2: about 90% of the work stays local, about 10% is escalated. */
export const escalationTarget = 0.1;
/** How many of the latest tasks the meter looks at. */
export const escalationWindow = 100;

export interface EscalationShare {
  /** Tasks looked at (the latest `window`, by creation time). */
  total: number;
  planner: number;
  frontier: number;
  /** (planner + frontier) / total; 0 when there is nothing to count. */
  share: number;
}

/**
 * The share of escalated work among the latest tasks, from the routes the engine decided (or the
 * user overrode). The queue arrives oldest first, so the latest are at its end.
 */
export function escalationShare(queue: readonly Task[], window = escalationWindow): EscalationShare {
  let planner = 0;
  let frontier = 0;
  const start = Math.max(0, queue.length - window);
  for (let i = start; i < queue.length; i += 1) {
    const route = queue[i]!.route;
    if (route === 'planner') planner += 1;
    else if (route === 'frontier') frontier += 1;
  }
  const total = queue.length - start;
  return { total, planner, frontier, share: total ? (planner + frontier) / total : 0 };
}

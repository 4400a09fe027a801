import type { Lock, Role } from '../../shared/domain';
import type { EngineMessage } from '../../shared/engine-message';
import type { FrontierProvider } from '../../shared/frontier/prices';
import type { Swap } from '../../shared/swap';
import type { Task } from '../../shared/tasks';
import type { JournalRecord } from './journal/journal';

export interface AgentRuntime {
  lock: Lock;
  taskId: string | null;
}

/** An answered frontier approval, for the dashboard's history (the last `keepAnsweredApprovals`). */
export interface AnsweredFrontierApproval {
  id: string;
  status: 'approved' | 'denied' | 'expired';
  /** The outcome in the engine's words, as data. */
  said: EngineMessage;
  askedAt: number;
  taskIds: string[];
  provider: FrontierProvider;
  model: string;
  estimatedCostUsd: number;
}
export const keepAnsweredApprovals = 20;

/** Where a local task is in its pipeline: the Coder writes, then the Reviewer reviews. */
export type LocalStage = 'coding' | 'review_pending' | 'reviewing';

/**
 * Everything the core knows that must survive a restart. It changes only through `apply`, the
 * same reducer whether a record is made live or replayed from the journal, so replaying the
 * journal reproduces this state exactly.
 */
export interface CoreState {
  tasks: Map<string, Task>;
  /**
   * Queued tasks by route, resident and priority, each in arrival order: the scheduler finds the
   * next task without scanning a long history (kept in step with `tasks` by `apply`).
   */
  queued: Map<string, Set<string>>;
  stages: Map<string, LocalStage>;
  agents: Record<Role, AgentRuntime>;
  swap: Swap | null;
  swaps: Swap[];
  /** Planner approvals live in their swaps; frontier ones are kept here, newest last. */
  frontierApprovals: AnsweredFrontierApproval[];
}

export type CoreRecord =
  | { type: 'task.created'; data: { task: Task } }
  | { type: 'task.updated'; data: { id: string; patch: Partial<Omit<Task, 'id'>> } }
  | { type: 'task.stage'; data: { id: string; stage: LocalStage | null } }
  | { type: 'agent.lock'; data: { role: Role; lock: Lock; taskId: string | null } }
  | { type: 'swap.updated'; data: { swap: Swap } }
  | { type: 'approval.answered'; data: { approval: AnsweredFrontierApproval } };

export function emptyState(): CoreState {
  const idle = (): AgentRuntime => ({ lock: 'IDLE', taskId: null });
  return {
    tasks: new Map(),
    queued: new Map(),
    stages: new Map(),
    agents: { router: idle(), coder: idle(), reviewer: idle(), planner: idle() },
    swap: null,
    swaps: [],
    frontierApprovals: [],
  };
}

export function queueKey(route: string, agent: string | null, priority: number): string {
  return `${route}|${agent ?? ''}|${priority}`;
}

function index(state: CoreState, task: Task, add: boolean): void {
  if (task.status !== 'queued') return;
  const key = queueKey(task.route, task.agent, task.priority);
  let set = state.queued.get(key);
  if (add) {
    if (!set) state.queued.set(key, (set = new Set()));
    set.add(task.id);
  } else if (set) {
    set.delete(task.id);
    if (!set.size) state.queued.delete(key);
  }
}

/** The queued tasks of a route (and resident), highest priority first, oldest first within one. */
export function* queuedTasks(state: CoreState, route: string, agent?: string): Generator<Task> {
  const keys = [...state.queued.keys()]
    .map((key) => key.split('|'))
    .filter(([r, a]) => r === route && (agent === undefined || a === agent))
    .sort((x, y) => Number(y[2]) - Number(x[2]) || 0);
  for (const key of keys) for (const id of state.queued.get(key.join('|')) ?? []) yield state.tasks.get(id)!;
}

export function apply(state: CoreState, record: CoreRecord | JournalRecord): void {
  const { type, data } = record as CoreRecord;
  switch (type) {
    case 'task.created':
      state.tasks.set(data.task.id, data.task);
      index(state, data.task, true);
      return;
    case 'task.updated': {
      const task = state.tasks.get(data.id);
      if (!task) return;
      const next = { ...task, ...data.patch };
      index(state, task, false);
      state.tasks.set(data.id, next);
      index(state, next, true);
      return;
    }
    case 'task.stage':
      if (data.stage) state.stages.set(data.id, data.stage);
      else state.stages.delete(data.id);
      return;
    case 'agent.lock':
      state.agents[data.role] = { lock: data.lock, taskId: data.taskId };
      return;
    case 'swap.updated': {
      const swap = data.swap;
      const i = state.swaps.findIndex((s) => s.id === swap.id);
      if (i >= 0) state.swaps[i] = swap;
      else state.swaps.push(swap);
      state.swap = ['done', 'denied', 'failed'].includes(swap.state) ? null : swap;
      return;
    }
    case 'approval.answered':
      state.frontierApprovals.push(data.approval);
      if (state.frontierApprovals.length > keepAnsweredApprovals) state.frontierApprovals.shift();
      return;
    default:
      // Records of other modules (or newer versions) are not ours to interpret.
      return;
  }
}

/** A stable, comparable picture of the state, for tests that check replay reproduces it. */
export function fingerprint(state: CoreState): string {
  return JSON.stringify({
    tasks: [...state.tasks.values()].sort((a, b) => a.id.localeCompare(b.id)),
    queued: [...state.queued.entries()].map(([k, v]) => [k, [...v]]).sort(),
    stages: [...state.stages.entries()].sort(),
    agents: state.agents,
    swap: state.swap,
    swaps: state.swaps,
    frontierApprovals: state.frontierApprovals,
  });
}

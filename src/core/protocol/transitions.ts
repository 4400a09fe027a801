import type { EngineMessage } from '../../../shared/engine-message';
import type { Swap, SwapState } from '../../../shared/swap';
import { terminalSwapStates } from '../../../shared/swap';

/** What happened while a swap was in a state; the pure transition turns it into the next state. */
export type SwapEvent =
  | { type: 'drained' }
  | { type: 'snapshot_saved'; version: number }
  | { type: 'approved' }
  | { type: 'denied'; reason: EngineMessage }
  | { type: 'unloaded' }
  | { type: 'planner_loaded' }
  | { type: 'planned' }
  | { type: 'planner_unloaded' }
  | { type: 'restored' }
  | { type: 'failed'; error: EngineMessage };

const next: Partial<Record<SwapState, Partial<Record<SwapEvent['type'], SwapState>>>> = {
  draining: { drained: 'snapshotting' },
  snapshotting: { snapshot_saved: 'awaiting_approval' },
  awaiting_approval: { approved: 'unloading', denied: 'denied' },
  unloading: { unloaded: 'loading_planner' },
  loading_planner: { planner_loaded: 'planning' },
  planning: { planned: 'unloading_planner' },
  unloading_planner: { planner_unloaded: 'restoring' },
  restoring: { restored: 'done' },
};

export class InvalidTransitionError extends Error {
  constructor(state: SwapState, event: SwapEvent['type']) {
    super(`A swap in state "${state}" cannot take the event "${event}".`);
    this.name = 'InvalidTransitionError';
  }
}

/**
 * The swap protocol's only rules of motion. Pure: the executor journals the result, then runs
 * the new state's effect. Any non-terminal state may fail; before approval, a failure unloads
 * nothing, after it the executor restores the residents on its way out.
 */
export function transition(swap: Swap, event: SwapEvent, at: number): Swap {
  if (terminalSwapStates.includes(swap.state)) throw new InvalidTransitionError(swap.state, event.type);
  const target = event.type === 'failed' ? 'failed' : next[swap.state]?.[event.type];
  if (!target) throw new InvalidTransitionError(swap.state, event.type);
  return {
    ...swap,
    state: target,
    enteredAt: { ...swap.enteredAt, [target]: at },
    snapshotVersion: event.type === 'snapshot_saved' ? event.version : swap.snapshotVersion,
    error: event.type === 'failed' ? event.error : event.type === 'denied' ? event.reason : swap.error,
    progress: target === 'loading_planner' ? swap.progress : null,
  };
}

/** States in which residents may already be unloaded: recovery must finish the swap, not forget it. */
export function isPastApproval(state: SwapState): boolean {
  return ['unloading', 'loading_planner', 'planning', 'unloading_planner', 'restoring'].includes(state);
}

import { runningSwapStates, type Swap, type SwapState } from '../../../../shared/swap';

/** The eight steps of the baton pass (docs/architecture.md, "The baton-pass workflow") and the swap states that make each one up. */
export const batonSteps = [
  { step: 1, key: 'route', states: [] },
  { step: 2, key: 'drain', states: ['draining'] },
  { step: 3, key: 'snapshot', states: ['snapshotting'] },
  { step: 4, key: 'approval', states: ['awaiting_approval'] },
  { step: 5, key: 'load', states: ['unloading', 'loading_planner'] },
  { step: 6, key: 'plan', states: ['planning'] },
  { step: 7, key: 'leave', states: ['unloading_planner'] },
  { step: 8, key: 'return', states: ['restoring'] },
] as const satisfies ReadonlyArray<{ step: number; key: string; states: readonly SwapState[] }>;

export type BatonStepKey = (typeof batonSteps)[number]['key'];
export type StepStatus = 'done' | 'current' | 'pending' | 'stopped';

export interface StepView {
  step: number;
  key: BatonStepKey;
  status: StepStatus;
  /** Time spent in the step: finished steps from enteredAt, the current one up to `now`. */
  durationMs: number | null;
}

const order: readonly SwapState[] = runningSwapStates;

/** When the swap left `state`: the time it entered the next state it reached, or its end. */
function leftAt(swap: Swap, state: SwapState): number | null {
  const from = order.indexOf(state);
  for (const later of [...order.slice(from + 1), 'done', 'denied', 'failed'] as SwapState[]) {
    const at = swap.enteredAt[later];
    if (at !== undefined) return at;
  }
  return null;
}

/**
 * Maps a swap's states onto the eight steps: which are done, which one runs now, and where a
 * denied or failed swap stopped. Durations come from `enteredAt` only; `now` closes the open step.
 */
export function swapStepViews(swap: Swap, now: number): StepView[] {
  const ended = swap.state === 'denied' || swap.state === 'failed';
  const reached = (s: SwapState) => swap.enteredAt[s] !== undefined;
  return batonSteps.map(({ step, key, states }) => {
    if (states.length === 0) return { step, key, status: 'done', durationMs: null };
    const entered = states.map((s) => swap.enteredAt[s]).filter((at): at is number => at !== undefined);
    if (entered.length === 0) {
      return { step, key, status: swap.state === 'done' ? 'done' : 'pending', durationMs: null };
    }
    const start = Math.min(...entered);
    const last = states.filter(reached).at(-1)!;
    const end = leftAt(swap, last);
    const isCurrent = (states as readonly SwapState[]).includes(swap.state);
    let status: StepStatus = end === null || isCurrent ? 'current' : 'done';
    if (ended && end !== null && !order.slice(order.indexOf(last) + 1).some(reached)) status = 'stopped';
    return { step, key, status, durationMs: (end ?? now) - start };
  });
}

/** Total time from the first state to the end (or to `now` while it runs). */
export function swapElapsedMs(swap: Swap, now: number): number {
  const end = swap.enteredAt['done'] ?? swap.enteredAt['denied'] ?? swap.enteredAt['failed'] ?? now;
  return end - swap.startedAt;
}

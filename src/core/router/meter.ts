import type { Route, RuleName } from './types';

/**
 * The escalation meter: the share of the last `window` routed tasks that left the local team
 * (planner or frontier), against the product's target of ~10% (docs/architecture.md, "Routing targets"). Pure: it holds
 * the last decisions in a ring buffer and is told about each one; no clock, no I/O.
 */
export interface EscalationMeterOptions {
  /** How many recent decisions count. */
  window?: number;
  /** The intended escalated share. */
  target?: number;
  /** How far from the target still counts as on target (absolute, e.g. 0.05 = ±5 points). */
  tolerance?: number;
  /** Below this many decisions the share is too noisy to judge. */
  minSamples?: number;
}

export type MeterStatus = 'warming-up' | 'on-target' | 'above-target' | 'below-target';

export interface EscalationMeterState {
  window: number;
  samples: number;
  escalated: number;
  /** escalated / samples; 0 before the first decision. */
  share: number;
  target: number;
  tolerance: number;
  status: MeterStatus;
  byRoute: Record<Route, number>;
  /** Which rules (or the Router model) decided the tasks in the window. */
  byRule: Partial<Record<RuleName, number>>;
}

export interface EscalationMeter {
  record(decision: { route: Route; rule: RuleName }): EscalationMeterState;
  state(): EscalationMeterState;
  reset(): void;
}

export function createEscalationMeter(options: EscalationMeterOptions = {}): EscalationMeter {
  const window = options.window ?? 100;
  const target = options.target ?? 0.1;
  const tolerance = options.tolerance ?? 0.05;
  const minSamples = Math.min(options.minSamples ?? 20, window);
  if (!Number.isInteger(window) || window < 1)
    throw new Error(`Escalation meter: window must be a whole number of at least 1, not ${window}.`);
  if (!(target >= 0 && target <= 1))
    throw new Error(`Escalation meter: target must be a share between 0 and 1, not ${target}.`);

  const routes: Route[] = new Array<Route>(window);
  const rules: RuleName[] = new Array<RuleName>(window);
  let next = 0;
  let samples = 0;
  let byRoute: Record<Route, number> = { local: 0, planner: 0, frontier: 0 };
  let byRule: Partial<Record<RuleName, number>> = {};

  function state(): EscalationMeterState {
    const escalated = byRoute.planner + byRoute.frontier;
    const share = samples === 0 ? 0 : escalated / samples;
    const status: MeterStatus =
      samples < minSamples
        ? 'warming-up'
        : share > target + tolerance
          ? 'above-target'
          : share < target - tolerance
            ? 'below-target'
            : 'on-target';
    return {
      window,
      samples,
      escalated,
      share,
      target,
      tolerance,
      status,
      byRoute: { ...byRoute },
      byRule: { ...byRule },
    };
  }

  return {
    record({ route, rule }) {
      if (samples === window) {
        // The oldest decision leaves the window.
        const oldRoute = routes[next]!;
        const oldRule = rules[next]!;
        byRoute[oldRoute]--;
        const left = (byRule[oldRule] ?? 1) - 1;
        if (left === 0) delete byRule[oldRule];
        else byRule[oldRule] = left;
      } else {
        samples++;
      }
      routes[next] = route;
      rules[next] = rule;
      next = (next + 1) % window;
      byRoute[route]++;
      byRule[rule] = (byRule[rule] ?? 0) + 1;
      return state();
    },
    state,
    reset() {
      next = 0;
      samples = 0;
      byRoute = { local: 0, planner: 0, frontier: 0 };
      byRule = {};
    },
  };
}

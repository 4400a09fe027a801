/**
 * How the swap protocol is carried out. `sos` is this project's scheduler; `seed` is the written
 * protocol taken literally, kept so the benchmark can measure what ours gains over it.
 */
export interface Policy {
  name: 'sos' | 'seed';
  /** Unload only what the memory plan says must go, or every resident. */
  evict: 'minimal' | 'all';
  /** After the planner: bring back only the Router and the Coder (others when work needs them), or everyone. */
  reload: 'lazy' | 'eager';
  /**
   * Serve every planner request queued while the swap drains in the same swap (one approval lists
   * them all). A request that arrives after the user was asked waits for a later swap: an
   * approval covers exactly what it showed.
   */
  batch: boolean;
}

export const sosPolicy: Policy = { name: 'sos', evict: 'minimal', reload: 'lazy', batch: true };
export const seedPolicy: Policy = { name: 'seed', evict: 'all', reload: 'eager', batch: false };

export interface OrchestratorOptions {
  policy: Policy;
  /** The Reviewer reviews every local answer (product default). */
  review: boolean;
  /** An approval nobody answers expires: nothing unloads and the task is marked. */
  approvalTimeoutMs: number;
  /** After a blueprint, queue the Coder's first action item as a local task. */
  autoFollowUp: boolean;
  /** Attempts at a valid structured blueprint before the swap fails. */
  plannerAttempts: number;
  unloadTimeoutMs: number;
  /** The Router adds its own short summary to temp_context.md at each snapshot. */
  routerSummary: boolean;
  /**
   * How long the Planner may keep the residents out: once reached, the request in progress
   * finishes, the Planner leaves, and the rest of the batch waits for a later swap.
   */
  maxPlannerStayMs: number;
  /** Durations run this many times faster than the profile says (the simulator's time scale; 1 on a real machine). */
  timeScale: number;
}

export const defaultOrchestratorOptions: OrchestratorOptions = {
  policy: sosPolicy,
  review: true,
  approvalTimeoutMs: 15 * 60_000,
  autoFollowUp: true,
  plannerAttempts: 3,
  unloadTimeoutMs: 60_000,
  routerSummary: true,
  maxPlannerStayMs: 15 * 60_000,
  timeScale: 1,
};

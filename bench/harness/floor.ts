import type { Role } from '../../shared/domain';
import { planMemory, plannerFitsBeside, type MachineProfile } from '../../shared/memory/index';
import { residentRoles, type RolesConfig } from '../../shared/roles';
import type { TraceEntry } from './trace';

/**
 * The fewest bytes that ANY scheduler could load on a trace while keeping the product's rules —
 * a lower bound to judge a policy against, not a policy. It rests on three facts, each generous
 * to the scheduler (so the true optimum can only be higher):
 *
 * 1. Every swap loads the Planner's weights once.
 * 2. A swap must evict enough residents for the Planner to fit (our budget and Ollama's own rule for
 *    loading beside other models), and docs/architecture.md, "The baton-pass workflow" step 8
 *    brings the Router and the Coder back after it (the crash line: "the Coder is loaded
 *    afterwards"). So each swap reloads at least the cheapest such return over every eviction
 *    set that fits. Other residents (the Reviewer) are counted as never coming back.
 * 3. Requests served by one swap wait at least from their own arrival to the batch's last arrival
 *    (approval, unloads and loading are taken as instant), and the planner wait p95 must stay
 *    within the limit (the issue: no worse than 1.5× seed's). Batches are runs of consecutive
 *    arrivals: moving a request to the batch of its neighbours in time never lengthens a wait.
 */
export interface BytesFloor {
  /** Fewest swaps that can serve the trace's planner requests within the wait limit. */
  swaps: number;
  /** Planner weights plus the cheapest return a swap forces. */
  perSwapBytes: number;
  bytesLoaded: number;
  /** The residents whose return each swap pays for, in that cheapest case. */
  reloaded: Role[];
  plannerWaitLimitMs: number;
}

/** Roles that docs/architecture.md, "The baton-pass workflow" step 8 brings back after every swap ("Router and Coder first"). */
const mustReturn: readonly Role[] = ['router', 'coder'];

/** Planner weights plus the cheapest forced return, over every eviction set that lets the Planner fit. */
export function perSwapFloor(roles: RolesConfig, profile: MachineProfile): { bytes: number; reloaded: Role[] } {
  const plan = planMemory(roles, profile);
  const byRole = new Map(plan.models.map((m) => [m.role, m]));
  const residents = residentRoles.filter((role) => roles[role].resident);
  const planner = byRole.get('planner')!;
  let best: { bytes: number; reloaded: Role[] } | null = null;
  for (let mask = 0; mask < 1 << residents.length; mask++) {
    const evicted = residents.filter((_, i) => mask & (1 << i));
    const kept = residents.filter((role) => !evicted.includes(role));
    if (
      !plannerFitsBeside(
        planner,
        kept.reduce((sum, role) => sum + byRole.get(role)!.totalBytes, 0),
        plan.budgetBytes,
        profile,
      )
    )
      continue;
    const reloaded = evicted.filter((role) => mustReturn.includes(role));
    const bytes = planner.weightsBytes + reloaded.reduce((sum, role) => sum + byRole.get(role)!.weightsBytes, 0);
    if (!best || bytes < best.bytes) best = { bytes, reloaded };
  }
  if (!best)
    throw new Error(
      `The Planner (${roles.planner.model}) does not fit the ${profile.id} budget even with every resident unloaded.`,
    );
  return best;
}

/**
 * Fewest batches of consecutive arrivals such that the nearest-rank `p`-th percentile of the
 * waits (each request waiting for its batch's last arrival) is at most `limitMs`. Nearest rank
 * means at most n − ⌈p·n/100⌉ waits may exceed the limit; a table over (requests covered, waits
 * over the limit) finds the fewest batches in O(n²·allowed).
 */
export function fewestBatches(arrivals: readonly number[], limitMs: number, p = 95): number {
  const at = [...arrivals].sort((a, b) => a - b);
  const n = at.length;
  if (!n) return 0;
  const allowed = n - Math.max(1, Math.ceil((p / 100) * n));
  // fewest[i][e]: batches covering the first i requests with e waits over the limit.
  const fewest = Array.from({ length: n + 1 }, () => new Array<number>(allowed + 1).fill(Infinity));
  fewest[0]![0] = 0;
  for (let end = 1; end <= n; end++) {
    const last = at[end - 1]!;
    let over = 0;
    // The batch is requests start..end-1; growing it backwards adds one earlier request at a time.
    for (let start = end - 1; start >= 0; start--) {
      if (last - at[start]! > limitMs) over += 1;
      if (over > allowed) break;
      for (let e = 0; e + over <= allowed; e++) {
        const before = fewest[start]![e]!;
        if (before + 1 < fewest[end]![e + over]!) fewest[end]![e + over] = before + 1;
      }
    }
  }
  return Math.min(...fewest[n]!);
}

export function bytesFloor(
  trace: readonly TraceEntry[],
  roles: RolesConfig,
  profile: MachineProfile,
  plannerWaitLimitMs: number,
): BytesFloor {
  const arrivals = trace.filter((e) => e.route === 'planner').map((e) => e.at);
  const swaps = fewestBatches(arrivals, plannerWaitLimitMs);
  const perSwap = perSwapFloor(roles, profile);
  return {
    swaps,
    perSwapBytes: perSwap.bytes,
    bytesLoaded: swaps * perSwap.bytes,
    reloaded: perSwap.reloaded,
    plannerWaitLimitMs,
  };
}

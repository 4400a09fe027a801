import type { Role } from '../domain';
import { keepPriority, residentRoles, type RolesConfig } from '../roles';
import { findSpec, type ModelSpec } from './catalogue';
import { estimateModel, type MemoryEstimate } from './estimate';
import { cpuOffloadFor, type CpuOffload } from './offload';
import { usableBytes, type MachineProfile } from './profiles';

export interface RoleEstimate extends MemoryEstimate {
  role: Role;
  model: string;
  numCtx: number;
}

export interface MemoryPlan {
  profile: MachineProfile;
  /** What the models may use together: the GPU budget less its headroom. */
  budgetBytes: number;
  models: RoleEstimate[];
  residentsTotalBytes: number;
  residentsFit: boolean;
  /** The fewest residents a planner swap must unload, or null if even all of them are not enough. */
  plannerSwapEvicts: Role[] | null;
  /** Memory the swap frees, and the planner's need. */
  plannerSwapFreesBytes: number;
  /**
   * Roles llama-server would partly run on the CPU: the plan refuses these configurations, and
   * `memory`, `serve` and the Settings view say which role, by how much and what to change.
   */
  cpuOffload: CpuOffload[];
}

export class UnknownModelError extends Error {
  constructor(readonly model: string) {
    super(
      `No size is known for "${model}": it is not in the built-in catalogue and Ollama's /api/show was not asked. Pick a catalogued model or let Frontier SOS read it from a running Ollama.`,
    );
    this.name = 'UnknownModelError';
  }
}

export type SpecLookup = (model: string) => ModelSpec | undefined;

/**
 * Ollama loads a model beside loaded ones only when its own prediction (`PredictServerVRAM` plus
 * the batch surcharge) is at most 80% of the free GPU memory (server/sched.go `load`, v0.32.15;
 * docs/ollama.md, "Scheduler behaviour"); otherwise it evicts one of them itself. A plan that kept
 * a model Ollama would evict anyway would tell the user the wrong models in the approval.
 */
export const ollamaFitFraction = 0.8;

/**
 * Whether the Planner loads beside `keptBytes` of residents: its allocation within our budget, and
 * Ollama's prediction within 80% of what the kept residents leave free (Ollama counts loaded
 * models by what llama-server allocated, which is what our totals estimate).
 */
export function plannerFitsBeside(
  planner: Pick<MemoryEstimate, 'totalBytes' | 'ollamaPredictedBytes'>,
  keptBytes: number,
  budgetBytes: number,
  profile: MachineProfile,
): boolean {
  if (planner.totalBytes + keptBytes > budgetBytes) return false;
  return keptBytes === 0 || planner.ollamaPredictedBytes <= ollamaFitFraction * (profile.gpuBudgetBytes - keptBytes);
}

/**
 * Every non-empty subset of `items`, smallest first and, within a size, in the order that keeps
 * the highest-priority items (the subsets are what gets evicted).
 */
function evictionCandidates(items: readonly Role[]): Role[][] {
  const subsets: Role[][] = [];
  const n = items.length;
  for (let mask = 1; mask < 1 << n; mask++) subsets.push(items.filter((_, i) => mask & (1 << i)));
  const rank = (subset: Role[]) => subset.reduce((sum, role) => sum + 2 ** (n - 1 - items.indexOf(role)), 0);
  // Evicting a lower-priority role costs less than evicting a higher one: compare by that weight.
  return subsets.sort((a, b) => a.length - b.length || rank(a) - rank(b));
}

export function planMemory(roles: RolesConfig, profile: MachineProfile, lookup: SpecLookup = findSpec): MemoryPlan {
  const specOf = (role: Role): ModelSpec => {
    const spec = lookup(roles[role].model);
    if (!spec) throw new UnknownModelError(roles[role].model);
    return spec;
  };
  // Ollama 0.32's defaults on Metal: flash attention, an f16 cache, one sequence, its automatic batch.
  const estimateRole = (role: Role): RoleEstimate => {
    const { model, numCtx } = roles[role];
    return { role, model, numCtx, ...estimateModel(specOf(role), { numCtx }) };
  };
  const models = (['router', 'coder', 'reviewer', 'planner'] as const).map(estimateRole);
  const byRole = new Map(models.map((m) => [m.role, m]));
  const residents = residentRoles.filter((role) => roles[role].resident);
  const total = (list: readonly Role[]) => list.reduce((sum, role) => sum + byRole.get(role)!.totalBytes, 0);
  const budgetBytes = usableBytes(profile);
  const residentsTotalBytes = total(residents);
  const planner = byRole.get('planner')!;

  const ordered = keepPriority.filter((role) => residents.includes(role as (typeof residentRoles)[number]));
  let plannerSwapEvicts: Role[] | null = null;
  if (plannerFitsBeside(planner, residentsTotalBytes, budgetBytes, profile)) {
    plannerSwapEvicts = [];
  } else {
    for (const evict of evictionCandidates(ordered)) {
      const kept = ordered.filter((role) => !evict.includes(role));
      if (plannerFitsBeside(planner, total(kept), budgetBytes, profile)) {
        plannerSwapEvicts = evict;
        break;
      }
    }
  }
  const cpuOffload: CpuOffload[] = [];
  // Residents load in no fixed order; whichever comes last sees the others loaded. Name the
  // largest, the one whose context or model a change helps most.
  if (residents.length) {
    const largest = residents.reduce((a, b) => (byRole.get(b)!.totalBytes > byRole.get(a)!.totalBytes ? b : a));
    const others = residents.filter((role) => role !== largest);
    const risk = cpuOffloadFor(byRole.get(largest)!, specOf(largest), others, total(others), profile.gpuBudgetBytes);
    if (risk) cpuOffload.push(risk);
  }
  // The swap unloads what the plan says, or every resident when nothing is enough.
  const kept = ordered.filter((role) => plannerSwapEvicts !== null && !plannerSwapEvicts.includes(role));
  const plannerRisk = cpuOffloadFor(planner, specOf('planner'), kept, total(kept), profile.gpuBudgetBytes);
  if (plannerRisk) cpuOffload.push(plannerRisk);
  return {
    profile,
    budgetBytes,
    models,
    residentsTotalBytes,
    residentsFit: residentsTotalBytes <= budgetBytes,
    plannerSwapEvicts,
    plannerSwapFreesBytes: plannerSwapEvicts ? total(plannerSwapEvicts) : 0,
    cpuOffload,
  };
}

/** Seconds to load `bytes` at the profile's cold (SSD) and warm (page cache) speeds. */
export function loadSeconds(bytes: number, profile: MachineProfile): { cold: number; warm: number } {
  return { cold: bytes / profile.coldLoadBytesPerSec, warm: bytes / profile.warmLoadBytesPerSec };
}

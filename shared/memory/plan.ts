import type { Role } from '../domain';
import { keepPriority, residentRoles, type RolesConfig } from '../roles';
import { findSpec, type ModelSpec } from './catalogue';
import { estimateModel, type MemoryEstimate } from './estimate';
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
 * Ollama loads a model beside loaded ones only when its estimate is under ~80% of the free GPU
 * memory (docs/ollama.md, "Scheduler behaviour"); otherwise it evicts one of them itself. A plan
 * that kept a model Ollama would evict anyway would tell the user the wrong models in the approval.
 */
export const ollamaFitFraction = 0.8;

/** Whether the Planner loads beside `keptBytes` of residents: within our budget and by Ollama's own rule. */
export function plannerFitsBeside(
  plannerBytes: number,
  keptBytes: number,
  budgetBytes: number,
  profile: MachineProfile,
): boolean {
  if (plannerBytes + keptBytes > budgetBytes) return false;
  return keptBytes === 0 || plannerBytes <= ollamaFitFraction * (profile.gpuBudgetBytes - keptBytes);
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
  const estimateRole = (role: Role): RoleEstimate => {
    const { model, numCtx } = roles[role];
    const spec = lookup(model);
    if (!spec) throw new UnknownModelError(model);
    return { role, model, numCtx, ...estimateModel(spec, { numCtx }) };
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
  if (plannerFitsBeside(planner.totalBytes, residentsTotalBytes, budgetBytes, profile)) {
    plannerSwapEvicts = [];
  } else {
    for (const evict of evictionCandidates(ordered)) {
      const kept = ordered.filter((role) => !evict.includes(role));
      if (plannerFitsBeside(planner.totalBytes, total(kept), budgetBytes, profile)) {
        plannerSwapEvicts = evict;
        break;
      }
    }
  }
  return {
    profile,
    budgetBytes,
    models,
    residentsTotalBytes,
    residentsFit: residentsTotalBytes <= budgetBytes,
    plannerSwapEvicts,
    plannerSwapFreesBytes: plannerSwapEvicts ? total(plannerSwapEvicts) : 0,
  };
}

/** Seconds to load `bytes` at the profile's cold (SSD) and warm (page cache) speeds. */
export function loadSeconds(bytes: number, profile: MachineProfile): { cold: number; warm: number } {
  return { cold: bytes / profile.coldLoadBytesPerSec, warm: bytes / profile.warmLoadBytesPerSec };
}

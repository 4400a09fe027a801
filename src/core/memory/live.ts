import type { MachineProfile } from '../../../shared/memory/profiles';
import type { LoadedModel, MemoryPressureLevel, MemoryReading } from '../ports';
import { pressureFromFreePercent } from './pressure';

export interface LoadedModelMemory {
  name: string;
  bytes: number;
}

export type BudgetSource = 'iogpu.wired_limit_mb' | 'profile' | 'probe';

/** One reading of the machine with the models on it: what the memory gauge and the fit gate use. */
export interface LiveMemory {
  /** Clock time of the reading (ms). */
  at: number;
  totalBytes: number;
  usedBytes: number;
  freeBytes: number;
  wiredBytes: number | null;
  compressedBytes: number | null;
  /** What the model host reports loaded (/api/ps), bytes in memory including KV cache. */
  models: LoadedModelMemory[];
  modelsBytes: number;
  /** Used memory that is not a loaded model: the OS and every other app. */
  otherAppsBytes: number;
  /** The GPU working-set limit the models share. */
  budgetBytes: number;
  budgetSource: BudgetSource;
  pressure: MemoryPressureLevel;
  pressureDetail: string;
  swapUsedBytes: number | null;
  swapTotalBytes: number | null;
  swapOutPages: number | null;
  /** False when the model host did not answer: `models` is then empty, not "nothing loaded". */
  modelHostReachable: boolean;
  /** The profile the budget came from, when one was given. */
  profileId: string | null;
  problems: string[];
}

export interface CombineOptions {
  at: number;
  /** null when the model host could not be asked. */
  loaded: LoadedModel[] | null;
  profile?: MachineProfile;
  hostProblem?: string;
}

/**
 * Puts a probe reading and the host's loaded models together. Budget precedence: an explicit
 * iogpu limit (Metal enforces it), then the machine profile's GPU budget, then the probe's own
 * default (75% of RAM). Pressure comes from the probe when it judged it, else from free/total.
 */
export function combineReading(reading: MemoryReading, options: CombineOptions): LiveMemory {
  const models = (options.loaded ?? []).map((m) => ({ name: m.name, bytes: Math.max(0, m.sizeBytes) }));
  const modelsBytes = models.reduce((sum, m) => sum + m.bytes, 0);
  const usedBytes = reading.usedBytes ?? Math.max(0, reading.totalBytes - reading.freeBytes);
  let budgetBytes = reading.budgetBytes;
  let budgetSource: BudgetSource = 'probe';
  if (reading.gpuWiredLimitBytes) {
    budgetBytes = reading.gpuWiredLimitBytes;
    budgetSource = 'iogpu.wired_limit_mb';
  } else if (options.profile) {
    budgetBytes = options.profile.gpuBudgetBytes;
    budgetSource = 'profile';
  }
  const freePercent = reading.totalBytes > 0 ? (reading.freeBytes / reading.totalBytes) * 100 : null;
  const pressure = reading.pressure ?? pressureFromFreePercent(freePercent) ?? 'normal';
  const pressureDetail =
    reading.pressureDetail ?? (freePercent === null ? 'no reading' : `${Math.round(freePercent)}% free`);
  const problems = [...(reading.problems ?? [])];
  if (options.loaded === null)
    problems.push(options.hostProblem ?? 'the model host did not answer: loaded models unknown');
  return {
    at: options.at,
    totalBytes: reading.totalBytes,
    usedBytes,
    freeBytes: reading.freeBytes,
    wiredBytes: reading.wiredBytes ?? null,
    compressedBytes: reading.compressedBytes ?? null,
    models,
    modelsBytes,
    // Models live inside "used"; what is left is the OS and other apps. Never below zero: a model
    // the host counts but the OS files under cache (mmapped weights) must not make it negative.
    otherAppsBytes: Math.max(0, usedBytes - modelsBytes),
    budgetBytes,
    budgetSource,
    pressure,
    pressureDetail,
    swapUsedBytes: reading.swapUsedBytes ?? null,
    swapTotalBytes: reading.swapTotalBytes ?? null,
    swapOutPages: reading.swapOutPages ?? null,
    modelHostReachable: options.loaded !== null,
    profileId: options.profile?.id ?? null,
    problems,
  };
}

/** What changed between two readings beyond noise; empty when the machine is steady. */
export function changesBetween(previous: LiveMemory | null, current: LiveMemory, stableWithinBytes: number): string[] {
  if (!previous) return ['first reading'];
  const changes: string[] = [];
  const moved = (a: number | null, b: number | null) => Math.abs((a ?? 0) - (b ?? 0)) >= stableWithinBytes;
  if (moved(previous.freeBytes, current.freeBytes)) changes.push('free');
  if (moved(previous.otherAppsBytes, current.otherAppsBytes)) changes.push('other apps');
  const key = (m: LiveMemory) =>
    m.models
      .map((x) => `${x.name}=${x.bytes}`)
      .sort()
      .join(',');
  if (key(previous) !== key(current) || previous.modelHostReachable !== current.modelHostReachable)
    changes.push('models');
  if (previous.pressure !== current.pressure) changes.push('pressure');
  // Any swap growth matters: on a Mac it means the budget is already over.
  if (
    (current.swapUsedBytes ?? 0) > (previous.swapUsedBytes ?? 0) ||
    (current.swapOutPages ?? 0) > (previous.swapOutPages ?? 0)
  )
    changes.push('swap');
  else if (moved(previous.swapUsedBytes, current.swapUsedBytes)) changes.push('swap');
  if (previous.budgetBytes !== current.budgetBytes) changes.push('budget');
  return changes;
}

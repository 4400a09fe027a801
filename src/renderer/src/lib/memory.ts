import type { AgentState, AppState } from '../../../../shared/domain';

export interface MemorySample {
  /** Seconds since the epoch (what the chart's time axis takes). */
  t: number;
  usedBytes: number;
  budgetBytes: number;
}

/** How many samples the history keeps: an hour at one per second, far more than a session shows. */
export const historyLimit = 3600;

/**
 * Adds a reading to the history. Pushes arrive only on change and at most ten a second: readings
 * in the same second replace each other, and an unchanged one is dropped (the chart steps).
 */
export function addSample(
  history: readonly MemorySample[],
  sample: MemorySample,
  limit = historyLimit,
): MemorySample[] {
  const last = history.at(-1);
  if (last && last.usedBytes === sample.usedBytes && last.budgetBytes === sample.budgetBytes)
    return history as MemorySample[];
  const base = last && Math.floor(last.t) === Math.floor(sample.t) ? history.slice(0, -1) : history;
  const next = [...base, sample];
  return next.length > limit ? next.slice(next.length - limit) : next;
}

/**
 * Readings from before the first one this page received (the engine's monitor keeps the last
 * hour): the chart opens with the recent past instead of empty. Later ones are the page's own.
 */
export function withEarlierHistory(
  history: readonly MemorySample[],
  earlier: readonly MemorySample[],
  limit = historyLimit,
): MemorySample[] {
  const first = history[0]?.t ?? Infinity;
  const before = earlier.filter((s) => s.t < first).sort((a, b) => a.t - b.t);
  if (!before.length) return history as MemorySample[];
  const merged = [...before, ...history];
  return merged.length > limit ? merged.slice(merged.length - limit) : merged;
}

export interface GaugeSegment {
  name: string;
  role: AgentState['role'] | null;
  bytes: number;
  /** Share of the budget, 0..1 (the sum may pass 1 when over budget). */
  share: number;
}

/** The loaded models as parts of the memory budget, each named by the role that uses it. */
export function gaugeSegments(memory: AppState['memory'], agents: readonly AgentState[]): GaugeSegment[] {
  const budget = memory.budgetBytes || 1;
  return memory.models.map((m) => ({
    name: m.name,
    role: agents.find((a) => a.model === m.name)?.role ?? null,
    bytes: m.sizeBytes,
    share: m.sizeBytes / budget,
  }));
}

import type { MachineProfile } from '../../../shared/memory/profiles';
import type { LoadedModel, MemoryProbe, ModelHost } from '../ports';
import { MemoryHistory, toPoint, type HistoryOptions, type HistoryQuery } from './history';
import { changesBetween, combineReading, type LiveMemory } from './live';
import type { Scheduler } from './scheduler';

export type MemoryEvent =
  | { type: 'change'; reading: LiveMemory; previous: LiveMemory | null; changes: string[] }
  | { type: 'error'; message: string };

export interface MemoryMonitorOptions {
  probe: MemoryProbe;
  host: Pick<ModelHost, 'listLoaded'>;
  scheduler: Scheduler;
  profile?: MachineProfile;
  /** Sampling interval while memory moves (default 1 s). */
  minIntervalMs?: number;
  /** Longest interval once readings are steady (default 10 s). */
  maxIntervalMs?: number;
  /** Changes smaller than this (free, other apps, swap) count as steady (default 256 MiB). */
  stableWithinBytes?: number;
  /** How long the model host may take to list loaded models before the reading goes on without (default 2 s). */
  hostTimeoutMs?: number;
  history?: Omit<HistoryOptions, 'minIntervalMs'>;
  /** Hears of a listener that threw (default: standard error); sampling goes on for the others. */
  onListenerError?: (error: unknown) => void;
}

export interface MemoryMonitor {
  start(): void;
  stop(): void;
  /** Samples at once (sharing a sample already under way) and returns to the fastest rate. */
  sampleNow(): Promise<LiveMemory>;
  latest(): LiveMemory | null;
  /** The delay before the next scheduled sample. */
  currentIntervalMs(): number;
  /** Chart data for the last `rangeMs` (see MemoryHistory.query). */
  history(rangeMs: number, maxPoints?: number): HistoryQuery;
  /** Growth of swap use over the last `windowMs` (default 5 minutes). */
  swapGrowthBytes(windowMs?: number): number;
  /** Called on every reading that differs from the one before, and on failures; returns an unsubscribe. */
  subscribe(listener: (event: MemoryEvent) => void): () => void;
}

const MiB = 2 ** 20;

/**
 * Samples memory on an interval that doubles (1 s → 10 s) while readings are steady and drops
 * back to 1 s on any change or on demand: fresh numbers when something happens, near-zero cost
 * when nothing does. One sample = one probe read + one /api/ps.
 */
export function createMemoryMonitor(options: MemoryMonitorOptions): MemoryMonitor {
  const { probe, host, scheduler, profile } = options;
  const minIntervalMs = options.minIntervalMs ?? 1000;
  const maxIntervalMs = Math.max(minIntervalMs, options.maxIntervalMs ?? 10_000);
  const stableWithinBytes = options.stableWithinBytes ?? 256 * MiB;
  const hostTimeoutMs = options.hostTimeoutMs ?? 2000;
  const history = new MemoryHistory({ ...options.history, minIntervalMs });
  const onListenerError =
    options.onListenerError ??
    ((error: unknown) => console.error('frontier-sos: a memory monitor listener failed:', error));
  const listeners = new Set<(event: MemoryEvent) => void>();
  let latest: LiveMemory | null = null;
  let interval = minIntervalMs;
  let timer: unknown = null;
  let running = false;
  let inFlight: Promise<LiveMemory> | null = null;

  const emit = (event: MemoryEvent) => {
    for (const listener of listeners) {
      // A broken listener must not stop the sampling everyone else relies on; it is said, not hidden.
      try {
        listener(event);
      } catch (error) {
        onListenerError(error);
      }
    }
  };

  function listLoadedWithin(): Promise<{ loaded: LoadedModel[] | null; problem?: string }> {
    return new Promise((resolve) => {
      const handle = scheduler.setTimeout(
        () =>
          resolve({ loaded: null, problem: `the model host did not list loaded models within ${hostTimeoutMs} ms` }),
        hostTimeoutMs,
      );
      host.listLoaded().then(
        (loaded) => {
          scheduler.clearTimeout(handle);
          resolve({ loaded });
        },
        (error: unknown) => {
          scheduler.clearTimeout(handle);
          resolve({
            loaded: null,
            problem: `the model host did not answer (${error instanceof Error ? error.message : String(error)})`,
          });
        },
      );
    });
  }

  async function sampleOnce(): Promise<LiveMemory> {
    const [reading, models] = await Promise.all([probe.read(), listLoadedWithin()]);
    const current = combineReading(reading, {
      at: scheduler.now(),
      loaded: models.loaded,
      ...(profile ? { profile } : {}),
      ...(models.problem ? { hostProblem: models.problem } : {}),
    });
    const previous = latest;
    const changes = changesBetween(previous, current, stableWithinBytes);
    latest = current;
    history.add(toPoint(current));
    interval = changes.length > 0 ? minIntervalMs : Math.min(maxIntervalMs, interval * 2);
    if (changes.length > 0) emit({ type: 'change', reading: current, previous, changes });
    return current;
  }

  function sample(): Promise<LiveMemory> {
    if (!inFlight) {
      inFlight = sampleOnce().finally(() => {
        inFlight = null;
      });
    }
    return inFlight;
  }

  function reschedule() {
    if (timer !== null) scheduler.clearTimeout(timer);
    timer = running ? scheduler.setTimeout(tick, interval) : null;
  }

  function tick() {
    timer = null;
    sample().then(reschedule, (error: unknown) => {
      emit({
        type: 'error',
        message: `Memory reading failed: ${error instanceof Error ? error.message : String(error)}. The monitor tries again in ${interval / 1000} s.`,
      });
      reschedule();
    });
  }

  return {
    start() {
      if (running) return;
      running = true;
      interval = minIntervalMs;
      if (timer !== null) scheduler.clearTimeout(timer);
      timer = scheduler.setTimeout(tick, 0);
    },
    stop() {
      running = false;
      if (timer !== null) scheduler.clearTimeout(timer);
      timer = null;
    },
    async sampleNow() {
      const reading = await sample();
      interval = minIntervalMs;
      reschedule();
      return reading;
    },
    latest: () => latest,
    currentIntervalMs: () => interval,
    history: (rangeMs, maxPoints) => history.query(scheduler.now(), rangeMs, maxPoints),
    swapGrowthBytes: (windowMs = 300_000) => history.swapGrowth(scheduler.now(), windowMs),
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

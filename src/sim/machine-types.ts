import type { MachineProfile } from '../../shared/memory/index';
import type { SimClock, TimerHandle } from './clock';
import type { Faults } from './faults';
import type { InstalledModel } from './models';

/**
 * The simulated machine's vocabulary: a runner (sched.go runnerRef), what the scheduler is asked
 * for, and what it reports. Shared by the ledger (lifecycle.ts) and the scheduler (machine.ts).
 */

/**
 * `loading`: llama-server is starting; the runner holds memory but is not in Ollama's `loaded`
 * map, so /api/ps does not list it. `ready`: listed. `unloading`: its process is being stopped
 * under the scheduler's lock, so /api/ps waits for it to finish rather than show it half gone.
 */
export type RunnerState = 'loading' | 'ready' | 'unloading';

export interface Runner {
  readonly model: InstalledModel;
  readonly name: string;
  readonly numCtx: number;
  /** The context came from the server default, not from the request (Ollama's numCtxAuto). */
  readonly numCtxAuto: boolean;
  /** What the runner takes in all (/api/ps `size`). */
  readonly sizeBytes: number;
  /** What of it is on the GPU (`size_vram`): less than `sizeBytes` when layers went to the CPU. */
  readonly vramBytes: number;
  state: RunnerState;
  /** Requests holding the runner (Ollama's refCount). */
  refCount: number;
  /** keep_alive in simulated ms; Infinity is forever; 0 unloads when idle. */
  sessionMs: number;
  /** Clock time the keep-alive runs out; null until the first request is done (as in Ollama). */
  expiresAt: number | null;
  timer: TimerHandle | null;
  slotsBusy: number;
  slotWaiters: Array<() => void>;
}

export type MachineEventType =
  'load-start' | 'load-end' | 'load-failed' | 'evict' | 'expire' | 'unload-start' | 'unload-end';

export interface MachineEvent {
  at: number;
  type: MachineEventType;
  model: string;
  bytes: number;
  /**
   * evict: why (memory, max-loaded, reload, oom-retry); expire: keep-alive, request; unload-start:
   * how; load-start/-end: cold, warm; load-failed: out-of-memory, load-failure, stalled, canceled.
   */
  reason?: string;
}

export interface MachineOptions {
  clock: SimClock;
  /** Multiplies every simulated duration (0.02 turns a 40 s load into 0.8 s). */
  timeScale: number;
  profile: MachineProfile;
  models: readonly InstalledModel[];
  faults: Faults;
  /** OLLAMA_MAX_LOADED_MODELS (Ollama's default: 3 per GPU). */
  maxLoadedModels?: number;
  /** OLLAMA_MAX_QUEUE (default 512). */
  maxQueue?: number;
  /** OLLAMA_NUM_PARALLEL (default 1): generation slots per model, and KV cache copies. */
  numParallel?: number;
  /** OLLAMA_KEEP_ALIVE in ms (default 5 minutes). */
  defaultKeepAliveMs?: number;
  /** How long stopping a runner's process takes, until its memory is free and it leaves the ledger. */
  unloadDelayMs?: number;
  /** A model fits beside loaded ones when its estimate is at most this share of free memory (Ollama: 80%). */
  fitFraction?: number;
  /** OLLAMA_CONTEXT_LENGTH: a fixed default num_ctx. Unset: Ollama's VRAM-tier default. */
  defaultNumCtx?: number;
  /** OLLAMA_LOAD_TIMEOUT in ms: a load without progress for this long fails (default 5 min; Infinity: never). */
  loadTimeoutMs?: number;
}

export interface AcquireRequest {
  model: InstalledModel;
  /** The request's options.num_ctx; undefined means the server default. */
  numCtx?: number;
  /** keep_alive in ms; undefined keeps a loaded model's own (or the default for a new load). */
  keepAliveMs?: number;
  /** The client's connection: a client that leaves while its model loads aborts the load. */
  signal?: AbortSignal;
}

export interface Lease {
  readonly runner: Runner;
  /** Waits for one of the model's generation slots (num_parallel); returns its release. */
  slot(): Promise<() => void>;
  /** The request is done with the model: its keep-alive starts when no one else holds it. */
  release(): void;
}

/** The runner options a request needs, and what they cost in memory. */
export interface Want {
  numCtx: number;
  numCtxAuto: boolean;
  /** What llama-server would allocate: the ledger and /api/ps count this. */
  sizeBytes: number;
  /** Ollama's own prediction (PredictServerVRAM + batch surcharge): its 80% rule tests this. */
  predictedBytes: number;
}

/** A queued request (sched.go LlmRequest). */
export interface Pending {
  request: AcquireRequest;
  resolve(lease: Lease): void;
  reject(error: Error): void;
  /** sched.go oomRetryAttempted: a load that ran out of memory is retried once, never twice. */
  oomRetryAttempted: boolean;
}

import { estimateModel, ollamaFitFraction, type MachineProfile } from '../../shared/memory/index';
import type { SimClock, TimerHandle } from './clock';
import type { Faults } from './faults';
import { defaultKeepAliveMs } from './keep-alive';
import { errMaxQueue, goForeverMs, lowerAutoNumCtx, requiresMoreMemory, SimError, tierNumCtx } from './rules';
import type { InstalledModel } from './models';

export { errMaxQueue, humanBytes, requiresMoreMemory, SimError, tierNumCtx } from './rules';

/**
 * The simulated machine: a unified-memory ledger and Ollama's scheduler (server/sched.go) on an
 * injected clock. It decides when models load, which one is evicted, when keep-alive expires and
 * when memory is free again; the HTTP layer only asks it for a runner and gives it back.
 */

export type RunnerState = 'loading' | 'ready' | 'unloading';

export interface Runner {
  readonly model: InstalledModel;
  readonly name: string;
  readonly numCtx: number;
  /** The context came from the server default, not from the request (Ollama's numCtxAuto). */
  readonly numCtxAuto: boolean;
  readonly sizeBytes: number;
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
  /** evict: why (memory, max-loaded, reload); expire: keep-alive, request; unload-start: how. */
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
  /** How long an unload takes before the memory is free and /api/ps stops listing the model. */
  unloadDelayMs?: number;
  /** A model fits beside loaded ones when Ollama's prediction is at most this share of free memory (Ollama: 80%). */
  fitFraction?: number;
  /** OLLAMA_CONTEXT_LENGTH: a fixed default num_ctx. Unset: Ollama's VRAM-tier default. */
  defaultNumCtx?: number;
}

export interface AcquireRequest {
  model: InstalledModel;
  /** The request's options.num_ctx; undefined means the server default. */
  numCtx?: number;
  /** keep_alive in ms; undefined keeps a loaded model's own (or the default for a new load). */
  keepAliveMs?: number;
  signal?: AbortSignal;
}

export interface Lease {
  readonly runner: Runner;
  /** Waits for one of the model's generation slots (num_parallel); returns its release. */
  slot(): Promise<() => void>;
  /** The request is done with the model: its keep-alive starts when no one else holds it. */
  release(): void;
}

interface Want {
  numCtx: number;
  numCtxAuto: boolean;
  /** What llama-server would allocate: the ledger and /api/ps count this. */
  sizeBytes: number;
  /** Ollama's own prediction (PredictServerVRAM + batch surcharge): its 80% rule tests this. */
  predictedBytes: number;
}

interface Pending {
  request: AcquireRequest;
  resolve(lease: Lease): void;
  reject(error: Error): void;
  lowered: boolean;
}

export class Machine {
  readonly events: MachineEvent[] = [];
  readonly maxLoadedModels: number;
  readonly maxQueue: number;
  readonly numParallel: number;
  readonly defaultKeepAliveMs: number;
  readonly unloadDelayMs: number;
  readonly fitFraction: number;
  private readonly runners = new Map<string, Runner>();
  private readonly warm = new Set<string>();
  private readonly pending: Pending[] = [];
  private unloadWaiters: Array<() => void> = [];
  private listeners: Array<(event: MachineEvent) => void> = [];
  private processing = false;
  private peak = 0;
  private loaded = 0;
  private closed = false;

  constructor(private readonly options: MachineOptions) {
    this.maxLoadedModels = options.maxLoadedModels ?? 3;
    this.maxQueue = options.maxQueue ?? 512;
    this.numParallel = Math.max(1, options.numParallel ?? 1);
    this.defaultKeepAliveMs = options.defaultKeepAliveMs ?? defaultKeepAliveMs;
    this.unloadDelayMs = options.unloadDelayMs ?? 500;
    this.fitFraction = options.fitFraction ?? ollamaFitFraction;
  }

  get profile(): MachineProfile {
    return this.options.profile;
  }

  /** What the GPU may wire (the profile's raw budget), less what other programs hold (fault). */
  capacityBytes(): number {
    return this.options.profile.gpuBudgetBytes - this.options.faults.reservedBytes();
  }

  usedBytes(): number {
    let sum = 0;
    for (const r of this.runners.values()) sum += r.sizeBytes;
    return sum;
  }

  peakBytes(): number {
    return this.peak;
  }

  /** Weight bytes read from disk by every load so far. */
  bytesLoaded(): number {
    return this.loaded;
  }

  runnersList(): Runner[] {
    return [...this.runners.values()];
  }

  runner(name: string): Runner | undefined {
    return this.runners.get(name);
  }

  queuedCount(): number {
    return this.pending.length;
  }

  /** Something here waits on time: the queue, a load, or an unload. */
  busy(): boolean {
    return (
      this.processing ||
      this.pending.length > 0 ||
      [...this.runners.values()].some((r) => r.state !== 'ready' || r.refCount > 0)
    );
  }

  onEvent(listener: (event: MachineEvent) => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** Simulated ms → clock ms. */
  scaled(ms: number): number {
    return ms * this.options.timeScale;
  }

  /** When /api/ps says the model goes: its timer, or (not yet set) now + its keep-alive. */
  expiresAt(runner: Runner): number {
    if (runner.expiresAt !== null) return runner.expiresAt;
    return this.now() + (Number.isFinite(runner.sessionMs) ? this.scaled(runner.sessionMs) : goForeverMs);
  }

  /** The options a request would run the model with, and what that costs in memory. */
  want(model: InstalledModel, numCtx: number | undefined): Want {
    const auto = numCtx === undefined;
    const requested = numCtx ?? this.options.defaultNumCtx ?? tierNumCtx(this.options.profile.gpuBudgetBytes);
    const effective = Math.max(4, Math.min(requested, model.spec.contextLength));
    return this.wantAt(model, effective, auto && this.options.defaultNumCtx === undefined);
  }

  private wantAt(model: InstalledModel, numCtx: number, numCtxAuto: boolean): Want {
    const estimate = estimateModel(model.spec, { numCtx, numParallel: this.numParallel });
    return { numCtx, numCtxAuto, sizeBytes: estimate.totalBytes, predictedBytes: estimate.ollamaPredictedBytes };
  }

  /** sched.go needsReload: different runner options (num_ctx) need a new runner. */
  needsReload(runner: Runner, want: Want): boolean {
    if (runner.numCtxAuto && want.numCtxAuto) return false;
    return runner.numCtx !== want.numCtx;
  }

  /** getRunner: a loaded model that fits the request is used at once; anything else queues. */
  acquire(request: AcquireRequest): Promise<Lease> {
    if (this.closed) return Promise.reject(new SimError('server is shutting down', 503));
    const runner = this.runners.get(request.model.spec.name);
    if (runner && runner.state === 'ready' && !this.needsReload(runner, this.want(request.model, request.numCtx))) {
      this.join(runner, request.keepAliveMs);
      return Promise.resolve(this.lease(runner));
    }
    if (this.pending.length >= this.maxQueue) return Promise.reject(new SimError(errMaxQueue, 503));
    return new Promise<Lease>((resolve, reject) => {
      this.pending.push({ request, resolve, reject, lowered: false });
      void this.pump();
    });
  }

  /** expireRunner: keep_alive 0 with no prompt. Unloads now if idle, else when its requests end. */
  expireNow(name: string): void {
    const runner = this.runners.get(name);
    if (runner) this.expire(runner, 'request');
  }

  /** Stops every timer; pending requests fail. */
  close(): void {
    this.closed = true;
    for (const r of this.runners.values()) this.stopTimer(r);
    for (const p of this.pending.splice(0)) p.reject(new SimError('server is shutting down', 503));
  }

  private now(): number {
    return this.options.clock.now();
  }

  private emit(type: MachineEventType, runner: Runner, reason?: string): void {
    const event: MachineEvent = {
      at: this.now(),
      type,
      model: runner.name,
      bytes: runner.sizeBytes,
      ...(reason === undefined ? {} : { reason }),
    };
    this.events.push(event);
    // A long demo run should not grow without bound; tests and the benchmark read far fewer.
    if (this.events.length > 10_000) this.events.splice(0, this.events.length - 10_000);
    for (const listener of this.listeners) listener(event);
  }

  private sleep(simMs: number): Promise<void> {
    return new Promise((resolve) => this.options.clock.setTimer(this.scaled(simMs), resolve));
  }

  /** processPending: one request at a time is placed (and, here, loaded); the rest wait. */
  private async pump(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      while (this.pending.length > 0 && !this.closed) {
        const next = this.pending.shift()!;
        if (next.request.signal?.aborted) {
          next.reject(new SimError('request canceled', 499));
          continue;
        }
        try {
          await this.schedule(next);
        } catch (error) {
          next.reject(error instanceof Error ? error : new Error(String(error)));
        }
      }
    } finally {
      this.processing = false;
    }
  }

  private async schedule(p: Pending): Promise<void> {
    const { model } = p.request;
    const name = model.spec.name;
    let want = this.want(model, p.request.numCtx);
    for (;;) {
      if (this.closed) throw new SimError('server is shutting down', 503);
      const existing = this.runners.get(name);
      let victim: Runner | undefined;
      let reason: string;
      if (existing) {
        if (existing.state === 'ready' && !this.needsReload(existing, want)) {
          this.join(existing, p.request.keepAliveMs);
          p.resolve(this.lease(existing));
          return;
        }
        victim = existing;
        reason = existing.state === 'unloading' ? 'unloading' : 'reload';
      } else if (this.runners.size >= this.maxLoadedModels) {
        victim = this.findVictim();
        reason = 'max-loaded';
      } else {
        const capacity = this.capacityBytes();
        if (this.runners.size === 0) {
          if (want.sizeBytes > capacity) {
            const lower = want.numCtxAuto && !p.lowered ? lowerAutoNumCtx(want.numCtx) : null;
            if (lower !== null) {
              p.lowered = true;
              want = this.wantAt(model, Math.min(lower, model.spec.contextLength), true);
              continue;
            }
            throw new SimError(requiresMoreMemory(want.sizeBytes, capacity), 500);
          }
          await this.load(p, want);
          return;
        }
        // server/sched.go load (v0.32.15): beside loaded models, Ollama's prediction against 80% of what is free.
        if (want.predictedBytes <= this.fitFraction * (capacity - this.usedBytes())) {
          await this.load(p, want);
          return;
        }
        victim = this.findVictim();
        reason = 'memory';
      }
      if (!victim) continue;
      if (victim.state !== 'unloading') this.expire(victim, reason, 'evict');
      await new Promise<void>((resolve) => this.unloadWaiters.push(resolve));
    }
  }

  /**
   * findRunnerToUnload: sorted by keep-alive duration (shortest first; forever last), ties by
   * model path — which in Ollama is the blob's digest — and the first idle one; if none is idle,
   * the first, to be waited for.
   */
  findVictim(): Runner | undefined {
    const list = [...this.runners.values()].sort(
      (a, b) =>
        a.sessionMs - b.sessionMs || (a.model.digest < b.model.digest ? -1 : a.model.digest > b.model.digest ? 1 : 0),
    );
    return list.find((r) => r.refCount === 0) ?? list[0];
  }

  private async load(p: Pending, want: Want): Promise<void> {
    const { model, keepAliveMs } = p.request;
    const { faults, profile } = this.options;
    const runner: Runner = {
      model,
      name: model.spec.name,
      numCtx: want.numCtx,
      numCtxAuto: want.numCtxAuto,
      sizeBytes: want.sizeBytes,
      state: 'loading',
      refCount: 0,
      sessionMs: keepAliveMs ?? this.defaultKeepAliveMs,
      expiresAt: null,
      timer: null,
      slotsBusy: 0,
      slotWaiters: [],
    };
    this.runners.set(runner.name, runner);
    this.peak = Math.max(this.peak, this.usedBytes());
    const warm = this.warm.has(runner.name);
    this.emit('load-start', runner, warm ? 'warm' : 'cold');
    const speed = warm ? profile.warmLoadBytesPerSec : profile.coldLoadBytesPerSec;
    let loadMs = (model.spec.weightsBytes / speed) * 1000;
    const slow = faults.take('slow-load', runner.name);
    if (slow) loadMs *= slow.factor;
    const oom = faults.take('out-of-memory', runner.name);
    const failure = oom ? undefined : faults.take('load-failure', runner.name);
    // Running out of memory shows early, when the buffers are allocated; other failures at the end.
    await this.sleep(oom ? loadMs * 0.1 : loadMs);
    if (oom || failure) {
      if (this.runners.get(runner.name) === runner) this.runners.delete(runner.name);
      this.emit('load-failed', runner, oom ? 'out-of-memory' : 'load-failure');
      this.notifyUnloaded();
      throw oom
        ? new SimError(requiresMoreMemory(runner.sizeBytes, this.capacityBytes() - this.usedBytes()), 500)
        : new SimError(
            failure?.message ??
              `llama runner process has terminated: error loading model: ${runner.name} failed to load (simulated fault)`,
            500,
          );
    }
    runner.state = 'ready';
    this.warm.add(runner.name);
    this.loaded += model.spec.weightsBytes;
    this.emit('load-end', runner, warm ? 'warm' : 'cold');
    this.join(runner, undefined);
    const lease = this.lease(runner);
    if (p.request.signal?.aborted) {
      // The client left while the model loaded: it stays loaded, idle, on its keep-alive.
      lease.release();
      p.reject(new SimError('request canceled', 499));
      return;
    }
    p.resolve(lease);
  }

  private lease(runner: Runner): Lease {
    let released = false;
    return {
      runner,
      slot: () => this.takeSlot(runner),
      release: () => {
        if (released) return;
        released = true;
        this.release(runner);
      },
    };
  }

  /** useLoadedRunner: one more holder; its timer stops; its keep_alive (if given) replaces the old. */
  private join(runner: Runner, keepAliveMs: number | undefined): void {
    runner.refCount += 1;
    this.stopTimer(runner);
    if (keepAliveMs !== undefined) runner.sessionMs = keepAliveMs;
  }

  /** processCompleted: the last holder gone, keep-alive 0 unloads, anything else starts the timer. */
  private release(runner: Runner): void {
    runner.refCount = Math.max(0, runner.refCount - 1);
    if (runner.refCount > 0 || runner.state !== 'ready' || this.closed) return;
    if (runner.sessionMs <= 0) {
      this.startUnload(runner, 'idle with keep_alive 0');
      return;
    }
    this.stopTimer(runner);
    if (Number.isFinite(runner.sessionMs)) {
      const delay = this.scaled(runner.sessionMs);
      runner.expiresAt = this.now() + delay;
      runner.timer = this.options.clock.setTimer(delay, () => {
        runner.timer = null;
        if (runner.refCount === 0 && runner.state === 'ready') {
          this.emit('expire', runner, 'keep-alive');
          this.startUnload(runner, 'keep-alive');
        }
      });
    } else {
      runner.expiresAt = this.now() + goForeverMs;
    }
  }

  private expire(runner: Runner, reason: string, type: 'evict' | 'expire' = 'expire'): void {
    if (runner.state === 'unloading') return;
    this.stopTimer(runner);
    runner.sessionMs = 0;
    runner.expiresAt = this.now();
    this.emit(type, runner, reason);
    if (runner.refCount === 0 && runner.state === 'ready')
      this.startUnload(runner, type === 'evict' ? `evicted (${reason})` : reason);
  }

  private startUnload(runner: Runner, reason: string): void {
    runner.state = 'unloading';
    this.stopTimer(runner);
    this.emit('unload-start', runner, reason);
    // A stuck unload never finishes: the model stays listed and keeps its memory.
    if (this.options.faults.take('stuck-unload', runner.name)) return;
    this.options.clock.setTimer(this.scaled(this.unloadDelayMs), () => {
      if (this.runners.get(runner.name) === runner) this.runners.delete(runner.name);
      this.emit('unload-end', runner);
      this.notifyUnloaded();
    });
  }

  private notifyUnloaded(): void {
    const waiters = this.unloadWaiters;
    this.unloadWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private stopTimer(runner: Runner): void {
    if (runner.timer) this.options.clock.clearTimer(runner.timer);
    runner.timer = null;
  }

  private takeSlot(runner: Runner): Promise<() => void> {
    const release = () => {
      const next = runner.slotWaiters.shift();
      if (next) next();
      else runner.slotsBusy = Math.max(0, runner.slotsBusy - 1);
    };
    let done = false;
    const once = () => {
      if (done) return;
      done = true;
      release();
    };
    if (runner.slotsBusy < this.numParallel) {
      runner.slotsBusy += 1;
      return Promise.resolve(once);
    }
    return new Promise((resolve) => runner.slotWaiters.push(() => resolve(once)));
  }
}

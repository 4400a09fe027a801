import { estimateModel } from '../../shared/memory/index';
import type { InstalledModel } from './models';
import { RunnerLedger } from './lifecycle';
import type { AcquireRequest, Lease, MachineOptions, Pending, Runner, Want } from './machine-types';
import { findRunnerToUnload, placeAlone } from './placement';
import {
  defaultLoadTimeoutMs,
  errMaxQueue,
  llamaServerOutOfMemory,
  loadStalledText,
  lowerAutoNumCtx,
  SimError,
  tierNumCtx,
} from './rules';

export { errMaxQueue, SimError, tierNumCtx } from './rules';
export type {
  AcquireRequest,
  Lease,
  MachineEvent,
  MachineEventType,
  MachineOptions,
  Runner,
  RunnerState,
} from './machine-types';

/**
 * The simulated machine: a unified-memory ledger (lifecycle.ts) and Ollama's scheduler
 * (server/sched.go, v0.32.15) on an injected clock. It decides when models load, which one is
 * evicted, when keep-alive expires and when memory is free again; the HTTP layer only asks it for
 * a runner and gives it back.
 */

/** How a load attempt ended: sched.go load's return value says whether to evict and try again. */
type LoadOutcome = 'done' | 'retry';

export class Machine extends RunnerLedger {
  /** OLLAMA_LOAD_TIMEOUT (envconfig.LoadTimeout), simulated ms. */
  readonly loadTimeoutMs: number;
  private readonly pending: Pending[] = [];
  private readonly closeHooks = new Set<() => void>();
  private readonly warm = new Set<string>();
  private processing = false;

  constructor(options: MachineOptions) {
    super(options);
    this.loadTimeoutMs = options.loadTimeoutMs ?? defaultLoadTimeoutMs;
  }

  queuedCount(): number {
    return this.pending.length;
  }

  /** Something here waits on time: the queue, a load, or an unload. */
  busy(): boolean {
    return (
      this.processing ||
      this.pending.length > 0 ||
      this.runnersList().some((r) => r.state !== 'ready' || r.refCount > 0)
    );
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
      this.pending.push({ request, resolve, reject, oomRetryAttempted: false });
      void this.pump();
    });
  }

  /**
   * expireRunner: keep_alive 0 with no prompt. Unloads now if idle, else when its requests end.
   * A model still loading is not in Ollama's `loaded` map yet, so the request does nothing to it.
   */
  expireNow(name: string): void {
    const runner = this.runners.get(name);
    if (runner && runner.state === 'ready') this.expire(runner, 'request');
  }

  /** Stops every timer; pending requests fail, a load in progress is abandoned. */
  close(): void {
    this.closed = true;
    for (const r of this.runners.values()) this.stopTimer(r);
    for (const p of this.pending.splice(0)) p.reject(new SimError('server is shutting down', 503));
    for (const hook of [...this.closeHooks]) hook();
  }

  /** findRunnerToUnload (placement.ts). */
  findVictim(): Runner | undefined {
    return findRunnerToUnload(this.runnersList());
  }

  /** processPending: one request at a time is placed and loaded; the rest wait. */
  private async pump(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      while (this.pending.length > 0 && !this.closed) {
        const next = this.pending.shift()!;
        // "pending request cancelled or timed out, skipping scheduling"
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

  /** processPending's inner loop for one request. */
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
        reason = 'reload';
      } else if (this.runners.size >= this.maxLoadedModels) {
        victim = this.findVictim();
        reason = 'max-loaded';
      } else if (this.runners.size === 0) {
        // "loading first model": requireFull=false, llama-server fits what it can.
        const outcome = await this.load(p, want, false);
        if (outcome === 'done') return;
        want = this.retryWant(p, want);
        continue;
      } else if (want.predictedBytes > this.fitFraction * (this.capacityBytes() - this.vramUsedBytes())) {
        // load's pre-flight (v0.32.15): Ollama's prediction (PredictServerVRAM + batch surcharge) > 80% of free memory means evict first.
        victim = this.findVictim();
        reason = 'memory';
      } else {
        const outcome = await this.load(p, want, true);
        if (outcome === 'done') return;
        // The load ran out of memory beside other models: evict them all, then retry once.
        want = this.retryWant(p, want);
        await this.evictAllBut(name);
        continue;
      }
      if (!victim) continue;
      this.expire(victim, reason, 'evict');
      await this.nextUnload();
    }
  }

  /** The options for the one retry after a load ran out of memory: a lowered automatic context. */
  private retryWant(p: Pending, want: Want): Want {
    const lower = want.numCtxAuto ? lowerAutoNumCtx(want.numCtx) : null;
    if (lower === null || lower >= want.numCtx) return want;
    return this.wantAt(p.request.model, Math.min(lower, p.request.model.spec.contextLength), true);
  }

  /** evictAllAndWait: every other runner expires; returns once all of them are gone. */
  private async evictAllBut(name: string): Promise<void> {
    const others = this.runnersList().filter((r) => r.name !== name);
    for (const runner of others) this.expire(runner, 'oom-retry', 'evict');
    while (others.some((r) => this.runners.get(r.name) === r) && !this.closed) await this.nextUnload();
  }

  /**
   * sched.go load → llama.Load → WaitUntilRunning, then the runner joins `loaded` (and /api/ps).
   * Returns 'retry' when the load ran out of memory and may be tried once more.
   */
  private async load(p: Pending, want: Want, requireFull: boolean): Promise<LoadOutcome> {
    const { model, keepAliveMs } = p.request;
    const { faults, profile } = this.options;
    // Beside other models the pre-flight has checked that the model fits the GPU whole.
    const placement = requireFull
      ? ({ kind: 'gpu', vramBytes: want.sizeBytes } as const)
      : placeAlone(want.sizeBytes, this.capacityBytes(), this.hostBytes());
    const runner: Runner = {
      model,
      name: model.spec.name,
      numCtx: want.numCtx,
      numCtxAuto: want.numCtxAuto,
      sizeBytes: want.sizeBytes,
      vramBytes: placement.kind === 'oom' ? 0 : placement.vramBytes,
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
    const oom = faults.take('out-of-memory', runner.name) !== undefined || placement.kind === 'oom';
    const failure = oom ? undefined : faults.take('load-failure', runner.name);
    const stall = oom || failure ? undefined : faults.take('stalled-load', runner.name);
    // Running out of memory shows early, when buffers are allocated; other failures at the end; a
    // stalled load fails OLLAMA_LOAD_TIMEOUT after its last progress (WaitUntilRunning).
    const endsAt = oom ? loadMs * 0.1 : stall ? loadMs * (stall.afterFraction ?? 0.5) + this.loadTimeoutMs : loadMs;
    if ((await this.loadTime(endsAt, p.request.signal)) === 'aborted') {
      // WaitUntilRunning returns on the request's context: the load is abandoned and its
      // process killed (Close waits for it to exit); nothing joins `loaded`.
      this.emit('load-failed', runner, 'canceled');
      if (!this.closed) await this.sleep(this.unloadDelayMs);
      this.remove(runner);
      p.reject(new SimError(this.closed ? 'server is shutting down' : 'request canceled', this.closed ? 503 : 499));
      return 'done';
    }
    if (oom || failure || stall) {
      this.remove(runner);
      this.emit('load-failed', runner, oom ? 'out-of-memory' : failure ? 'load-failure' : 'stalled');
      // Once per request: reduceAutoNumCtxForLoadOOM lowers an automatic context, and with other
      // models loaded "evicting all other models and retrying once" (schedule does both).
      const lowers = want.numCtxAuto && lowerAutoNumCtx(want.numCtx) !== null;
      if (oom && !p.oomRetryAttempted && (lowers || this.runners.size > 0)) {
        p.oomRetryAttempted = true;
        return 'retry';
      }
      throw new SimError(
        oom
          ? llamaServerOutOfMemory(placement.kind === 'oom' ? placement.overflowBytes : want.sizeBytes)
          : stall
            ? loadStalledText
            : (failure?.message ??
              `llama-server process has terminated: exit status 1: error loading model: ${runner.name} failed to load (simulated fault)`),
        500,
      );
    }
    runner.state = 'ready';
    this.warm.add(runner.name);
    this.loaded += model.spec.weightsBytes;
    this.emit('load-end', runner, warm ? 'warm' : 'cold');
    this.join(runner, undefined);
    p.resolve(this.lease(runner));
    return 'done';
  }

  /** Waits out a load's simulated duration (Infinity: until aborted); 'aborted' if the client left first. */
  private loadTime(simMs: number, signal: AbortSignal | undefined): Promise<'time' | 'aborted'> {
    return new Promise((resolve) => {
      const timer = Number.isFinite(simMs) ? this.options.clock.setTimer(this.scaled(simMs), () => done('time')) : null;
      const onAbort = () => done('aborted');
      const done = (how: 'time' | 'aborted') => {
        if (timer) this.options.clock.clearTimer(timer);
        signal?.removeEventListener('abort', onAbort);
        this.closeHooks.delete(onAbort);
        resolve(how);
      };
      this.closeHooks.add(onAbort);
      if (signal?.aborted) return done('aborted');
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

import { ollamaFitFraction, type MachineProfile } from '../../shared/memory/index';
import { defaultKeepAliveMs } from './keep-alive';
import type { Lease, MachineEvent, MachineEventType, MachineOptions, Runner } from './machine-types';
import { goForeverMs } from './rules';

/**
 * The ledger half of the simulated machine: which runners hold memory, their requests, their
 * keep-alive timers and their unloads — sched.go's processCompleted, useLoadedRunner and
 * expireRunner. The scheduling half (processPending, load) is the Machine in machine.ts.
 */
export abstract class RunnerLedger {
  readonly events: MachineEvent[] = [];
  readonly maxLoadedModels: number;
  readonly maxQueue: number;
  readonly numParallel: number;
  readonly defaultKeepAliveMs: number;
  readonly unloadDelayMs: number;
  readonly fitFraction: number;
  protected readonly runners = new Map<string, Runner>();
  protected closed = false;
  protected peak = 0;
  protected loaded = 0;
  private unloadWaiters: Array<() => void> = [];
  private settleWaiters: Array<() => void> = [];
  private listeners: Array<(event: MachineEvent) => void> = [];

  constructor(protected readonly options: MachineOptions) {
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

  /** The whole machine's memory less what other programs hold: the bound of a partial offload. */
  hostBytes(): number {
    return this.options.profile.totalBytes - this.options.faults.reservedBytes();
  }

  /** Memory held by runners: loading, loaded and still stopping. */
  usedBytes(): number {
    let sum = 0;
    for (const r of this.runners.values()) sum += r.sizeBytes;
    return sum;
  }

  /** GPU memory held by runners (sched.go updateFreeSpace sums each runner's VRAM). */
  vramUsedBytes(): number {
    let sum = 0;
    for (const r of this.runners.values()) sum += r.vramBytes;
    return sum;
  }

  peakBytes(): number {
    return this.peak;
  }

  /** Weight bytes read from disk by every load so far. */
  bytesLoaded(): number {
    return this.loaded;
  }

  /** Every runner that holds memory, listed or not. */
  runnersList(): Runner[] {
    return [...this.runners.values()];
  }

  /** What /api/ps lists (sched.go loadedModels): runners in `loaded`, so not one still loading. */
  listedRunners(): Runner[] {
    return this.runnersList().filter((r) => r.state === 'ready');
  }

  runner(name: string): Runner | undefined {
    return this.runners.get(name);
  }

  /**
   * Resolves when no unload is half done. processCompleted stops an expired runner's process
   * while it holds `loadedMu`, and loadedModels takes that lock, so /api/ps waits for the unload
   * instead of listing a model whose memory is going.
   */
  unloadsSettled(): Promise<void> {
    if (!this.runnersList().some((r) => r.state === 'unloading')) return Promise.resolve();
    return new Promise((resolve) => this.settleWaiters.push(resolve));
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

  protected now(): number {
    return this.options.clock.now();
  }

  protected emit(type: MachineEventType, runner: Runner, reason?: string): void {
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

  protected sleep(simMs: number): Promise<void> {
    return new Promise((resolve) => this.options.clock.setTimer(this.scaled(simMs), resolve));
  }

  /** Resolves at the next unload (sched.go's unloadedCh). */
  protected nextUnload(): Promise<void> {
    return new Promise<void>((resolve) => this.unloadWaiters.push(resolve));
  }

  /** A runner leaves the ledger: its memory is free; whoever waits for room looks again. */
  protected remove(runner: Runner): void {
    if (this.runners.get(runner.name) === runner) this.runners.delete(runner.name);
    const waiters = this.unloadWaiters;
    this.unloadWaiters = [];
    for (const resolve of waiters) resolve();
    if (!this.runnersList().some((r) => r.state === 'unloading')) {
      const settled = this.settleWaiters;
      this.settleWaiters = [];
      for (const resolve of settled) resolve();
    }
  }

  protected lease(runner: Runner): Lease {
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
  protected join(runner: Runner, keepAliveMs: number | undefined): void {
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

  /**
   * expireRunner (and the scheduler's "expire to make room"): duration 0; an idle runner unloads
   * now, a busy one when its last request ends (processCompleted's expiredCh loop waits for it).
   */
  protected expire(runner: Runner, reason: string, type: 'evict' | 'expire' = 'expire'): void {
    if (runner.state !== 'ready' || runner.sessionMs === 0) return;
    this.stopTimer(runner);
    runner.sessionMs = 0;
    runner.expiresAt = this.now();
    this.emit(type, runner, reason);
    if (this.options.faults.take('stuck-unload', runner.name)) {
      // A request that never ends holds the runner: expiredCh retries forever, the model stays
      // listed, whole, and keeps its memory.
      runner.refCount += 1;
      return;
    }
    if (runner.refCount === 0) this.startUnload(runner, type === 'evict' ? `evicted (${reason})` : reason);
  }

  /** processCompleted's unload: the process is stopped, then the runner leaves `loaded`. */
  private startUnload(runner: Runner, reason: string): void {
    runner.state = 'unloading';
    this.stopTimer(runner);
    this.emit('unload-start', runner, reason);
    this.options.clock.setTimer(this.scaled(this.unloadDelayMs), () => {
      this.emit('unload-end', runner);
      this.remove(runner);
    });
  }

  protected stopTimer(runner: Runner): void {
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

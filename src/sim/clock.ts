/**
 * The simulator's sense of time. Everything it schedules (loads, tokens, keep-alive expiry,
 * unloads) goes through a SimClock, so tests and the benchmark can run it on virtual time.
 */
export interface SimClock {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimer(ms: number, fn: () => void): TimerHandle;
  clearTimer(handle: TimerHandle): void;
}

export interface TimerHandle {
  readonly id: number;
}

let nextId = 1;

/** setTimeout fires at once for anything longer than this (about 24.8 days): such timers are chained. */
const maxTimeout = 2 ** 31 - 1;

export interface RealClock extends SimClock {
  /** Cancels every timer still set, so a closed simulator does not keep Node running. */
  dispose(): void;
}

export function realClock(): RealClock {
  const timers = new Map<number, ReturnType<typeof setTimeout>>();
  const arm = (id: number, at: number, fn: () => void) => {
    const wait = Math.max(0, at - Date.now());
    timers.set(
      id,
      setTimeout(
        () => {
          if (wait > maxTimeout) return arm(id, at, fn);
          timers.delete(id);
          fn();
        },
        Math.min(wait, maxTimeout),
      ),
    );
  };
  return {
    now: () => Date.now(),
    setTimer(ms, fn) {
      const id = nextId++;
      arm(id, Date.now() + Math.max(0, ms), fn);
      return { id };
    },
    clearTimer(handle) {
      const timer = timers.get(handle.id);
      if (timer !== undefined) clearTimeout(timer);
      timers.delete(handle.id);
    },
    dispose() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}

interface Pending {
  id: number;
  at: number;
  fn: () => void;
}

/** Lets promise continuations and I/O callbacks that are already due run before the next timer. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Virtual time: nothing happens until the test advances it. Timers due at the same instant fire in
 * the order they were set. After each timer the event loop gets a turn, so work that a timer's
 * callback started through promises schedules its own timers at the right virtual instant.
 */
export class VirtualClock implements SimClock {
  private time: number;
  private pending: Pending[] = [];

  /** Starts at 2026-01-01T00:00:00Z unless told otherwise, so runs are reproducible. */
  constructor(startMs = Date.UTC(2026, 0, 1)) {
    this.time = startMs;
  }

  now(): number {
    return this.time;
  }

  setTimer(ms: number, fn: () => void): TimerHandle {
    const id = nextId++;
    const entry = { id, at: this.time + Math.max(0, ms), fn };
    // Keep the list ordered by due time, ties in insertion order.
    let i = this.pending.length;
    while (i > 0 && this.pending[i - 1]!.at > entry.at) i--;
    this.pending.splice(i, 0, entry);
    return { id };
  }

  clearTimer(handle: TimerHandle): void {
    this.pending = this.pending.filter((p) => p.id !== handle.id);
  }

  /** How many timers are waiting, and when the next one is due (null when none). */
  pendingCount(): number {
    return this.pending.length;
  }

  nextDue(): number | null {
    return this.pending[0]?.at ?? null;
  }

  /** Fires the next timer (jumping to its time); false when there is none. */
  async step(): Promise<boolean> {
    await turn();
    const next = this.pending.shift();
    if (!next) return false;
    this.time = Math.max(this.time, next.at);
    next.fn();
    await turn();
    return true;
  }

  /** Moves time forward by `ms`, firing every timer due on the way in order. */
  async advance(ms: number): Promise<void> {
    await this.advanceTo(this.time + ms);
  }

  async advanceTo(target: number): Promise<void> {
    await turn();
    for (;;) {
      const next = this.pending[0];
      if (!next || next.at > target) break;
      await this.step();
    }
    this.time = Math.max(this.time, target);
    await turn();
  }
}

export interface DriveOptions {
  /** Whether the simulated machine has work that waits on time (a queue, a load, tokens, an unload). */
  busy: () => boolean;
  /** Give up after this much real time (the promise is probably waiting on something that never comes). */
  realTimeoutMs?: number;
  /** Never move virtual time past this instant. */
  until?: number;
}

/**
 * Settles `promise` while advancing `clock` only when the machine is busy: time jumps from event to
 * event as in a discrete-event simulation, and waits for real I/O (a request on its way over the
 * socket, a client reading the last chunk) when nothing in the machine is waiting on time.
 */
export async function drive<T>(clock: VirtualClock, promise: Promise<T>, options: DriveOptions): Promise<T> {
  let settled = false;
  const watched = promise.then(
    (value) => {
      settled = true;
      return value;
    },
    (error: unknown) => {
      settled = true;
      throw error;
    },
  );
  watched.catch(() => undefined);
  const deadline = Date.now() + (options.realTimeoutMs ?? 10_000);
  while (!settled) {
    if (Date.now() > deadline)
      throw new Error(
        `drive: the promise did not settle within ${options.realTimeoutMs ?? 10_000} ms of real time (virtual time ${new Date(clock.now()).toISOString()}).`,
      );
    const due = clock.nextDue();
    if (options.busy() && due !== null && (options.until === undefined || due <= options.until)) {
      await clock.step();
    } else {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }
  return watched;
}

/**
 * Time as the monitor sees it: injected so tests drive it with a manual clock and never sleep.
 * The core's `Clock` port has only `sleep`, which cannot be cancelled; the monitor must cancel its
 * pending sample when asked for one now, hence timers.
 */
export interface Scheduler {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemScheduler: Scheduler = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // The monitor must not keep a CLI process alive on its own.
    (handle as { unref?: () => void }).unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

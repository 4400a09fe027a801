/**
 * Ollama's fixed rules and texts that the simulated machine reproduces, each with the source it
 * follows (github.com/ollama/ollama, v0.32.15).
 */

const GiB = 2 ** 30;
/** time.Duration(math.MaxInt64): what Ollama stores for "forever", about 292 years. */
export const goForeverMs = 9_223_372_036_854.775;

/** A failure with the HTTP status Ollama answers it with (routes.go handleScheduleError). */
export class SimError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'SimError';
  }
}

/** sched.go ErrMaxQueue (sic: two spaces), answered with 503. */
export const errMaxQueue = 'server busy, please try again.  maximum pending requests exceeded';

/** format.HumanBytes2 */
export function humanBytes(bytes: number): string {
  if (bytes >= GiB) return `${(bytes / GiB).toFixed(1)} GiB`;
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}

/** The text Ollama (llm/server.go, 0.5–0.11) gave when a model could not fit at all. */
export const requiresMoreMemory = (needed: number, available: number) =>
  `model requires more system memory (${humanBytes(needed)}) than is available (${humanBytes(Math.max(0, available))})`;

// The default context tiers and the automatic context's one drop live with the rest of Ollama's
// scheduler rules in shared/memory/ollama-sched.ts (server/routes.go `Serve`, server/sched.go
// `nextLowerAutoNumCtx`), so the plan and the simulator read the same ones.
export { defaultNumCtx as tierNumCtx, nextLowerAutoNumCtx as lowerAutoNumCtx } from '../../shared/memory/ollama-sched';

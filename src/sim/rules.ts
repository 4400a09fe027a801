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

/**
 * What a load that runs out of memory answers (500): WaitUntilRunning in llm/llama_server.go
 * sees llama-server exit with status 1 and quotes the last error line its StatusWriter kept
 * (llm/status.go statusErrorLine keeps a line from its "error:" on). The line itself is
 * ggml-metal's failed buffer allocation (llama.cpp, not in Ollama's repository); `%8.2f MiB`.
 */
export function llamaServerOutOfMemory(bytes: number): string {
  const mib = (Math.max(0, bytes) / 2 ** 20).toFixed(2).padStart(8, ' ');
  return `llama-server process has terminated: exit status 1: error: failed to allocate buffer, size = ${mib} MiB`;
}

/** llm/status.go IsOutOfMemoryMessage: the texts sched.go treats as a load that ran out of memory. */
export function isOutOfMemory(message: string): boolean {
  const lower = message.toLowerCase();
  return [
    'out of memory',
    'out of device memory',
    'cudamalloc failed',
    'hipmalloc failed',
    'failed to allocate',
    'allocation failed',
    'not enough memory',
    'insufficient memory',
    'vk_error_out_of_device_memory',
    'erroroutofmemory',
  ].some((needle) => lower.includes(needle));
}

/**
 * WaitUntilRunning's verdict on a load with no progress for OLLAMA_LOAD_TIMEOUT: "timed out
 * waiting for llama-server to start - %s", where %s is llama-server's last error line (none
 * when it just hangs).
 */
export const loadStalledText = 'timed out waiting for llama-server to start - ';

/** envconfig.LoadTimeout: OLLAMA_LOAD_TIMEOUT default 5 minutes. */
export const defaultLoadTimeoutMs = 5 * 60_000;

/**
 * llama.cpp's `--fit` (on by default in llama-server, which Ollama starts without -ngl) leaves
 * this much of each device free when it decides how many layers to offload (its fit target,
 * 1024 MiB unless LLAMA_ARG_FIT_TARGET says otherwise). An assumption taken from llama.cpp's
 * documentation of `llama_params_fit`, not from Ollama's source.
 */
export const fitMarginBytes = GiB;

// The default context tiers and the automatic context's one drop live with the rest of Ollama's
// scheduler rules in shared/memory/ollama-sched.ts (server/routes.go `Serve`, server/sched.go
// `nextLowerAutoNumCtx`), so the plan and the simulator read the same ones.
export { defaultNumCtx as tierNumCtx, nextLowerAutoNumCtx as lowerAutoNumCtx } from '../../shared/memory/ollama-sched';

import { afterEach, describe, expect, it } from 'vitest';
import { createOllamaHost } from '../../../src/adapters/ollama/ollama-host';
import { isModelHostError, type ModelHostError } from '../../../src/core/model-host-error';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../../src/sim/index';

// The adapter against the simulator's Ollama 0.32.15 semantics, on real (scaled) time: a model
// loading is not in /api/ps, names are normalised, the queue is not the load, loads can stall.

let sim: Simulator;
afterEach(async () => {
  await sim.close();
});

/** timeScale 0.02: qwen2.5:7b's cold load (5.85 s) takes 117 ms. */
const scale = 0.02;
const load7bMs = (4_683_087_332 / 0.8e9) * 1000 * scale;
const start = async (options: SimulatorOptions = {}) => {
  sim = await startSimulator({ timeScale: scale, seed: 1, admin: true, ...options });
  return createOllamaHost({ url: sim.url, unloadPollMs: 10, loadWatchMs: 5 });
};
const run = { numCtx: 8192, keepAlive: -1 as const };
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: unknown) => e as ModelHostError,
  );

describe('the Ollama adapter, racing the scheduler', () => {
  it('waits out its own load in flight before unloading, so the model is not left loaded', async () => {
    const host = await start();
    const load = host.load('qwen2.5:7b', run);
    await new Promise((r) => setTimeout(r, load7bMs / 3));
    // Mid-load: /api/ps does not list it yet, and keep_alive 0 would not reach it.
    expect(await host.listLoaded()).toEqual([]);
    await host.unload('qwen2.5:7b');
    await load;
    expect(await host.listLoaded()).toEqual([]);
    expect(sim.state.loaded()).toEqual([]);
    expect(sim.state.events.map((e) => e.type)).toEqual([
      'load-start',
      'load-end',
      'expire',
      'unload-start',
      'unload-end',
    ]);
  });

  it('matches names as Ollama normalises them: an unload of Qwen2.5:7B waits for qwen2.5:7b to go', async () => {
    const host = await start();
    await host.load('qwen2.5:7b', run);
    sim.faults.inject({ kind: 'stuck-unload' });
    const error = await failure(host.unload('Qwen2.5:7B', { timeoutMs: 200 }));
    expect(isModelHostError(error, 'unload_timeout'), String(error)).toBe(true);
    sim.faults.clear();
    await sim.close();
    const fresh = await start();
    await fresh.load('library/qwen2.5:7b', run);
    await fresh.unload('registry.ollama.ai/library/Qwen2.5:7B');
    expect(await fresh.listLoaded()).toEqual([]);
  });

  it('times the load itself, not the wait behind another load', async () => {
    // Slower here, so that timer jitter on a busy machine stays small beside the loads.
    const host = await start({ timeScale: 0.05 });
    const ms = (bytes: number) => (bytes / 0.8e9) * 1000 * 0.05;
    const [load14b, load7b] = [ms(8_988_124_069), ms(4_683_087_332)];
    const first = host.load('qwen2.5:14b', run);
    await new Promise((r) => setTimeout(r, 20));
    const second = await host.load('qwen2.5:7b', run, () => undefined);
    await first;
    // Queued behind the 14B (about 560 ms), then its own load (about 290 ms).
    expect(second.totalDurationMs).toBeGreaterThan(load7b + load14b / 2);
    expect(second.loadDurationMs).toBeGreaterThan(load7b * 0.6);
    expect(second.loadDurationMs).toBeLessThan(second.totalDurationMs - load14b / 2);
    // An already loaded model loads in no time and teaches nothing about speed.
    const again = await host.load('qwen2.5:7b', run);
    expect(again.loadDurationMs).toBe(0);
  });

  it('reports Ollama’s own load timeout as a timeout that says what to do', async () => {
    const host = await start({ loadTimeoutMs: 2000 });
    sim.faults.inject({ kind: 'stalled-load', times: 1 });
    const error = await failure(host.load('qwen2.5:7b', run));
    expect(error?.kind).toBe('timeout');
    expect(error?.message).toMatch(
      /Ollama gave up loading qwen2\.5:7b: .*OLLAMA_LOAD_TIMEOUT.*raise OLLAMA_LOAD_TIMEOUT/,
    );
  });

  it('cancels a load that makes no progress, with a clear error, and leaves nothing loaded', async () => {
    sim = await startSimulator({ timeScale: scale, admin: true, loadTimeoutMs: Number.POSITIVE_INFINITY });
    const host = createOllamaHost({ url: sim.url, loadWatchMs: 5, loadStallTimeoutMs: 300 });
    sim.faults.inject({ kind: 'stalled-load', times: 1 });
    const started = Date.now();
    const error = await failure(host.load('qwen2.5:7b', run));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error?.kind).toBe('timeout');
    expect(error?.message).toMatch(
      /^qwen2\.5:7b did not finish loading: nothing changed in Ollama for 0\.3 s .* it was cancelled\. Check Ollama's server log/,
    );
    // The cancelled request aborted the load (WaitUntilRunning watches the client).
    await new Promise((r) => setTimeout(r, 100));
    expect(sim.state.loaded()).toEqual([]);
    expect(sim.state.events.map((e) => e.reason)).toContain('canceled');
  });

  it('says a model does not fit when llama-server runs out of memory', async () => {
    const host = await start();
    sim.faults.inject({ kind: 'out-of-memory' });
    const error = await failure(host.load('qwen2.5:7b', run));
    expect(error?.kind).toBe('server_error');
    expect(error?.message).toMatch(/^qwen2\.5:7b does not fit in the memory Ollama can use.*failed to allocate buffer/);
  });
});

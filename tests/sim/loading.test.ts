import { Ollama } from 'ollama';
import { afterEach, describe, expect, it } from 'vitest';
import { loadTimeoutFromEnv, startSimulator, VirtualClock, type Simulator } from '../../src/sim/index';

// Loads and unloads as Ollama v0.32.15 shows them (server/sched.go load, processCompleted,
// loadedModels; llm/llama_server.go WaitUntilRunning), on virtual time.

let sim: Simulator;
let clock: VirtualClock;
let client: Ollama;
const start = async (options = {}) => {
  clock = new VirtualClock();
  sim = await startSimulator({ clock, ...options });
  client = new Ollama({ host: sim.url });
};
afterEach(async () => {
  await sim.close();
});

/** qwen2.5:7b's cold load on m4pro-64: 4.68 GB at 0.8 GB/s. */
const coldLoadMs = (4_683_087_332 / 0.8e9) * 1000;
const listed = async () => (await client.ps()).models.map((m) => m.name);
/** Real time for a request to reach the simulator, with virtual time held still. */
const arrive = () => sim.drive(new Promise((r) => setTimeout(r, 30)), { until: clock.now() });
const until = (done: () => boolean) =>
  new Promise<void>((resolve) => {
    const poll = () => (done() ? resolve() : setTimeout(poll, 5));
    poll();
  });
const post = (path: string, body: unknown, signal?: AbortSignal) =>
  fetch(`${sim.url}${path}`, { method: 'POST', body: JSON.stringify(body), ...(signal ? { signal } : {}) });

describe('a model being loaded', () => {
  it('is absent from /api/ps until its load finishes, though it already holds memory', async () => {
    await start();
    const load = client.generate({ model: 'qwen2.5:7b', prompt: '' });
    await arrive();
    await clock.advance(coldLoadMs / 2);
    expect(await listed()).toEqual([]);
    expect(sim.state.loaded().map((r) => [r.name, r.state])).toEqual([['qwen2.5:7b', 'loading']]);
    expect(sim.state.usedBytes()).toBeGreaterThan(0);
    await sim.drive(load);
    expect(await listed()).toEqual(['qwen2.5:7b']);
  });

  it('is aborted when its client disconnects: nothing stays loaded, and the next load runs', async () => {
    await start();
    const controller = new AbortController();
    const request = post('/api/generate', { model: 'qwen2.5:7b', prompt: '' }, controller.signal).catch(
      (e: unknown) => e,
    );
    await arrive();
    await clock.advance(coldLoadMs / 2);
    controller.abort();
    expect(await request).toMatchObject({ name: 'AbortError' });
    // The server sees the connection close (real time, virtual time held), stops the load, and
    // kills its process, which takes the unload delay.
    await sim.drive(
      until(() => sim.state.events.some((e) => e.type === 'load-failed')),
      { until: clock.now() },
    );
    await clock.advance(500);
    expect(await listed()).toEqual([]);
    expect(sim.state.usedBytes()).toBe(0);
    const types = sim.state.events.map((e) => [e.type, e.reason]);
    expect(types).toEqual([
      ['load-start', 'cold'],
      ['load-failed', 'canceled'],
    ]);
    await sim.drive(client.generate({ model: 'qwen2.5:14b', prompt: '' }));
    expect(await listed()).toEqual(['qwen2.5:14b']);
  });

  it('is not unloaded by keep_alive 0 (Ollama only expires what is in `loaded`): it appears when done', async () => {
    await start();
    const load = client.generate({ model: 'qwen2.5:7b', prompt: '' });
    await arrive();
    await clock.advance(coldLoadMs / 2);
    expect(await client.generate({ model: 'qwen2.5:7b', prompt: '', keep_alive: 0 })).toMatchObject({
      done_reason: 'unload',
    });
    await sim.drive(load);
    expect(await listed()).toEqual(['qwen2.5:7b']);
  });

  it('fails OLLAMA_LOAD_TIMEOUT after it stops making progress, with WaitUntilRunning’s text', async () => {
    await start();
    sim.faults.inject({ kind: 'stalled-load', model: 'qwen2.5:7b', afterFraction: 0.25, times: 1 });
    const started = clock.now();
    const error = await sim.drive(client.generate({ model: 'qwen2.5:7b', prompt: '' })).catch((e: unknown) => e);
    expect(error).toMatchObject({ status_code: 500, message: 'timed out waiting for llama-server to start - ' });
    expect(clock.now() - started).toBeCloseTo(coldLoadMs * 0.25 + 5 * 60_000, 0);
    expect(await listed()).toEqual([]);
    expect(sim.state.usedBytes()).toBe(0);
  });

  it('honours OLLAMA_LOAD_TIMEOUT as envconfig reads it; with no limit a stalled load waits for its client', async () => {
    expect(loadTimeoutFromEnv(undefined)).toBe(300_000);
    expect(loadTimeoutFromEnv('10m')).toBe(600_000);
    expect(loadTimeoutFromEnv('90')).toBe(90_000);
    expect(loadTimeoutFromEnv('0')).toBe(Number.POSITIVE_INFINITY);
    expect(loadTimeoutFromEnv('-1s')).toBe(Number.POSITIVE_INFINITY);
    expect(loadTimeoutFromEnv('soon')).toBe(300_000);
    await start({ loadTimeoutMs: 60_000 });
    sim.faults.inject({ kind: 'stalled-load', times: 1 });
    const started = clock.now();
    await sim.drive(client.generate({ model: 'qwen2.5:7b', prompt: '' })).catch(() => undefined);
    expect(clock.now() - started).toBeCloseTo(coldLoadMs * 0.5 + 60_000, 0);
  });
});

describe('an unload', () => {
  it('is never visible half done: /api/ps waits for it, then the model and its memory are gone', async () => {
    await start();
    await sim.drive(client.generate({ model: 'qwen2.5:7b', prompt: '', keep_alive: '1m' }));
    await clock.advance(60_000);
    expect(sim.state.loaded()[0]?.state).toBe('unloading');
    const ps = sim.drive(client.ps());
    const answeredAt = await ps.then(() => clock.now());
    expect((await ps).models).toEqual([]);
    expect(sim.state.events.at(-1)).toMatchObject({ type: 'unload-end', at: answeredAt });
    expect(sim.state.usedBytes()).toBe(0);
  });
});

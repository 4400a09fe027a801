import { Ollama } from 'ollama';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, VirtualClock, type Simulator } from '../../src/sim/index';

// Every injected failure, as a client sees it.

let sim: Simulator;
let clock: VirtualClock;
let client: Ollama;

beforeEach(async () => {
  clock = new VirtualClock();
  sim = await startSimulator({ clock, admin: true });
  client = new Ollama({ host: sim.url });
});
afterEach(async () => {
  await sim.close();
});

const fail = (promise: Promise<unknown>) =>
  sim.drive(promise).then(
    () => {
      throw new Error('expected the request to fail');
    },
    (error: unknown) => error as { name: string; status_code?: number; message: string },
  );
const loaded = async () => (await client.ps()).models.map((m) => m.name);

describe('fault injection', () => {
  it('busy: 503 with Ollama’s "server busy" text', async () => {
    sim.faults.inject({ kind: 'busy', times: 1 });
    const error = await fail(client.generate({ model: 'qwen2.5:7b', prompt: 'hi' }));
    expect(error).toMatchObject({
      name: 'ResponseError',
      status_code: 503,
      message: 'server busy, please try again.  maximum pending requests exceeded',
    });
    // Used up: the next request goes through.
    await sim.drive(client.generate({ model: 'qwen2.5:7b', prompt: '' }));
  });

  it('a full queue (OLLAMA_MAX_QUEUE) answers 503 too', async () => {
    await sim.close();
    sim = await startSimulator({ clock, maxQueue: 1, admin: true });
    client = new Ollama({ host: sim.url });
    const first = client.generate({ model: 'qwen2.5:14b', prompt: '' }); // being loaded: out of the queue
    await sim.drive(new Promise((r) => setTimeout(r, 20)), { until: clock.now() });
    const second = client.generate({ model: 'qwen2.5:7b', prompt: '' }); // waits in the queue
    await new Promise((r) => setTimeout(r, 20));
    expect(sim.state.queued()).toBe(1);
    const error = await client.generate({ model: 'llama3.1:8b', prompt: '' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status_code: 503 });
    await sim.drive(Promise.all([first, second]));
  });

  it('load failure: 500, and the model is not left in ps', async () => {
    sim.faults.inject({ kind: 'load-failure', model: 'qwen2.5:7b' });
    const error = await fail(client.generate({ model: 'qwen2.5:7b', prompt: 'hi' }));
    expect(error.status_code).toBe(500);
    expect(error.message).toContain('llama-server process has terminated');
    expect(await loaded()).toEqual([]);
    // Other models are not affected.
    await sim.drive(client.generate({ model: 'qwen2.5:14b', prompt: '' }));
    expect(await loaded()).toEqual(['qwen2.5:14b']);
  });

  it("out of memory: 500 with llama-server's text, early in the load, and nothing left loaded", async () => {
    sim.faults.inject({ kind: 'out-of-memory' });
    const started = clock.now();
    const error = await fail(client.generate({ model: 'qwen2.5-coder:32b', prompt: '', options: { num_ctx: 8192 } }));
    expect(error.status_code).toBe(500);
    expect(error.message).toMatch(
      /^llama-server process has terminated: exit status 1: error: failed to allocate buffer, size = +\d+\.\d\d MiB$/,
    );
    expect(clock.now() - started).toBeLessThan((19_851_349_856 / 0.8e9) * 1000);
    expect(await loaded()).toEqual([]);
  });

  it('out of memory beside other models: every other model is evicted and the load retried once', async () => {
    await sim.drive(client.generate({ model: 'qwen2.5:7b', prompt: '', options: { num_ctx: 8192 } }));
    await sim.drive(client.generate({ model: 'qwen2.5:14b', prompt: '', options: { num_ctx: 8192 } }));
    sim.faults.inject({ kind: 'out-of-memory', model: 'llama3.1:8b', times: 1 });
    await sim.drive(client.generate({ model: 'llama3.1:8b', prompt: '', options: { num_ctx: 8192 } }));
    expect(await loaded()).toEqual(['llama3.1:8b']);
    const events = sim.state.events.map((e) => [e.type, e.model, e.reason ?? '']);
    expect(events.filter(([type]) => type === 'evict' || type === 'load-failed')).toEqual([
      ['load-failed', 'llama3.1:8b', 'out-of-memory'],
      ['evict', 'qwen2.5:7b', 'oom-retry'],
      ['evict', 'qwen2.5:14b', 'oom-retry'],
    ]);
    // Twice in a row: the retry fails too, and the error reaches the client.
    sim.faults.inject({ kind: 'out-of-memory', model: 'qwen2.5:7b', times: 2 });
    await sim.drive(client.generate({ model: 'qwen2.5:14b', prompt: '', options: { num_ctx: 8192 } }));
    const error = await fail(client.generate({ model: 'qwen2.5:7b', prompt: '', options: { num_ctx: 8192 } }));
    expect(error).toMatchObject({ status_code: 500 });
    expect(await loaded()).toEqual([]);
  });

  it('an automatic context that runs out of memory is retried once at a lower context', async () => {
    sim.faults.inject({ kind: 'out-of-memory', model: 'qwen2.5:7b', times: 1 });
    await sim.drive(client.generate({ model: 'qwen2.5:7b', prompt: '' }));
    const [ps] = (await client.ps()).models;
    // 48 GiB → 262144 by default, capped at the model's 32768; lowered once: 4096.
    expect((ps as unknown as { context_length: number }).context_length).toBe(4096);
  });

  it('memory pressure: a model that no longer fits the GPU runs partly on the CPU (size_vram < size)', async () => {
    sim.faults.inject({ kind: 'memory-pressure', bytes: 40 * 2 ** 30 });
    await sim.drive(client.generate({ model: 'qwen2.5-coder:32b', prompt: '', options: { num_ctx: 8192 } }));
    const [ps] = (await client.ps()).models;
    // 8 GiB of GPU left; llama.cpp's fit keeps 1 GiB of it free.
    expect(ps!.size_vram).toBe(7 * 2 ** 30);
    expect(ps!.size).toBeGreaterThan(20 * 2 ** 30);
    // With the whole machine taken, it cannot be allocated at all.
    await sim.drive(client.generate({ model: 'qwen2.5-coder:32b', prompt: '', keep_alive: 0 }));
    await sim.drive(client.ps());
    sim.faults.clear();
    sim.faults.inject({ kind: 'memory-pressure', bytes: 50 * 2 ** 30 });
    const error = await fail(client.generate({ model: 'qwen2.5-coder:32b', prompt: '', options: { num_ctx: 8192 } }));
    expect(error.message).toMatch(/failed to allocate buffer/);
  });

  it('slow load: the load takes `factor` times longer', async () => {
    sim.faults.inject({ kind: 'slow-load', model: 'qwen2.5:7b', factor: 3 });
    const started = clock.now();
    await sim.drive(client.generate({ model: 'qwen2.5:7b', prompt: '' }));
    expect(clock.now() - started).toBeCloseTo(3 * (4_683_087_332 / 0.8e9) * 1000, 0);
  });

  it('stream error: a 200 stream that ends with an {"error": …} line', async () => {
    sim.faults.inject({ kind: 'stream-error', afterTokens: 3, message: 'runner crashed', times: 1 });
    const received: string[] = [];
    const error = await fail(
      (async () => {
        const stream = await client.chat({
          model: 'qwen2.5:7b',
          messages: [{ role: 'user', content: 'go' }],
          stream: true,
        });
        for await (const part of stream) received.push(part.message.content);
      })(),
    );
    expect(received).toHaveLength(3);
    expect(error.message).toBe('runner crashed');
    // The raw stream: status 200, then the error line.
    sim.faults.inject({ kind: 'stream-error', afterTokens: 2, times: 1 });
    const response = await sim.drive(
      fetch(`${sim.url}/api/generate`, { method: 'POST', body: JSON.stringify({ model: 'qwen2.5:7b', prompt: 'go' }) }),
    );
    expect(response.status).toBe(200);
    const lines = (await sim.drive(response.text()))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toEqual({ error: 'an error was encountered while running the model: unexpected EOF' });
  });

  it('stream error before the first token: an error status instead of 200', async () => {
    sim.faults.inject({ kind: 'stream-error', afterTokens: 0, message: 'no tokens', times: 1 });
    const error = await fail(client.generate({ model: 'qwen2.5:7b', prompt: 'go', stream: true }));
    expect(error).toMatchObject({ status_code: 500, message: 'no tokens' });
  });

  it('stuck unload: keep_alive 0 answers, but the model never leaves ps and keeps its memory', async () => {
    await sim.drive(client.generate({ model: 'qwen2.5:7b', prompt: '' }));
    sim.faults.inject({ kind: 'stuck-unload', model: 'qwen2.5:7b' });
    expect(await client.generate({ model: 'qwen2.5:7b', prompt: '', keep_alive: 0 })).toMatchObject({
      done_reason: 'unload',
    });
    await clock.advance(60 * 60_000);
    expect(await loaded()).toEqual(['qwen2.5:7b']);
    expect(sim.state.usedBytes()).toBeGreaterThan(4e9);
  });

  it('http error: a chosen status and message', async () => {
    sim.faults.inject({ kind: 'http-error', status: 500, message: 'boom', model: 'qwen2.5:14b', times: 1 });
    const error = await fail(client.chat({ model: 'qwen2.5:14b', messages: [{ role: 'user', content: 'x' }] }));
    expect(error).toMatchObject({ status_code: 500, message: 'boom' });
  });

  it('server down: connections are refused until it comes back', async () => {
    await sim.faults.down();
    const error = await client.version().catch((e: unknown) => e as Error & { cause?: { code?: string } });
    expect(error).toBeInstanceOf(Error);
    expect((error as { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED');
    await sim.faults.up();
    expect((await client.version()).version).toBeTruthy();
  });

  it('server down for a while, through the admin endpoint', async () => {
    const response = await fetch(`${sim.url}/__sim/faults`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'down', forMs: 1000 }),
    });
    expect(response.status).toBe(200);
    await new Promise((r) => setTimeout(r, 20));
    await expect(fetch(`${sim.url}/api/version`)).rejects.toThrow();
    await clock.advance(1000);
    expect((await fetch(`${sim.url}/api/version`)).status).toBe(200);
  });

  it('the admin endpoint adds, lists and clears faults, and rejects bad ones', async () => {
    const add = await fetch(`${sim.url}/__sim/faults`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'busy', times: 2 }),
    });
    expect(await add.json()).toMatchObject({ fault: { kind: 'busy', times: 2 } });
    expect(((await (await fetch(`${sim.url}/__sim/faults`)).json()) as { faults: unknown[] }).faults).toHaveLength(1);
    const bad = await fetch(`${sim.url}/__sim/faults`, { method: 'POST', body: JSON.stringify({ kind: 'meteor' }) });
    expect(bad.status).toBe(400);
    await fetch(`${sim.url}/__sim/faults`, { method: 'DELETE' });
    expect(sim.faults.list()).toEqual([]);
    const state = (await (await fetch(`${sim.url}/__sim/state`)).json()) as { budget_bytes: number };
    expect(state.budget_bytes).toBe(48 * 2 ** 30);
  });

  it('serves the admin API only when enabled, and only to requests addressed to its loopback port', async () => {
    const closed = await startSimulator({ clock });
    try {
      expect(
        (
          await fetch(`${closed.url}/__sim/faults`, {
            method: 'POST',
            body: JSON.stringify({ kind: 'down', forMs: 1000 }),
          })
        ).status,
      ).toBe(404);
      expect((await fetch(`${closed.url}/api/version`)).status).toBe(200);
    } finally {
      await closed.close();
    }
    const { request } = await import('node:http');
    const port = new URL(sim.url).port;
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/__sim/state', headers: { host: `evil.example:${port}` } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });
});

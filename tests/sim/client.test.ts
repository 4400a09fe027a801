import { Ollama } from 'ollama';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defaultRoles } from '../../shared/roles';
import { startSimulator, VirtualClock, type Simulator } from '../../src/sim/index';

// The acceptance tests: the official `ollama` npm client against the simulator, on virtual time.

const GiB = 2 ** 30;
let sim: Simulator;
let clock: VirtualClock;
let client: Ollama;

beforeEach(async () => {
  clock = new VirtualClock();
  sim = await startSimulator({ clock, seed: 7 });
  client = new Ollama({ host: sim.url });
});
afterEach(async () => {
  await sim.close();
});

const psTotal = async () => (await client.ps()).models.reduce((sum, m) => sum + m.size, 0);

describe('simulator through the ollama npm client', () => {
  it('reports a version', async () => {
    const { version } = await client.version();
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('lists the default role models and a 25–40 GB planner', async () => {
    const { models } = await client.list();
    const names = models.map((m) => m.name);
    for (const role of ['router', 'coder', 'reviewer'] as const) expect(names).toContain(defaultRoles[role].model);
    const planner = models.find((m) => m.name === defaultRoles.planner.model)!;
    expect(planner.size).toBeGreaterThanOrEqual(25e9);
    expect(planner.size).toBeLessThanOrEqual(40e9);
    const coder = models.find((m) => m.name === 'qwen2.5-coder:32b')!;
    expect(coder.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(coder.details).toMatchObject({
      format: 'gguf',
      family: 'qwen2',
      families: ['qwen2'],
      parameter_size: '32.8B',
      quantization_level: 'Q4_K_M',
    });
    expect(Number.isNaN(Date.parse(String(coder.modified_at)))).toBe(false);
  });

  it('loads a model with an empty prompt and shows it in ps with size and expires_at', async () => {
    const started = clock.now();
    const loaded = await sim.drive(
      client.generate({ model: 'qwen2.5:7b', prompt: '', stream: false, options: { num_ctx: 8192 } }),
    );
    expect(loaded).toMatchObject({ model: 'qwen2.5:7b', done: true, done_reason: 'load', response: '' });
    // Cold load: weights ÷ the profile's SSD speed (0.8 GB/s).
    expect(clock.now() - started).toBeCloseTo((4_683_087_332 / 0.8e9) * 1000, 0);
    const { models } = await client.ps();
    expect(models).toHaveLength(1);
    const [ps] = models;
    expect(ps).toMatchObject({ name: 'qwen2.5:7b', model: 'qwen2.5:7b', size_vram: ps!.size });
    expect(ps!.size).toBeGreaterThan(4_683_087_332);
    expect((ps as unknown as { context_length: number }).context_length).toBe(8192);
    // expires_at: the default keep-alive (5 minutes) from now.
    expect(new Date(ps!.expires_at).getTime()).toBe(Math.floor(clock.now() + 5 * 60_000));
  });

  it('streams a chat in several chunks, the last one done with eval_count', async () => {
    const parts = await sim.drive(
      (async () => {
        const stream = await client.chat({
          model: 'qwen2.5:14b',
          messages: [{ role: 'user', content: 'Review this function please.' }],
          stream: true,
        });
        const out = [];
        for await (const part of stream) out.push(part);
        return out;
      })(),
    );
    expect(parts.length).toBeGreaterThan(3);
    const last = parts.at(-1)!;
    expect(last.done).toBe(true);
    expect(last.done_reason).toBe('stop');
    expect(last.eval_count).toBe(parts.length - 1);
    expect(last.load_duration).toBeGreaterThan(0);
    expect(last.eval_duration).toBeGreaterThan(0);
    expect(last.total_duration).toBeGreaterThan(last.load_duration);
    expect(parts.slice(0, -1).every((p) => !p.done && p.message.role === 'assistant')).toBe(true);
    // 25 tok/s assumed for a 14B model: eval_duration is eval_count / 25 seconds, in nanoseconds.
    expect(last.eval_duration).toBeCloseTo((last.eval_count / 25) * 1e9, -3);
  });

  it('answers with JSON valid against a format schema', async () => {
    const Route = z.object({
      route: z.enum(['local', 'planner', 'frontier']),
      rule: z.string().min(3),
      confidence: z.number().min(0).max(1),
      steps: z.array(z.object({ title: z.string(), minutes: z.number().int().positive() })).min(2),
      urgent: z.boolean(),
    });
    const reply = await sim.drive(
      client.chat({
        model: 'qwen2.5:7b',
        messages: [{ role: 'user', content: 'Route this task.' }],
        format: z.toJSONSchema(Route),
        stream: false,
      }),
    );
    const parsed = Route.safeParse(JSON.parse(reply.message.content));
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(parsed.data!.steps.length).toBeGreaterThanOrEqual(2);
  });

  it('keeps coder + reviewer + planner within the 48 GiB budget by evicting', async () => {
    const budget = 48 * GiB;
    const seen: number[] = [];
    for (const role of ['coder', 'reviewer', 'planner'] as const) {
      const { model, numCtx } = defaultRoles[role];
      await sim.drive(client.generate({ model, prompt: '', options: { num_ctx: numCtx } }));
      const total = await psTotal();
      seen.push(total);
      expect(total).toBeLessThanOrEqual(budget);
      expect(sim.state.peakBytes()).toBeLessThanOrEqual(budget);
    }
    const loaded = (await client.ps()).models.map((m) => m.name);
    expect(loaded).toContain('jamba-mini:52b');
    // The planner did not fit beside both residents: at least one of them was evicted.
    expect(loaded.length).toBeLessThan(3);
    expect(sim.state.events.some((e) => e.type === 'evict')).toBe(true);
  });

  it('unloads with keep_alive 0: the answer comes at once, and ps never shows the unload half done', async () => {
    await sim.drive(client.generate({ model: 'qwen2.5:7b', prompt: '' }));
    const asked = clock.now();
    const unload = await client.generate({ model: 'qwen2.5:7b', prompt: '', keep_alive: 0 });
    expect(unload).toMatchObject({ done: true, done_reason: 'unload' });
    expect(clock.now()).toBe(asked);
    // /api/ps waits for the unload (the scheduler's lock), then no longer lists the model.
    expect((await sim.drive(client.ps())).models).toEqual([]);
    expect(clock.now()).toBe(asked + 500);
    expect(sim.state.usedBytes()).toBe(0);
  });

  it('throws a ResponseError with status 404 for an unknown model', async () => {
    const error = await client.generate({ model: 'no-such-model:1b', prompt: 'hi' }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'ResponseError',
      status_code: 404,
      message: "model 'no-such-model:1b' not found",
    });
    const chatError = await client
      .chat({ model: 'nope', messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(chatError).toMatchObject({ name: 'ResponseError', status_code: 404 });
    const showError = await client.show({ model: 'nope' }).catch((e: unknown) => e);
    expect(showError).toMatchObject({ name: 'ResponseError', status_code: 404 });
  });

  it('answers a malformed body with 400 and {"error": …}', async () => {
    for (const path of ['/api/generate', '/api/chat', '/api/show']) {
      const response = await fetch(`${sim.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"model": "qwen2.5:7b",',
      });
      expect(response.status, path).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/json');
      const body = (await response.json()) as { error: string };
      expect(typeof body.error).toBe('string');
      expect(body.error.length).toBeGreaterThan(0);
    }
    const empty = await fetch(`${sim.url}/api/generate`, { method: 'POST', body: '' });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toEqual({ error: 'missing request body' });
    const wrongType = await fetch(`${sim.url}/api/chat`, {
      method: 'POST',
      body: JSON.stringify({ model: 'qwen2.5:7b', messages: 'hello' }),
    });
    expect(wrongType.status).toBe(400);
    expect(((await wrongType.json()) as { error: string }).error).toContain('messages');
    const badKeepAlive = await fetch(`${sim.url}/api/generate`, {
      method: 'POST',
      body: JSON.stringify({ model: 'qwen2.5:7b', keep_alive: '5' }),
    });
    expect(badKeepAlive.status).toBe(400);
    expect(await badKeepAlive.json()).toEqual({ error: 'time: missing unit in duration "5"' });
  });
});

describe('simulator HTTP details, as in Ollama’s routes.go and its API reference (api.md in ollama/ollama)', () => {
  const post = (path: string, body: unknown) =>
    fetch(`${sim.url}${path}`, { method: 'POST', body: JSON.stringify(body) });

  it('answers / and HEAD / with "Ollama is running"', async () => {
    const get = await fetch(sim.url);
    expect(get.status).toBe(200);
    expect(await get.text()).toBe('Ollama is running');
    expect((await fetch(sim.url, { method: 'HEAD' })).status).toBe(200);
    expect((await fetch(`${sim.url}/api/nothing`)).status).toBe(404);
    expect((await fetch(`${sim.url}/api/generate`)).status).toBe(405);
  });

  it('streams NDJSON by default (the curl examples), one object for stream:false', async () => {
    const streamed = await sim.drive(post('/api/generate', { model: 'qwen2.5:7b', prompt: 'Why is the sky blue?' }));
    expect(streamed.headers.get('content-type')).toBe('application/x-ndjson');
    const lines = (await sim.drive(streamed.text()))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.length).toBeGreaterThan(3);
    expect(lines[0]).toEqual({
      model: 'qwen2.5:7b',
      created_at: expect.any(String),
      response: expect.any(String),
      done: false,
    });
    expect(Object.keys(lines.at(-1)!)).toEqual([
      'model',
      'created_at',
      'response',
      'done',
      'done_reason',
      'context',
      'total_duration',
      'load_duration',
      'prompt_eval_count',
      'prompt_eval_duration',
      'eval_count',
      'eval_duration',
    ]);
    const single = await sim.drive(
      post('/api/generate', { model: 'qwen2.5:7b', prompt: 'Why is the sky blue?', stream: false }),
    );
    expect(single.headers.get('content-type')).toContain('application/json');
    expect((await single.json()) as object).toMatchObject({
      done: true,
      response: lines.map((l) => l['response']).join(''),
    });
  });

  it('answers a load as a single JSON object even when streaming, and chat loads with no messages', async () => {
    const load = await sim.drive(post('/api/generate', { model: 'qwen2.5:7b' }));
    expect(load.headers.get('content-type')).toContain('application/json');
    expect(await load.json()).toEqual({
      model: 'qwen2.5:7b',
      created_at: expect.any(String),
      response: '',
      done: true,
      done_reason: 'load',
    });
    const chatLoad = await sim.drive(post('/api/chat', { model: 'qwen2.5:14b', messages: [] }));
    expect(await chatLoad.json()).toEqual({
      model: 'qwen2.5:14b',
      created_at: expect.any(String),
      message: { role: 'assistant', content: '' },
      done: true,
      done_reason: 'load',
    });
    const chatUnload = await sim.drive(post('/api/chat', { model: 'qwen2.5:14b', messages: [], keep_alive: 0 }));
    expect(await chatUnload.json()).toMatchObject({
      done_reason: 'unload',
      message: { role: 'assistant', content: '' },
    });
  });

  it('answers a missing model as Ollama does: generate 404, chat and show 400', async () => {
    const generate = await post('/api/generate', { prompt: 'x' });
    expect([generate.status, await generate.json()]).toEqual([404, { error: "model '' not found" }]);
    const chat = await post('/api/chat', { messages: [] });
    expect([chat.status, await chat.json()]).toEqual([400, { error: 'model is required' }]);
    const show = await post('/api/show', {});
    expect([show.status, await show.json()]).toEqual([400, { error: 'model is required' }]);
  });

  it('shows model_info with the shape keys the memory estimate needs', async () => {
    const info = await client.show({ model: 'qwen2.5-coder:32b' });
    expect(info.model_info).toMatchObject({
      'general.architecture': 'qwen2',
      'general.parameter_count': 32_800_000_000,
      'qwen2.block_count': 64,
      'qwen2.attention.head_count': 40,
      'qwen2.attention.head_count_kv': 8,
      'qwen2.embedding_length': 5120,
      'qwen2.context_length': 32768,
    });
    expect(info.capabilities).toContain('completion');
    expect(info.details).toMatchObject({ family: 'qwen2', parameter_size: '32.8B' });
    // The hybrid planner lists KV heads per layer: 0 on its recurrent (Mamba) layers.
    const planner = (await client.show({ model: 'jamba-mini:52b' })).model_info as unknown as Record<string, unknown>;
    const kvHeads = planner['jamba.attention.head_count_kv'] as number[];
    expect(kvHeads).toHaveLength(32);
    expect(kvHeads.filter((n) => n > 0)).toEqual([8, 8, 8, 8]);
  });

  it('reads a model name without a tag as :latest, and says so when it is missing', async () => {
    const error = await client.show({ model: 'qwen2.5' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status_code: 404, message: "model 'qwen2.5:latest' not found" });
  });
});

import { Ollama } from 'ollama';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { displayShortest, isValidModelName, parseModelName, sameModelName } from '../../shared/ollama-name';
import { startSimulator, VirtualClock, type Simulator } from '../../src/sim/index';

// Model names, `think` and tools as Ollama v0.32.15's handlers read them (server/routes.go,
// types/model/name.go, tools/tools.go), through the official client and plain HTTP.

let sim: Simulator;
let clock: VirtualClock;
let client: Ollama;
beforeEach(async () => {
  clock = new VirtualClock();
  sim = await startSimulator({ clock, seed: 3 });
  client = new Ollama({ host: sim.url });
});
afterEach(async () => {
  await sim.close();
});

const post = async (path: string, body: unknown) => {
  const res = await sim.drive(fetch(`${sim.url}${path}`, { method: 'POST', body: JSON.stringify(body) }));
  return { status: res.status, body: (await sim.drive(res.json())) as Record<string, unknown> };
};
const forms = ['Qwen2.5:7B', 'library/qwen2.5:7b', 'registry.ollama.ai/library/qwen2.5:7b'];

describe('model names', () => {
  it('parse as types/model ParseName does', () => {
    expect(parseModelName('Qwen2.5:7B')).toEqual({
      host: 'registry.ollama.ai',
      namespace: 'library',
      model: 'Qwen2.5',
      tag: '7B',
    });
    expect(parseModelName('https://example.com:5000/me/mine')).toEqual({
      host: 'example.com:5000',
      namespace: 'me',
      model: 'mine',
      tag: 'latest',
    });
    expect(displayShortest(parseModelName('registry.ollama.ai/library/qwen2.5'))).toBe('qwen2.5:latest');
    expect(displayShortest(parseModelName('me/mine:1b'))).toBe('me/mine:1b');
    for (const form of forms) expect(sameModelName(form, 'qwen2.5:7b')).toBe(true);
    expect(sameModelName('qwen2.5:7b', 'qwen2.5:14b')).toBe(false);
    expect(sameModelName('qwen2.5:7b:local', 'qwen2.5:7b')).toBe(true);
    for (const bad of ['', 'bad name', 'a//b', ':7b', 'x:', '-x'])
      expect(isValidModelName(parseModelName(bad))).toBe(false);
  });

  it('resolve in all three forms to one model, which /api/ps names as Ollama does', async () => {
    for (const model of forms) {
      const reply = await sim.drive(client.generate({ model, prompt: 'hi', stream: false }));
      // The answer echoes the name as asked for.
      expect(reply.model).toBe(model);
      const chat = await sim.drive(client.chat({ model, messages: [{ role: 'user', content: 'hi' }], stream: false }));
      expect(chat.done).toBe(true);
      expect((await client.show({ model })).details.family).toBe('qwen2');
    }
    expect(sim.state.events.filter((e) => e.type === 'load-start')).toHaveLength(1);
    expect((await client.ps()).models.map((m) => m.name)).toEqual(['qwen2.5:7b']);
    // keep_alive 0 through another form unloads the same runner.
    await client.generate({ model: 'QWEN2.5:7b', prompt: '', keep_alive: 0 });
    expect((await sim.drive(client.ps())).models).toEqual([]);
  });

  it('refuse a malformed name with 400 "invalid model name", an empty one as each handler does', async () => {
    expect(await post('/api/generate', { model: 'bad name!', prompt: 'hi' })).toEqual({
      status: 400,
      body: { error: 'invalid model name' },
    });
    expect(await post('/api/chat', { model: 'bad name!', messages: [] })).toEqual({
      status: 400,
      body: { error: 'invalid model name' },
    });
    expect((await post('/api/generate', { model: '', prompt: 'hi' })).status).toBe(404);
    expect(await post('/api/chat', { model: '', messages: [] })).toEqual({
      status: 400,
      body: { error: 'model is required' },
    });
  });
});

describe('think', () => {
  it('is a 400 on a model that does not think, before anything loads', async () => {
    for (const think of [true, 'high']) {
      expect(
        await post('/api/chat', { model: 'Qwen2.5:7B', think, messages: [{ role: 'user', content: 'hi' }] }),
      ).toEqual({ status: 400, body: { error: '"Qwen2.5:7B" does not support thinking' } });
      expect(await post('/api/generate', { model: 'qwen2.5:7b', think, prompt: 'hi' })).toEqual({
        status: 400,
        body: { error: '"qwen2.5:7b" does not support thinking' },
      });
    }
    expect(sim.state.events).toEqual([]);
    expect((await post('/api/chat', { model: 'qwen2.5:7b', think: false, messages: [] })).status).toBe(200);
  });

  it('accepts only a boolean or a level, with ThinkValue’s texts', async () => {
    expect(await post('/api/chat', { model: 'qwen2.5:7b', think: 'extreme', messages: [] })).toEqual({
      status: 400,
      body: { error: 'invalid think value: "extreme" (must be "high", "medium", "low", "max", true, or false)' },
    });
    expect((await post('/api/chat', { model: 'qwen2.5:7b', think: 1, messages: [] })).body['error']).toMatch(
      /^think must be a boolean or string/,
    );
  });
});

const weather = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'The weather in a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } },
      required: ['city', 'unit'],
    },
  },
};

describe('tools', () => {
  it('return tool_calls when the user names an offered tool; arguments follow its schema', async () => {
    const ask = { role: 'user', content: 'Use get_weather for Paris.' };
    const reply = await sim.drive(
      client.chat({ model: 'qwen2.5:7b', messages: [ask], tools: [weather], stream: false }),
    );
    expect(reply.message.content).toBe('');
    expect(reply.done_reason).toBe('stop');
    const [call] = reply.message.tool_calls!;
    expect(call!.function.name).toBe('get_weather');
    expect(call!.function.arguments).toMatchObject({ city: expect.any(String), unit: expect.stringMatching(/^[cf]$/) });
    expect((call as unknown as { id: string }).id).toMatch(/^call_[a-z0-9]{8}$/);
    // After the tool's result, the model answers in words.
    const after = await sim.drive(
      client.chat({
        model: 'qwen2.5:7b',
        messages: [ask, reply.message, { role: 'tool', content: '18 degrees', tool_name: 'get_weather' }],
        tools: [weather],
        stream: false,
      }),
    );
    expect(after.message.tool_calls).toBeUndefined();
    expect(after.message.content.length).toBeGreaterThan(10);
  });

  it('follow a scripted answer that calls one, streamed as a tool_calls chunk before the end', async () => {
    sim.script.add({
      match: /Paris/,
      respond:
        'Let me check. <tool_call>{"name": "get_weather", "arguments": {"city": "Paris", "unit": "c"}}</tool_call>',
    });
    const stream = await sim.drive(
      client.chat({
        model: 'qwen2.5:7b',
        messages: [{ role: 'user', content: 'Weather in Paris?' }],
        tools: [weather],
        stream: true,
      }),
    );
    const parts = await sim.drive(
      (async () => {
        const all = [];
        for await (const part of stream) all.push(part);
        return all;
      })(),
    );
    expect(parts.map((p) => p.message.content).join('')).toBe('Let me check. ');
    const calls = parts.flatMap((p) => p.message.tool_calls ?? []);
    expect(calls.map((c) => c.function)).toEqual([
      { index: 0, name: 'get_weather', arguments: { city: 'Paris', unit: 'c' } },
    ]);
    expect(parts.at(-1)).toMatchObject({ done: true, done_reason: 'stop' });
  });

  it('leave the text alone without tools, or when it calls a tool that was not offered', async () => {
    const text = '<tool_call>{"name": "launch_rocket", "arguments": {}}</tool_call>';
    sim.script.add({ respond: text });
    for (const tools of [[], [weather]]) {
      const reply = await sim.drive(
        client.chat({ model: 'qwen2.5:7b', messages: [{ role: 'user', content: 'go' }], tools, stream: false }),
      );
      expect(reply.message.content).toBe(text);
      expect(reply.message.tool_calls).toBeUndefined();
    }
  });
});

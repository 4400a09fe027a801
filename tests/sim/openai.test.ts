import { Ollama } from 'ollama';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/index';

// The official `openai` SDK against the simulator's /v1 routes (Ollama's middleware/openai.go and
// openai/openai.go), and the native /api/embed behind /v1/embeddings.

let sim: Simulator;
let openai: OpenAI;
beforeAll(async () => {
  sim = await startSimulator({ timeScale: 0.001, seed: 5 });
  // Ollama ignores the key; the SDK insists on one.
  openai = new OpenAI({ baseURL: `${sim.url}/v1`, apiKey: 'ollama', maxRetries: 0 });
});
afterAll(async () => {
  await sim.close();
});

describe('the OpenAI SDK against /v1', () => {
  it('lists the installed models', async () => {
    const ids: string[] = [];
    for await (const model of openai.models.list()) {
      expect(model).toMatchObject({ object: 'model', owned_by: 'library' });
      ids.push(model.id);
    }
    expect(ids).toContain('qwen2.5:7b');
    expect(new Set(ids).size).toBe(ids.length);
    expect(await openai.models.retrieve('Qwen2.5:7B')).toMatchObject({ id: 'Qwen2.5:7B', owned_by: 'library' });
  });

  it('chats without streaming: one chat.completion with usage', async () => {
    const completion = await openai.chat.completions.create({
      model: 'qwen2.5:7b',
      messages: [
        { role: 'system', content: 'You are the reviewer.' },
        { role: 'user', content: 'Review this change.' },
      ],
    });
    expect(completion.object).toBe('chat.completion');
    expect(completion.id).toMatch(/^chatcmpl-\d+$/);
    expect(completion.system_fingerprint).toBe('fp_ollama');
    const [choice] = completion.choices;
    expect(choice!.message.role).toBe('assistant');
    expect(choice!.message.content).toMatch(/^As the reviewer, /);
    expect(choice!.finish_reason).toBe('stop');
    expect(completion.usage!.completion_tokens).toBeGreaterThan(5);
    expect(completion.usage!.total_tokens).toBe(completion.usage!.prompt_tokens + completion.usage!.completion_tokens);
  });

  it('chats streamed: SSE chunks, the role first, a finish chunk, usage when asked, then [DONE]', async () => {
    const stream = await openai.chat.completions.create({
      model: 'qwen2.5:7b',
      messages: [{ role: 'user', content: 'Say something.' }],
      max_tokens: 6,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0]!.choices[0]!.delta.role).toBe('assistant');
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    expect(text.length).toBeGreaterThan(3);
    const finish = chunks.find((c) => c.choices[0]?.finish_reason);
    expect(finish!.choices[0]).toMatchObject({ delta: {}, finish_reason: 'length' });
    expect(chunks.at(-1)!.choices).toEqual([]);
    expect(chunks.at(-1)!.usage!.completion_tokens).toBe(6);
    expect(new Set(chunks.map((c) => c.created)).size).toBe(1);
  });

  it('sends [DONE] at the end of the raw event stream', async () => {
    const res = await fetch(`${sim.url}/v1/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'qwen2.5:7b', messages: [{ role: 'user', content: 'hi' }], stream: true }),
    });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const events = (await res.text()).split('\n\n').filter(Boolean);
    expect(events.every((e) => e.startsWith('data: '))).toBe(true);
    expect(events.at(-1)).toBe('data: [DONE]');
  });

  it('returns tool_calls with finish_reason tool_calls, streamed and not', async () => {
    const tools: OpenAI.Chat.Completions.ChatCompletionTool[] = [
      {
        type: 'function',
        function: {
          name: 'run_tests',
          parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
        },
      },
    ];
    const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [
      { role: 'user', content: 'Please call run_tests on src/.' },
    ];
    const whole = await openai.chat.completions.create({ model: 'qwen2.5:7b', messages, tools });
    expect(whole.choices[0]!.finish_reason).toBe('tool_calls');
    const call = whole.choices[0]!.message
      .tool_calls![0] as OpenAI.Chat.Completions.ChatCompletionMessageFunctionToolCall;
    expect(call.type).toBe('function');
    expect(call.function.name).toBe('run_tests');
    expect(JSON.parse(call.function.arguments)).toEqual({ path: expect.any(String) });
    const stream = await openai.chat.completions.create({ model: 'qwen2.5:7b', messages, tools, stream: true });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []).map((t) => t.function?.name)).toEqual([
      'run_tests',
    ]);
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe('tool_calls');
  });

  it('maps Ollama’s errors to OpenAI error objects the SDK understands', async () => {
    const missing = await openai.chat.completions
      .create({ model: 'no-such-model:1b', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
    expect((missing as InstanceType<typeof OpenAI.NotFoundError>).error).toEqual({
      message: "model 'no-such-model:1b' not found",
      type: 'not_found_error',
      param: null,
      code: null,
    });
    const thinking = await openai.chat.completions
      .create({ model: 'qwen2.5:7b', messages: [{ role: 'user', content: 'hi' }], reasoning_effort: 'high' })
      .catch((e: unknown) => e);
    expect(thinking).toBeInstanceOf(OpenAI.BadRequestError);
    expect((thinking as Error).message).toContain('"qwen2.5:7b" does not support thinking');
    const empty = await openai.chat.completions.create({ model: 'qwen2.5:7b', messages: [] }).catch((e: unknown) => e);
    expect((empty as Error).message).toContain("[] is too short - 'messages'");
  });

  it('completes text, streamed and not', async () => {
    const whole = await openai.completions.create({ model: 'qwen2.5-coder:7b', prompt: 'def add(a, b):' });
    expect(whole.object).toBe('text_completion');
    expect(whole.choices[0]!.text.length).toBeGreaterThan(5);
    expect(whole.choices[0]!.finish_reason).toBe('stop');
    const stream = await openai.completions.create({
      model: 'qwen2.5-coder:7b',
      prompt: 'def add(a, b):',
      stream: true,
    });
    let text = '';
    let finish: string | null = null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.text ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(text).toBe(whole.choices[0]!.text);
    expect(finish).toBe('stop');
  });

  it('embeds: unit vectors of the model’s width, the same for the same text, base64 or floats', async () => {
    const input = ['a queue', 'a lock', 'a queue'];
    const floats = await openai.embeddings.create({ model: 'qwen2.5:7b', input, encoding_format: 'float' });
    expect(floats.object).toBe('list');
    expect(floats.data.map((d) => d.index)).toEqual([0, 1, 2]);
    const [a, b, c] = floats.data.map((d) => d.embedding);
    expect(a).toHaveLength(3584);
    expect(Math.hypot(...a!)).toBeCloseTo(1, 5);
    expect(c).toEqual(a);
    expect(b).not.toEqual(a);
    expect(floats.usage.prompt_tokens).toBeGreaterThan(0);
    // The SDK asks for base64 by default and decodes it.
    const decoded = await openai.embeddings.create({ model: 'qwen2.5:7b', input: 'a queue', dimensions: 8 });
    expect(decoded.data[0]!.embedding).toHaveLength(8);
    expect(Math.hypot(...decoded.data[0]!.embedding)).toBeCloseTo(1, 5);
  });
});

describe('/api/embed', () => {
  it('embeds one text or many, cuts to dimensions, and refuses what does not fit when truncate is false', async () => {
    const client = new Ollama({ host: sim.url });
    const one = await client.embed({ model: 'Qwen2.5:7B', input: 'hello' });
    expect(one.model).toBe('Qwen2.5:7B');
    expect(one.embeddings).toHaveLength(1);
    expect(one.embeddings[0]).toHaveLength(3584);
    const many = await client.embed({ model: 'qwen2.5:7b', input: ['hello', 'world'], dimensions: 16 });
    expect(many.embeddings.map((e) => e.length)).toEqual([16, 16]);
    expect(many.prompt_eval_count).toBe(4);
    const long = 'word '.repeat(20_000);
    const refused = await client
      .embed({ model: 'qwen2.5:7b', input: long, truncate: false, options: { num_ctx: 2048 } })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ status_code: 400, message: 'the input length exceeds the context length' });
    const bad = await fetch(`${sim.url}/api/embed`, { method: 'POST', body: '{"model":"qwen2.5:7b","input":[1]}' });
    expect(await bad.json()).toEqual({ error: 'invalid input type' });
  });
});

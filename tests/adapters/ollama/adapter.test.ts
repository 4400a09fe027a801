import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createOllamaHost } from '../../../src/adapters/ollama/ollama-host';
import { compareVersions, isSupportedVersion } from '../../../src/adapters/ollama/version';
import { isModelHostError, ModelHostError } from '../../../src/core/model-host-error';
import { chatStructured } from '../../../src/core/models/structured';
import type { LoadProgress } from '../../../src/core/ports';
import { fakeModelHost } from '../../helpers/fakes';

// A tiny stand-in for Ollama whose every answer the test scripts: enough to prove how the
// adapter maps each failure. The behavioural contract runs against the simulator elsewhere.
type Handler = (req: IncomingMessage, body: Record<string, unknown>, res: ServerResponse) => unknown;
let server: Server | null = null;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

async function fakeOllama(routes: Record<string, Handler>): Promise<string> {
  server = createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const handler = routes[`${req.method} ${req.url}`];
    if (!handler) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not found' }));
      return;
    }
    await handler(req, raw ? JSON.parse(raw) : {}, res);
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

const json = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
const run = { numCtx: 8192 };

async function expectKind(promise: Promise<unknown>, kind: string, text: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isModelHostError(error), String(error)).toBe(true);
  expect((error as ModelHostError).kind).toBe(kind);
  expect((error as Error).message).toMatch(text);
}

describe('Ollama adapter: errors a user can act on', () => {
  it('says Ollama is not running, and how to start it, when nothing listens', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
    await new Promise<void>((r) => probe.close(() => r()));
    await expectKind(
      createOllamaHost({ url }).version(),
      'unreachable',
      new RegExp(`Ollama is not running at ${url} — start it with \`ollama serve\` or set OLLAMA_HOST`),
    );
  });

  it('maps 404 to "not installed — run ollama pull"', async () => {
    const url = await fakeOllama({
      'POST /api/chat': (_q, _b, res) => json(res, 404, { error: 'model "qwen9:1b" not found, try pulling it first' }),
    });
    const chat = createOllamaHost({ url }).chat({
      model: 'qwen9:1b',
      messages: [{ role: 'user', content: 'hi' }],
      options: run,
    });
    await expectKind(chat, 'not_found', /qwen9:1b is not installed .* run `ollama pull qwen9:1b`/);
  });

  it('maps 503 to busy', async () => {
    const url = await fakeOllama({
      'POST /api/chat': (_q, _b, res) =>
        json(res, 503, { error: 'server busy, please try again.  maximum pending requests exceeded' }),
    });
    await expectKind(createOllamaHost({ url }).chat({ model: 'm', messages: [], options: run }), 'busy', /busy/);
  });

  it('catches an {"error"} line in the middle of a 200 stream', async () => {
    const url = await fakeOllama({
      'POST /api/chat': (_q, _b, res) => {
        res.writeHead(200, { 'content-type': 'application/x-ndjson' });
        res.write(`${JSON.stringify({ model: 'm', message: { role: 'assistant', content: 'Hel' }, done: false })}\n`);
        res.end(`${JSON.stringify({ error: 'an error was encountered while running the model: GGML_ASSERT' })}\n`);
      },
    });
    const tokens: string[] = [];
    const chat = createOllamaHost({ url }).chat({
      model: 'm',
      messages: [{ role: 'user', content: 'x' }],
      options: run,
      onToken: (t) => tokens.push(t),
    });
    await expectKind(chat, 'stream_error', /GGML_ASSERT/);
    expect(tokens).toEqual(['Hel']);
  });

  it('refuses an Ollama older than the minimum, saying which version is needed', async () => {
    const url = await fakeOllama({ 'GET /api/version': (_q, _b, res) => json(res, 200, { version: '0.4.7' }) });
    await expectKind(createOllamaHost({ url }).version(), 'version_too_old', /0\.4\.7 .* needs 0\.5\.0 or newer/);
  });

  it('compares versions numerically and lets source builds through', () => {
    expect(compareVersions('0.12.10', '0.12.9')).toBe(1);
    expect(compareVersions('0.5.0', '0.5.0')).toBe(0);
    expect(isSupportedVersion('0.4.9')).toBe(false);
    expect(isSupportedVersion('0.0.0')).toBe(true);
  });
});

describe('Ollama adapter: load, unload, chat', () => {
  it('sends an explicit num_ctx and keep_alive, streams tokens and converts nanoseconds', async () => {
    let seen: Record<string, unknown> = {};
    const url = await fakeOllama({
      'POST /api/chat': (_q, body, res) => {
        seen = body;
        res.writeHead(200, { 'content-type': 'application/x-ndjson' });
        for (const piece of ['Hello', ', ', 'world'])
          res.write(`${JSON.stringify({ message: { role: 'assistant', content: piece }, done: false })}\n`);
        res.end(
          `${JSON.stringify({ message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop', eval_count: 3, prompt_eval_count: 7, total_duration: 2_500_000_000, load_duration: 1_000_000 })}\n`,
        );
      },
    });
    const tokens: string[] = [];
    const result = await createOllamaHost({ url }).chat({
      model: 'qwen2.5:7b',
      messages: [{ role: 'user', content: 'hi' }],
      options: { numCtx: 8192, keepAlive: '30m' },
      onToken: (t) => tokens.push(t),
    });
    expect(seen).toMatchObject({ model: 'qwen2.5:7b', stream: true, keep_alive: '30m', options: { num_ctx: 8192 } });
    expect(tokens).toEqual(['Hello', ', ', 'world']);
    expect(result).toEqual({
      content: 'Hello, world',
      doneReason: 'stop',
      promptTokens: 7,
      outputTokens: 3,
      totalDurationMs: 2500,
      loadDurationMs: 1,
    });
  });

  it('stops a stream when its signal aborts', async () => {
    const url = await fakeOllama({
      'POST /api/chat': (_q, _b, res) => {
        res.writeHead(200, { 'content-type': 'application/x-ndjson' });
        res.write(`${JSON.stringify({ message: { role: 'assistant', content: 'slow' }, done: false })}\n`);
        // …and never finishes: only the abort ends this request.
      },
    });
    const controller = new AbortController();
    const chat = createOllamaHost({ url }).chat({
      model: 'm',
      messages: [],
      options: run,
      signal: controller.signal,
      onToken: () => controller.abort(),
    });
    await expectKind(chat, 'aborted', /cancelled/);
  });

  it('unloads with keep_alive 0 and returns only once /api/ps no longer lists the model', async () => {
    let psCalls = 0;
    let unloadBody: Record<string, unknown> = {};
    const url = await fakeOllama({
      'POST /api/generate': (_q, body, res) => {
        unloadBody = body;
        json(res, 200, { model: 'm', done: true, done_reason: 'unload', response: '' });
      },
      'GET /api/ps': (_q, _b, res) => {
        psCalls++;
        json(res, 200, {
          models:
            psCalls < 3
              ? [
                  {
                    name: 'm',
                    model: 'm',
                    size: 1,
                    size_vram: 1,
                    digest: 'd',
                    expires_at: '2026-01-01T00:00:00Z',
                    details: {},
                  },
                ]
              : [],
        });
      },
    });
    await createOllamaHost({ url, unloadPollMs: 5 }).unload('m');
    expect(unloadBody).toMatchObject({ model: 'm', keep_alive: 0 });
    expect(psCalls).toBe(3);
  });

  it('reports an unload that never frees memory as an error the user sees', async () => {
    const url = await fakeOllama({
      'POST /api/generate': (_q, _b, res) =>
        json(res, 200, { model: 'm', done: true, done_reason: 'unload', response: '' }),
      'GET /api/ps': (_q, _b, res) =>
        json(res, 200, {
          models: [
            {
              name: 'm',
              model: 'm',
              size: 1,
              size_vram: 1,
              digest: 'd',
              expires_at: '2026-01-01T00:00:00Z',
              details: {},
            },
          ],
        }),
    });
    await expectKind(
      createOllamaHost({ url, unloadPollMs: 5 }).unload('m', { timeoutMs: 100 }),
      'unload_timeout',
      /m is still loaded 0\.1 s after .*`ollama ps`/,
    );
  });

  it('reports load progress and learns the load speed from the first load', async () => {
    const gb = 4e9;
    const url = await fakeOllama({
      'GET /api/tags': (_q, _b, res) =>
        json(res, 200, {
          models: [
            {
              name: 'big:1b',
              model: 'big:1b',
              size: gb,
              digest: 'd',
              modified_at: '2026-01-01T00:00:00Z',
              details: {},
            },
          ],
        }),
      'POST /api/generate': async (_q, body, res) => {
        expect(body).toMatchObject({ prompt: '', options: { num_ctx: 8192 } });
        await new Promise((r) => setTimeout(r, 120));
        json(res, 200, {
          model: 'big:1b',
          done: true,
          done_reason: 'load',
          response: '',
          load_duration: 100_000_000,
          total_duration: 120_000_000,
        });
      },
    });
    const host = createOllamaHost({ url, progressIntervalMs: 20 });
    const first: LoadProgress[] = [];
    const result = await host.load('big:1b', run, (p) => first.push(p));
    // Timed by the adapter (this stand-in has no /api/ps to watch): the answer's own figure,
    // which real Ollama never sends for a load, is not used.
    expect(result.loadDurationMs).toBeGreaterThanOrEqual(115);
    expect(first.length).toBeGreaterThanOrEqual(3);
    expect(first.every((p) => p.bytesExpected === gb)).toBe(true);
    expect(first[0]!.estimatedRemainingMs).toBeNull();
    expect(host.measuredLoadBytesPerSec()).toBeCloseTo(gb / (result.loadDurationMs / 1000), -3);
    const second: LoadProgress[] = [];
    await host.load('big:1b', run, (p) => second.push(p));
    expect(second[0]!.estimatedRemainingMs).not.toBeNull();
  });
});

describe('Ollama adapter: load timing', () => {
  it("times a load itself, since Ollama's load answer has no load_duration", async () => {
    const url = await fakeOllama({
      'GET /api/tags': (_q, _b, res) =>
        json(res, 200, {
          models: [
            { name: 'm:1b', model: 'm:1b', size: 2e9, digest: 'd', modified_at: '2026-01-01T00:00:00Z', details: {} },
          ],
        }),
      'POST /api/generate': async (_q, _b, res) => {
        await new Promise((r) => setTimeout(r, 150));
        json(res, 200, { model: 'm:1b', done: true, done_reason: 'load', response: '' });
      },
    });
    const host = createOllamaHost({ url });
    const result = await host.load('m:1b', run, () => undefined);
    expect(result.loadDurationMs).toBeGreaterThanOrEqual(140);
    expect(host.measuredLoadBytesPerSec()).toBeGreaterThan(0);
  });
});

describe('structured output', () => {
  const schema = z.object({ route: z.enum(['local', 'planner', 'frontier']), reason: z.string() });

  it('sends the JSON Schema as format and returns the validated answer', async () => {
    const host = fakeModelHost();
    let format: unknown;
    host.chat = async (request) => {
      format = request.format;
      return {
        content: '{"route":"planner","reason":"new system"}',
        doneReason: 'stop',
        promptTokens: 1,
        outputTokens: 1,
        totalDurationMs: 0,
        loadDurationMs: 0,
      };
    };
    expect(await chatStructured(host, { model: 'r', messages: [], options: run }, schema)).toEqual({
      route: 'planner',
      reason: 'new system',
    });
    expect(format).toMatchObject({ type: 'object', required: ['route', 'reason'] });
  });

  it('retries a bad answer with what was wrong, then gives up with a clear error', async () => {
    const host = fakeModelHost();
    const seen: number[] = [];
    host.chat = async (request) => {
      seen.push(request.messages.length);
      return {
        content: '{"route":"moon"}',
        doneReason: 'stop',
        promptTokens: 1,
        outputTokens: 1,
        totalDurationMs: 0,
        loadDurationMs: 0,
      };
    };
    await expectKind(
      chatStructured(host, { model: 'r', messages: [{ role: 'user', content: 'route this' }], options: run }, schema, {
        attempts: 3,
      }),
      'invalid_output',
      /r did not give a valid structured answer in 3 attempts: route/,
    );
    expect(seen).toEqual([1, 3, 5]);
  });

  it('accepts a corrected second answer', async () => {
    const host = fakeModelHost();
    const answers = ['not json at all', '{"route":"local","reason":"routine"}'];
    host.chat = async () => ({
      content: answers.shift()!,
      doneReason: 'stop',
      promptTokens: 1,
      outputTokens: 1,
      totalDurationMs: 0,
      loadDurationMs: 0,
    });
    expect(await chatStructured(host, { model: 'r', messages: [], options: run }, schema)).toEqual({
      route: 'local',
      reason: 'routine',
    });
  });
});

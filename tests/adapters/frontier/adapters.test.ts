import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAnthropicFrontier } from '../../../src/adapters/frontier/anthropic';
import { retryAfterMs, type FrontierAdapterOptions } from '../../../src/adapters/frontier/common';
import { createOpenAIFrontier } from '../../../src/adapters/frontier/openai';
import { createEnvSecrets } from '../../../src/adapters/secrets/env-secrets';
import { FrontierError, isFrontierError } from '../../../src/core/frontier/errors';
import type { FrontierClient, FrontierRequest } from '../../../src/core/ports';
import { startFakeFrontier, type FakeFrontierServer } from '../../../src/sim/frontier/index';

// The two adapters, with the official SDKs, against the fake OpenAI and Anthropic servers over
// real sockets: streaming, usage, retries that honour retry-after, clear errors, cancellation.
const keys = {
  OPENAI_API_KEY: 'sk-test-openai-key-0123456789',
  ANTHROPIC_API_KEY: 'sk-ant-test-anthropic-key-0123456789',
};
const servers: Record<'openai' | 'anthropic', FakeFrontierServer> = {} as never;

beforeAll(async () => {
  servers.openai = await startFakeFrontier('openai', {
    acceptKey: keys.OPENAI_API_KEY,
    models: ['gpt-5.6-terra', 'gpt-4o'],
    answer: () => 'Use a lock around the cache write. It fixes the race.',
  });
  servers.anthropic = await startFakeFrontier('anthropic', {
    acceptKey: keys.ANTHROPIC_API_KEY,
    models: ['claude-sonnet-5-5'],
    answer: () => 'Initialise the map before the first read.',
  });
});
afterAll(async () => {
  await servers.openai?.close();
  await servers.anthropic?.close();
});
beforeEach(() => {
  for (const s of Object.values(servers)) {
    s.requests.length = 0;
    s.clearFaults();
  }
});

interface Made {
  client: FrontierClient;
  sleeps: number[];
}

function make(
  provider: 'openai' | 'anthropic',
  extra: Partial<FrontierAdapterOptions> = {},
  env: Record<string, string> = keys,
): Made {
  const sleeps: number[] = [];
  const options: FrontierAdapterOptions = {
    secrets: createEnvSecrets(env),
    baseURL: servers[provider].baseURL,
    // Record the waits instead of spending them (one test below spends a real one).
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0,
    ...extra,
  };
  return { client: provider === 'openai' ? createOpenAIFrontier(options) : createAnthropicFrontier(options), sleeps };
}

const model = { openai: 'gpt-5.6-terra', anthropic: 'claude-sonnet-5-5' } as const;
const ask = (client: FrontierClient, extra: Partial<FrontierRequest> = {}) =>
  client.complete({
    model: model[client.provider],
    text: 'Why does the cache test fail?',
    maxOutputTokens: 256,
    ...extra,
  });

async function failure(promise: Promise<unknown>): Promise<FrontierError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isFrontierError(error)) throw new Error(`expected a FrontierError, got ${String(error)}`);
  return error;
}

async function until(predicate: () => boolean, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.each(['openai', 'anthropic'] as const)('%s adapter', (provider) => {
  const server = () => servers[provider];

  it('streams the answer and reports the exact usage, sending exactly the text given', async () => {
    const { client } = make(provider);
    const tokens: string[] = [];
    const result = await ask(client, { onToken: (t) => tokens.push(t) });
    expect(tokens.length).toBeGreaterThan(3);
    expect(tokens.join('')).toBe(result.text);
    expect(result.text).toMatch(provider === 'openai' ? /lock around the cache/ : /Initialise the map/);
    expect(result.model).toBe(model[provider]);
    expect(result.usage.inputTokens).toBe(Math.ceil('Why does the cache test fail?'.length / 4));
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    const [request] = server().requests;
    const body = request!.body as Record<string, unknown>;
    expect(body['stream']).toBe(true);
    expect(body['messages']).toEqual([{ role: 'user', content: 'Why does the cache test fail?' }]);
    if (provider === 'openai') {
      expect(body).toMatchObject({
        model: 'gpt-5.6-terra',
        max_completion_tokens: 256,
        stream_options: { include_usage: true },
      });
      expect(request!.headers['authorization']).toBe(`Bearer ${keys.OPENAI_API_KEY}`);
      expect(body['system']).toBeUndefined();
    } else {
      expect(body).toMatchObject({ model: 'claude-sonnet-5-5', max_tokens: 256 });
      // The API takes x-api-key; @anthropic-ai/sdk 1.x sends the key as a bearer token.
      expect(request!.headers['x-api-key'] ?? request!.headers['authorization']).toContain(keys.ANTHROPIC_API_KEY);
      expect(request!.headers['anthropic-version']).toBeTruthy();
    }
  });

  it('sends a system prompt only when one is given', async () => {
    const { client } = make(provider);
    await ask(client, { system: 'Be brief.' });
    const body = server().requests[0]!.body as { messages: unknown[]; system?: unknown };
    if (provider === 'openai') expect(body.messages[0]).toEqual({ role: 'system', content: 'Be brief.' });
    else expect(body.system).toBe('Be brief.');
  });

  it('waits as long as a 429 asks (retry-after seconds), then succeeds', async () => {
    const { client, sleeps } = make(provider);
    server().inject({ kind: 'status', status: 429, retryAfter: '2', message: 'Rate limit reached for requests' });
    const result = await ask(client);
    expect(result.text.length).toBeGreaterThan(0);
    expect(sleeps).toEqual([2000]);
    expect(server().requests).toHaveLength(2);
  });

  it('prefers retry-after-ms, and backs off exponentially on 5xx when no wait is named', async () => {
    const { client, sleeps } = make(provider, { baseDelayMs: 100 });
    server().inject({ kind: 'status', status: 429, retryAfterMs: 750, retryAfter: '9' });
    await ask(client);
    server().inject({ kind: 'status', status: 500, times: 2 });
    await ask(client);
    expect(sleeps).toEqual([750, 100, 200]);
  });

  it('gives up after the retries with a message saying so, and does not wait hours for a 429', async () => {
    const { client, sleeps } = make(provider, { maxRetries: 2 });
    server().inject({ kind: 'status', status: 503, times: 3 });
    const tired = await failure(ask(client));
    expect(tired.kind).toBe('server');
    expect(tired.message).toMatch(/server error \(503.*after 3 attempts/);
    expect(server().requests).toHaveLength(3);

    server().requests.length = 0;
    sleeps.length = 0;
    server().inject({ kind: 'status', status: 429, retryAfter: '3600' });
    const limited = await failure(ask(client));
    expect(limited.kind).toBe('rate_limited');
    expect(limited.message).toMatch(/rate-limiting this key \(429\)\. It asked to wait 3600 s/);
    expect(sleeps).toEqual([]);
    expect(server().requests).toHaveLength(1);
  });

  it('says plainly that a refused key must be replaced, and never repeats the key', async () => {
    const { client } = make(
      provider,
      {},
      { OPENAI_API_KEY: 'sk-wrong-key-0123456789abcdef', ANTHROPIC_API_KEY: 'sk-ant-wrong-key-0123456789' },
    );
    const refused = await failure(ask(client));
    expect(refused.kind).toBe('auth');
    const [name, variable] = provider === 'openai' ? ['OpenAI', 'OPENAI_API_KEY'] : ['Anthropic', 'ANTHROPIC_API_KEY'];
    expect(refused.message).toBe(`The ${name} key was refused (401) — set a new one in Settings / ${variable}.`);
    expect(refused.message).not.toMatch(/wrong-key|sk-wrong|0123456789/);
    expect(server().requests).toHaveLength(1); // a 401 is not retried
  });

  it('names the model on a 404 and the context window when the request is too long', async () => {
    const { client } = make(provider);
    const missing = await failure(client.complete({ model: 'no-such-model', text: 'x', maxOutputTokens: 16 }));
    expect(missing.kind).toBe('model_not_found');
    expect(missing.message).toContain('"no-such-model"');
    expect(missing.message).toContain(`FRONTIER_${provider.toUpperCase()}_MODEL`);
    server().inject({ kind: 'context-too-long' });
    const long = await failure(ask(client));
    expect(long.kind).toBe('context_too_long');
    expect(long.message).toMatch(/too long for .*context window.*shorten the task text/);
  });

  it('fails at once, without sending, when no key is set', async () => {
    const { client } = make(provider, {}, {});
    const none = await failure(ask(client));
    expect(none.kind).toBe('no_key');
    expect(none.message).toMatch(/Settings \/ (OPENAI|ANTHROPIC)_API_KEY/);
    expect(server().requests).toHaveLength(0);
  });

  it('cancels a request that is waiting for its first byte', async () => {
    const { client } = make(provider);
    server().inject({ kind: 'slow', delayMs: 10_000 });
    const controller = new AbortController();
    const started = Date.now();
    const pending = ask(client, { signal: controller.signal });
    await until(() => server().requests.length === 1, 'the request to arrive');
    controller.abort();
    const cancelled = await failure(pending);
    expect(cancelled.kind).toBe('aborted');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('cancels mid-stream, and a cancel during a retry wait stops the wait', async () => {
    const { client } = make(provider);
    server().inject({ kind: 'stall', afterChunks: 4, forMs: 10_000 });
    const controller = new AbortController();
    const pending = ask(client, { signal: controller.signal, onToken: () => controller.abort() });
    const cancelled = await failure(pending);
    expect(cancelled.kind).toBe('aborted');

    // The default sleep is abortable: a 30 s retry-after ends at the cancel, not 30 s later.
    const real = make(provider, { sleep: undefined });
    server().inject({ kind: 'status', status: 429, retryAfter: '30' });
    const second = new AbortController();
    const started = Date.now();
    const waiting = ask(real.client, { signal: second.signal });
    await until(() => server().requests.length === 2, 'the 429');
    second.abort();
    expect((await failure(waiting)).kind).toBe('aborted');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(server().requests).toHaveLength(2);
  });

  it('spends a real retry-after-ms wait', async () => {
    const { client } = make(provider, { sleep: undefined });
    server().inject({ kind: 'status', status: 429, retryAfterMs: 300 });
    const started = Date.now();
    await ask(client);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('times out a silent server, and does not retry an answer that broke off', async () => {
    const { client } = make(provider, { firstByteTimeoutMs: 200, maxRetries: 1 });
    server().inject({ kind: 'slow', delayMs: 5_000, times: 2 });
    const silent = await failure(ask(client));
    expect(silent.kind).toBe('timeout');
    expect(silent.message).toMatch(/did not answer in time \(waited 0 s for the first byte, 2 attempts\)/);

    server().clearFaults();
    server().requests.length = 0;
    server().inject({ kind: 'cut', afterChunks: 6 });
    const seen: string[] = [];
    const cut = await failure(
      make(provider).client.complete({
        model: model[provider],
        text: 'x',
        maxOutputTokens: 64,
        onToken: (t) => seen.push(t),
      }),
    );
    expect(cut.kind).toBe('stream_broken');
    expect(cut.message).toMatch(/broke off partway/);
    expect(seen.length).toBeGreaterThan(0);
    expect(server().requests).toHaveLength(1);

    server().requests.length = 0;
    server().inject({ kind: 'stall', afterChunks: 3, forMs: 5_000 });
    const stalled = await failure(
      make(provider, { idleTimeoutMs: 200 }).client.complete({
        model: model[provider],
        text: 'x',
        maxOutputTokens: 64,
      }),
    );
    expect(stalled.kind).toBe('timeout');
    expect(stalled.message).toMatch(/between two chunks/);
  });
});

describe('frontier adapter details', () => {
  it('reads retry-after as seconds, as an HTTP date, and retry-after-ms first', () => {
    const now = Date.parse('2026-11-24T12:00:00Z');
    expect(retryAfterMs(new Headers({ 'retry-after': '7' }), now)).toBe(7000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'Tue, 24 Nov 2026 12:00:30 GMT' }), now)).toBe(30_000);
    expect(retryAfterMs(new Headers({ 'retry-after': '7', 'retry-after-ms': '120' }), now)).toBe(120);
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(retryAfterMs(new Headers(), now)).toBeUndefined();
  });

  it('does not retry an OpenAI 429 that means the account is out of credit', async () => {
    const { client, sleeps } = make('openai');
    servers.openai.inject({
      kind: 'status',
      status: 429,
      code: 'insufficient_quota',
      message: 'You exceeded your current quota, please check your plan and billing details.',
    });
    const broke = await failure(ask(client));
    expect(broke.kind).toBe('quota');
    expect(sleeps).toEqual([]);
    expect(servers.openai.requests).toHaveLength(1);
  });

  it('retries an Anthropic 529 (overloaded)', async () => {
    const { client, sleeps } = make('anthropic');
    servers.anthropic.inject({ kind: 'status', status: 529, message: 'Overloaded' });
    await ask(client);
    expect(sleeps).toHaveLength(1);
    expect(servers.anthropic.requests).toHaveLength(2);
  });
});

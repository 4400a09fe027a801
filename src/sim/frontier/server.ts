import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { anthropicProtocol } from './anthropic';
import { openaiProtocol } from './openai';

/**
 * Fake OpenAI and Anthropic APIs on 127.0.0.1, for tests and `serve --sim`: the official SDKs
 * reach them through `baseURL`. They speak the Chat Completions and Messages APIs (streamed SSE
 * and plain JSON, with usage), record every request so a test can assert exactly what left the
 * machine, and inject faults: an HTTP status with the provider's error body (401, 404, 429 with
 * retry-after, 500, 529…), a context-too-long refusal, a slow first byte, a stream that stalls or
 * breaks off.
 */
export type FakeProvider = 'openai' | 'anthropic';

export interface RecordedRequest {
  at: number;
  method: string;
  path: string;
  /** Header names in lower case; the key header as it arrived (these servers are ours). */
  headers: Record<string, string>;
  body: unknown;
}

export type FrontierFault =
  | {
      kind: 'status';
      status: number;
      message?: string;
      code?: string;
      retryAfter?: string;
      retryAfterMs?: number;
      times?: number;
    }
  | { kind: 'context-too-long'; times?: number }
  /** Waits before the response headers. */
  | { kind: 'slow'; delayMs: number; times?: number }
  /** Streams `afterChunks` chunks, then waits `forMs` before the rest. */
  | { kind: 'stall'; afterChunks: number; forMs: number; times?: number }
  /** Streams `afterChunks` chunks, then cuts the connection. */
  | { kind: 'cut'; afterChunks: number; times?: number };

export interface FakeAnswerInput {
  model: string;
  /** All message text the request carried, system included, in order. */
  text: string;
}

export interface FakeFrontierOptions {
  /** Default: a short deterministic answer that names the model and echoes the question's first line. */
  answer?: (input: FakeAnswerInput) => string;
  /** Requests with another key get 401; default: any non-empty key passes. */
  acceptKey?: string;
  /** Models that exist; others get 404. Default: any. */
  models?: readonly string[];
  /** Delay between streamed chunks (ms). Default 0. */
  chunkDelayMs?: number;
  /** Requests above this many (estimated) input tokens are refused as too long. Default 1,000,000. */
  contextTokens?: number;
}

export interface ProtocolResponse {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
  /** SSE events: `event` names the SSE event line (Anthropic), `data` is JSON-encoded (or "[DONE]"). */
  sse?: Array<{ event?: string; data: unknown }>;
}

/** How one provider's API is spoken (paths, body shapes, error shapes). */
export interface Protocol {
  provider: FakeProvider;
  path: string;
  keyOf(headers: Record<string, string>): string | null;
  error(status: number, message: string, code?: string): ProtocolResponse;
  /** The model, the text of every message and whether it streams, or a 400 for a malformed body. */
  read(body: unknown): { model: string; text: string; stream: boolean; maxTokens: number } | ProtocolResponse;
  reply(input: {
    model: string;
    answer: string;
    inputTokens: number;
    outputTokens: number;
    stream: boolean;
    id: string;
  }): ProtocolResponse;
}

export interface FakeFrontierServer {
  readonly provider: FakeProvider;
  readonly url: string;
  /** The base URL to give the SDK (OpenAI's includes /v1). */
  readonly baseURL: string;
  readonly requests: RecordedRequest[];
  /** The user-message texts that reached the server, in order: "what left the machine". */
  sentTexts(): string[];
  inject(fault: FrontierFault): void;
  clearFaults(): void;
  close(): Promise<void>;
}

/** The fake's token count: about four characters a token, at least one. */
export const fakeTokens = (text: string): number => Math.max(1, Math.ceil(text.length / 4));

export function defaultFakeAnswer({ model, text }: FakeAnswerInput): string {
  const question =
    text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .slice(-1)[0] ?? '';
  return [
    `(simulated ${model}) The likely cause is a stale value read before it was initialised.`,
    '',
    'Change `src/app.ts`: initialise the value before the first read, and add a test for it.',
    '',
    `Question seen: "${question.slice(0, 120)}"`,
  ].join('\n');
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function send(
  res: ServerResponse,
  response: ProtocolResponse,
  fault: FrontierFault | null,
  chunkDelayMs: number,
): Promise<void> {
  if (!response.sse) {
    const body = JSON.stringify(response.json ?? {});
    res.writeHead(response.status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      ...response.headers,
    });
    res.end(body);
    return;
  }
  res.writeHead(response.status, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    ...response.headers,
  });
  let sent = 0;
  for (const event of response.sse) {
    if (res.destroyed) return;
    if (fault?.kind === 'cut' && sent === fault.afterChunks) {
      // Let what was written reach the client first, as a connection that drops mid-answer does.
      await sleep(50);
      res.socket?.destroy();
      return;
    }
    if (fault?.kind === 'stall' && sent === fault.afterChunks) await sleep(fault.forMs);
    const data = typeof event.data === 'string' ? event.data : JSON.stringify(event.data);
    res.write(`${event.event ? `event: ${event.event}\n` : ''}data: ${data}\n\n`);
    sent += 1;
    if (chunkDelayMs > 0) await sleep(chunkDelayMs);
  }
  res.end();
}

export async function startFakeFrontier(
  provider: FakeProvider,
  options: FakeFrontierOptions = {},
): Promise<FakeFrontierServer> {
  const protocol: Protocol = provider === 'openai' ? openaiProtocol : anthropicProtocol;
  const requests: RecordedRequest[] = [];
  const faults: FrontierFault[] = [];
  const sockets = new Set<Socket>();
  let counter = 0;

  const takeFault = (): FrontierFault | null => {
    const fault = faults[0];
    if (!fault) return null;
    const times = (fault.times ?? 1) - 1;
    if (times <= 0) faults.shift();
    else faults[0] = { ...fault, times };
    return fault;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const raw = await readBody(req);
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : (v ?? '')]),
    );
    let body: unknown = raw;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      /* recorded as text; answered 400 below */
    }
    requests.push({ at: Date.now(), method: req.method ?? 'GET', path, headers, body });
    if (req.method !== 'POST' || path !== protocol.path)
      return send(res, protocol.error(404, `Unknown route ${req.method} ${path}.`, 'not_found'), null, 0);
    if (typeof body !== 'object' || body === null)
      return send(res, protocol.error(400, 'The body is not valid JSON.', 'invalid_request_error'), null, 0);
    const key = protocol.keyOf(headers);
    if (!key || (options.acceptKey !== undefined && key !== options.acceptKey)) {
      return send(
        res,
        protocol.error(
          401,
          provider === 'openai'
            ? `Incorrect API key provided: ${key ? `${key.slice(0, 8)}****${key.slice(-4)}` : '(none)'}.`
            : 'invalid x-api-key',
          provider === 'openai' ? 'invalid_api_key' : undefined,
        ),
        null,
        0,
      );
    }
    const fault = takeFault();
    if (fault?.kind === 'slow') await sleep(fault.delayMs);
    if (res.destroyed) return;
    if (fault?.kind === 'status') {
      const response = protocol.error(fault.status, fault.message ?? `Simulated ${fault.status}.`, fault.code);
      const extra: Record<string, string> = {};
      if (fault.retryAfter !== undefined) extra['retry-after'] = fault.retryAfter;
      if (fault.retryAfterMs !== undefined) extra['retry-after-ms'] = String(fault.retryAfterMs);
      return send(res, { ...response, headers: { ...response.headers, ...extra } }, null, 0);
    }
    const read = protocol.read(body);
    if ('status' in read) return send(res, read, null, 0);
    if (options.models && !options.models.includes(read.model))
      return send(
        res,
        protocol.error(
          404,
          `The model \`${read.model}\` does not exist or you do not have access to it.`,
          'model_not_found',
        ),
        null,
        0,
      );
    const inputTokens = fakeTokens(read.text);
    if (fault?.kind === 'context-too-long' || inputTokens > (options.contextTokens ?? 1_000_000)) {
      const limit = options.contextTokens ?? 1_000_000;
      const message =
        provider === 'openai'
          ? `This model's maximum context length is ${limit} tokens. However, your messages resulted in ${inputTokens} tokens. Please reduce the length of the messages.`
          : `prompt is too long: ${inputTokens} tokens > ${limit} maximum`;
      return send(
        res,
        protocol.error(400, message, provider === 'openai' ? 'context_length_exceeded' : undefined),
        null,
        0,
      );
    }
    const answer = (options.answer ?? defaultFakeAnswer)({ model: read.model, text: read.text });
    const outputTokens = Math.min(read.maxTokens, fakeTokens(answer));
    counter += 1;
    await send(
      res,
      protocol.reply({
        model: read.model,
        answer,
        inputTokens,
        outputTokens,
        stream: read.stream,
        id: `${provider}-fake-${counter}`,
      }),
      fault,
      options.chunkDelayMs ?? 0,
    );
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: error instanceof Error ? error.message : String(error) } }));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    provider,
    url,
    baseURL: provider === 'openai' ? `${url}/v1` : url,
    requests,
    sentTexts: () =>
      requests
        .filter((r) => r.path === protocol.path && typeof r.body === 'object' && r.body !== null)
        .map((r) => {
          const read = protocol.read(r.body);
          return 'status' in read ? '' : read.text;
        }),
    inject: (fault) => void faults.push(fault),
    clearFaults: () => void faults.splice(0),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { displayShortest, parseModelName } from '../../shared/ollama-name';
import { psBody, showBody, tagsBody } from './api-info';
import { handleEmbed } from './embed';
import { faultSchema } from './faults';
import { handleInference, type InferenceContext } from './inference';
import { findInstalled, nameProblem } from './models';
import { handleOpenai } from './openai';
import { ndjsonOutput, sendJson, type Output } from './output';
import { BadRequest, parseBody, showSchema } from './requests';
import { parseScript } from './script';

/**
 * The HTTP face of the simulator: Ollama's routes (server/routes.go GenerateRoutes) on 127.0.0.1,
 * plus an unadvertised admin API under /__sim/ for tests (state, faults, script rules).
 */

export interface SimServer {
  readonly port: number;
  readonly url: string;
  /** Stops accepting connections and cuts open ones: clients see "connection refused". */
  down(forMs?: number): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export interface ServerOptions {
  port: number;
  version: string;
  ctx: InferenceContext;
  /**
   * Serve the admin API under /__sim/ (state, faults, script rules). Off unless asked for: a page
   * on another origin could otherwise take the demo's Ollama down with a simple POST.
   */
  admin?: boolean;
}

const routes: Record<string, readonly string[]> = {
  '/': ['GET', 'HEAD'],
  '/api/version': ['GET', 'HEAD'],
  '/api/tags': ['GET', 'HEAD'],
  '/api/ps': ['GET'],
  '/api/show': ['POST'],
  '/api/generate': ['POST'],
  '/api/chat': ['POST'],
  '/api/embed': ['POST'],
  '/v1/models': ['GET'],
  '/v1/chat/completions': ['POST'],
  '/v1/completions': ['POST'],
  '/v1/embeddings': ['POST'],
  '/__sim/state': ['GET'],
  '/__sim/faults': ['GET', 'POST', 'DELETE'],
  '/__sim/script': ['POST', 'DELETE'],
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendText(res: ServerResponse, status: number, text: string, head: boolean): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(head ? undefined : text);
}

function stateBody(ctx: InferenceContext) {
  const { machine } = ctx;
  return {
    budget_bytes: machine.profile.gpuBudgetBytes,
    capacity_bytes: machine.capacityBytes(),
    used_bytes: machine.usedBytes(),
    peak_bytes: machine.peakBytes(),
    bytes_loaded: machine.bytesLoaded(),
    queued: machine.queuedCount(),
    in_flight: ctx.inFlight.count,
    models: machine.runnersList().map((r) => ({
      name: r.name,
      state: r.state,
      size: r.sizeBytes,
      size_vram: r.vramBytes,
      num_ctx: r.numCtx,
      ref_count: r.refCount,
      keep_alive_ms: Number.isFinite(r.sessionMs) ? r.sessionMs : -1,
      expires_at: new Date(machine.expiresAt(r)).toISOString(),
    })),
    faults: ctx.faults.list(),
    events: machine.events.slice(-200),
  };
}

async function admin(
  ctx: InferenceContext,
  method: string,
  path: string,
  raw: string,
  res: ServerResponse,
): Promise<void> {
  if (path === '/__sim/state') return sendJson(res, 200, stateBody(ctx));
  if (path === '/__sim/faults') {
    if (method === 'GET') return sendJson(res, 200, { faults: ctx.faults.list() });
    if (method === 'DELETE') {
      ctx.faults.clear();
      return sendJson(res, 200, { faults: [] });
    }
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return sendJson(res, 400, { error: 'invalid JSON in request body' });
    }
    const parsed = faultSchema.safeParse(value);
    if (!parsed.success)
      return sendJson(res, 400, {
        error: `invalid fault: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'fault'}: ${i.message}`).join('; ')}`,
      });
    const fault = parsed.data;
    if (fault.kind === 'down') {
      // Answer first, then stop listening.
      res.on('finish', () => void ctx.faults.down(fault.forMs));
      return sendJson(res, 200, { id: 0, fault });
    }
    return sendJson(res, 200, { id: ctx.faults.inject(fault), fault });
  }
  // /__sim/script
  if (method === 'DELETE') {
    ctx.script.clear();
    return sendJson(res, 200, { rules: 0 });
  }
  try {
    for (const rule of parseScript(raw, 'request body')) ctx.script.add(rule);
  } catch (error) {
    return sendJson(res, 400, { error: error instanceof Error ? error.message : String(error) });
  }
  return sendJson(res, 200, { rules: ctx.script.size });
}

/**
 * Runs a handler that may load a model with the client's connection as its context: a client
 * that disconnects cancels it (gin's c.Request.Context(), which sched.go's load watches).
 */
function withClient(res: ServerResponse, run: (signal: AbortSignal, out: Output) => Promise<void>): Promise<void> {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return run(controller.signal, ndjsonOutput(res));
}

async function handle(options: ServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { ctx } = options;
  const method = req.method ?? 'GET';
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  const head = method === 'HEAD';
  // GET /v1/models/:model (RetrieveMiddleware) is the one route with a parameter.
  const allowed = routes[path] ?? (path.startsWith('/v1/models/') && path.length > 11 ? ['GET'] : undefined);
  if (!allowed) return sendText(res, 404, '404 page not found', head);
  if (!allowed.includes(method)) return sendText(res, 405, '405 method not allowed', head);
  const raw = method === 'POST' || method === 'DELETE' ? await readBody(req) : '';
  const json = (status: number, body: unknown) =>
    head ? sendText(res, status, '', true) : sendJson(res, status, body);

  switch (path) {
    case '/':
      return sendText(res, 200, 'Ollama is running', head);
    case '/api/version':
      return json(200, { version: options.version });
    case '/api/tags':
      return json(200, tagsBody(ctx.models));
    case '/api/ps':
      // loadedModels takes the scheduler's lock, which an unload in progress holds.
      await ctx.machine.unloadsSettled();
      return json(200, psBody(ctx.machine));
    case '/api/show': {
      let body;
      try {
        body = parseBody(showSchema, raw);
      } catch (error) {
        if (error instanceof BadRequest) return sendJson(res, 400, { error: error.message });
        throw error;
      }
      const name = body.model || body.name || '';
      if (name === '') return sendJson(res, 400, { error: 'model is required' });
      if (nameProblem(name)) return sendJson(res, 400, { error: 'invalid model name' });
      const model = findInstalled(ctx.models, name);
      if (!model) return sendJson(res, 404, { error: `model '${displayShortest(parseModelName(name))}' not found` });
      return sendJson(res, 200, showBody(model));
    }
    case '/api/generate':
    case '/api/chat':
    case '/api/embed':
      return withClient(res, (signal, out) =>
        path === '/api/embed'
          ? handleEmbed(ctx, raw, out, signal)
          : handleInference(ctx, path === '/api/generate' ? 'generate' : 'chat', raw, out, signal),
      );
    default: {
      if (path.startsWith('/v1/'))
        return withClient(res, async (signal) => {
          await handleOpenai(ctx, method, path, raw, res, signal);
        });
      // The admin API: only when enabled, and only addressed to this loopback port (DNS rebinding).
      if (!options.admin) return sendText(res, 404, '404 page not found', head);
      const port = (req.socket.localPort ?? 0).toString();
      const host = req.headers.host ?? '';
      if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`)
        return sendJson(res, 403, {
          error: `the simulator's admin API answers only requests addressed to 127.0.0.1:${port}`,
        });
      return admin(ctx, method, path, raw, res);
    }
  }
}

/** Listens on 127.0.0.1 only; `port` 0 picks a free one. */
export async function startServer(options: ServerOptions): Promise<SimServer> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    res.setHeader('x-frontier-sos-simulator', '1');
    handle(options, req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: error instanceof Error ? error.message : String(error) });
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      server.once('error', onError);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', onError);
        resolve();
      });
    });
  await listen(options.port);
  const port = (server.address() as AddressInfo).port;
  let upTimer: ReturnType<InferenceContext['clock']['setTimer']> | null = null;

  const stopListening = async () => {
    if (!server.listening) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  };

  const control: SimServer = {
    port,
    url: `http://127.0.0.1:${port}`,
    async down(forMs) {
      await stopListening();
      if (forMs !== undefined) {
        if (upTimer) options.ctx.clock.clearTimer(upTimer);
        upTimer = options.ctx.clock.setTimer(forMs * options.ctx.timeScale, () => {
          upTimer = null;
          void control.up();
        });
      }
    },
    async up() {
      if (upTimer) options.ctx.clock.clearTimer(upTimer);
      upTimer = null;
      if (!server.listening) await listen(port);
    },
    async close() {
      if (upTimer) options.ctx.clock.clearTimer(upTimer);
      upTimer = null;
      await stopListening();
    },
  };
  return control;
}

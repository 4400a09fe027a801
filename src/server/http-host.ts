import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, relative } from 'node:path';
import { channels, channelNames, type ChannelName, type ContractHandlers } from '../../shared/contract';
import { dashboardContentTypes } from '../../shared/content-types';
import { dispatch } from '../../shared/dispatch';
import { fail, type Envelope } from '../../shared/envelope';

/** Pushes one event to every connected dashboard. */
export type Publish = (event: string, payload: unknown) => void;

export interface HttpHostOptions {
  handlers: ContractHandlers;
  /**
   * Connects the event stream: called once per host with a publisher; returns a disconnect. The
   * host only forwards: what is pushed is decided by src/compose/push-pipeline.ts.
   */
  events?: (publish: Publish) => () => void;
  /** Where failures that reach no client are said (a request that crashed, a file that could not be read). */
  log?: (line: string) => void;
  /** Built dashboard (out/renderer). When absent, a plain page says how to build it. */
  staticDir: string | null;
  port?: number;
  token?: string;
}

export interface HttpHost {
  server: Server;
  url: string;
  token: string;
  dashboardUrl: string;
  close(): Promise<void>;
}

const statusByCode: Record<string, number> = {
  invalid_input: 400,
  unknown_channel: 404,
  not_found: 404,
  conflict: 409,
};
const maxBodyBytes = 1024 * 1024;
const contentTypes = dashboardContentTypes;

/** Same policy as the Electron window: our own scripts and styles, API calls to ourselves only. */
export const contentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/**
 * Why a state-changing request is refused as cross-site, or null. A page elsewhere cannot read our
 * token, but it can still send simple requests; these checks refuse them before any effect:
 * a JSON content type (a simple form post cannot set it), and, where the browser says where the
 * request came from, this very origin.
 */
function crossSiteReason(req: IncomingMessage, port: number): { status: number; code: string; message: string } | null {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json')
    return {
      status: 415,
      code: 'unsupported_media_type',
      message: `Send the request body as JSON with "Content-Type: application/json" (got "${type || 'none'}").`,
    };
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
    return {
      status: 403,
      code: 'forbidden_origin',
      message: `Requests that change something must come from this host's own page (origin ${origin} is not).`,
    };
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return {
      status: 403,
      code: 'forbidden_origin',
      message: `Requests that change something must come from this host's own page (the browser says "${site}").`,
    };
  }
  return null;
}

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
}

function sendJson(res: ServerResponse, status: number, body: Envelope<unknown>): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** Live event-stream connections at most, and bytes queued for one before it is dropped. */
const maxEventStreams = 64;
const maxBufferedBytes = 512 * 1024;

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) throw new RangeError('The request body is larger than 1 MiB.');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text.trim() === '' ? {} : JSON.parse(text);
}

/**
 * The headless host: the shared contract over HTTP on loopback, plus the built dashboard.
 * Every API request needs the per-run token in its Authorization header (the event stream, which
 * a browser opens without headers, may carry it in its query). No cookie: cookies are not bound to
 * a port, so one would reach every other server on 127.0.0.1. The dashboard's files are the app's
 * public code and need none; the page asks for the token when it has none. State-changing
 * requests must be JSON from this origin (CSRF).
 */
export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  // "/api/tasks/:id" becomes a pattern whose named groups join the request's input.
  const routes = channelNames.map((name) => {
    const { method, path } = channels[name].http;
    const pattern = new RegExp(`^${path.replace(/:(\w+)/g, '(?<$1>[^/]+)')}$`);
    return { name, method, pattern };
  });
  const matchRoute = (
    method: string | undefined,
    pathname: string,
  ): { name: ChannelName; params: Record<string, string> } | { error: string } | null => {
    for (const route of routes) {
      const match = route.pattern.exec(pathname);
      if (match && route.method === method) {
        const params: Record<string, string> = {};
        for (const [k, v] of Object.entries(match.groups ?? {})) {
          try {
            params[k] = decodeURIComponent(v);
          } catch {
            // The decision itself: a malformed path is the client's mistake, answered with a 400.
            return { error: `The path part "${v}" is not valid percent-encoding.` };
          }
        }
        return { name: route.name, params };
      }
    }
    return null;
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A bug or a broken connection: said here too, since the client may never read the 500.
      log(
        `frontier-sos: ${req.method} ${req.url?.replace(/token=[^&]*/, 'token=…')} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      if (!res.headersSent) sendJson(res, 500, fail('internal', String(error)));
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const address = server.address() as AddressInfo;
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${address.port}`);
    // Refuse other Host headers: a page on another origin must not reach us through DNS rebinding.
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${address.port}` && host !== `localhost:${address.port}`) {
      sendJson(res, 403, fail('forbidden_host', `Requests must be addressed to 127.0.0.1:${address.port}.`));
      return;
    }
    res.setHeader('referrer-policy', 'no-referrer');
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET') {
        sendJson(res, 405, fail('method_not_allowed', `${req.method} is not served here.`));
        return;
      }
      await serveStatic(url.pathname, res);
      return;
    }
    const isEvents = url.pathname === '/api/events' && req.method === 'GET';
    const fromQuery = isEvents ? (url.searchParams.get('token') ?? undefined) : undefined;
    if (![bearerToken(req), fromQuery].some((t) => sameToken(t, token))) {
      sendJson(
        res,
        401,
        fail(
          'unauthorized',
          'This Frontier SOS host needs its token: open the dashboard URL it printed, or send "Authorization: Bearer <token>".',
        ),
      );
      return;
    }
    if (req.method !== 'GET') {
      const refused = crossSiteReason(req, address.port);
      if (refused) {
        sendJson(res, refused.status, fail(refused.code, refused.message));
        return;
      }
    }
    if (isEvents) {
      openEventStream(req, res);
      return;
    }
    const route = matchRoute(req.method, url.pathname);
    if (!route) {
      sendJson(res, 404, fail('not_found', `No API route ${req.method} ${url.pathname}.`));
      return;
    }
    if ('error' in route) {
      sendJson(res, 400, fail('invalid_input', route.error));
      return;
    }
    const { name, params } = route;
    let body: unknown = {};
    if (req.method !== 'GET') {
      try {
        body = await readJsonBody(req);
      } catch (error) {
        // The decision itself: a body too large or not JSON is refused with a 413 or a 400.
        if (error instanceof RangeError) sendJson(res, 413, fail('too_large', `${error.message} Send less at once.`));
        else
          sendJson(res, 400, fail('invalid_json', `The request body is not valid JSON: ${(error as Error).message}`));
        return;
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        sendJson(res, 400, fail('invalid_input', 'The request body must be a JSON object.'));
        return;
      }
    }
    const result = await dispatch(options.handlers, name, { ...(body as object), ...params });
    sendJson(res, result.ok ? 200 : (statusByCode[result.error.code] ?? 500), result);
  }

  const streams = new Set<ServerResponse>();
  function openEventStream(req: IncomingMessage, res: ServerResponse): void {
    if (streams.size >= maxEventStreams) {
      sendJson(
        res,
        503,
        fail(
          'too_many_streams',
          `This host already serves ${maxEventStreams} live connections: close some dashboard tabs and reload.`,
        ),
      );
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(': connected\n\n');
    streams.add(res);
    req.on('close', () => streams.delete(res));
  }
  /**
   * A client that does not read (a frozen tab, a script that connected and forgot) would make us
   * hold every frame for it. Past maxBufferedBytes it is dropped: a real page reconnects and
   * loads the full state again.
   */
  const send = (frame: string) => {
    for (const res of streams) {
      if (res.writableLength > maxBufferedBytes) {
        streams.delete(res);
        res.destroy();
        continue;
      }
      res.write(frame);
    }
  };
  const publish: Publish = (event, payload) => send(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
  // A comment line now and then keeps proxies and idle timeouts from closing a quiet stream.
  const heartbeat = setInterval(() => send(': keep-alive\n\n'), 15_000);
  heartbeat.unref();
  const disconnect = options.events?.(publish) ?? (() => undefined);

  async function serveStatic(pathname: string, res: ServerResponse): Promise<void> {
    const headers = { 'content-security-policy': contentSecurityPolicy, 'x-content-type-options': 'nosniff' };
    if (!options.staticDir) {
      res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' });
      res.end(
        '<!doctype html><meta charset="utf-8"><title>Frontier SOS</title><p>The dashboard is not built yet. Run <code>npm run build</code>, then start again.</p>',
      );
      return;
    }
    const wanted = pathname === '/' ? '/index.html' : pathname;
    const file = normalize(join(options.staticDir, wanted));
    const rel = relative(options.staticDir, file);
    if (rel.startsWith('..')) {
      sendJson(res, 404, fail('not_found', 'No such file.'));
      return;
    }
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // No such file (or a folder named like one) is an ordinary 404; anything else is a fault to say.
      if (code !== 'ENOENT' && code !== 'EISDIR' && code !== 'ENOTDIR') throw error;
      sendJson(res, 404, fail('not_found', `No file ${pathname}.`));
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    server,
    url,
    token,
    dashboardUrl: `${url}/?token=${token}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        clearInterval(heartbeat);
        disconnect();
        for (const res of streams) res.end();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

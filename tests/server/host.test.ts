import { mkdtemp, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hostHandlers, memoryLocaleOwner } from '../../src/compose/host-channels';
import { createCore } from '../../src/core/index';
import { startHttpHost, type HttpHost } from '../../src/server/http-host';
import { fakePorts } from '../helpers/fakes';

let host: HttpHost | null = null;
afterEach(async () => {
  await host?.close();
  host = null;
});

async function start(staticDir: string | null = null) {
  const core = createCore(fakePorts([{ name: 'qwen2.5:7b', sizeBytes: 5_400_000_000, expiresAt: null }]));
  host = await startHttpHost({ handlers: hostHandlers(core.handlers, memoryLocaleOwner()), staticDir });
  return host;
}

/** A raw request, so the test controls the Host header as an attacker's page would. */
function raw(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('headless host', () => {
  it('listens on 127.0.0.1 only', async () => {
    const h = await start();
    expect(h.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(h.dashboardUrl).toBe(`${h.url}/?token=${h.token}`);
  });

  it('refuses requests without the token (401) and explains how to get in', async () => {
    const h = await start();
    const res = await fetch(`${h.url}/api/state`);
    expect(res.status).toBe(401);
    const body = (await res.json()) as { ok: boolean; error: { code: string; message: string } };
    expect(body).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(body.error.message).toContain('token');
    expect((await fetch(`${h.url}/api/state`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
  });

  it('answers /api/state with the bearer token, validated by the shared contract', async () => {
    const h = await start();
    const res = await fetch(`${h.url}/api/state`, { headers: { authorization: `Bearer ${h.token}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      ok: true;
      data: { agents: Array<{ role: string; loaded: boolean; lock: string }> };
    };
    expect(body.ok).toBe(true);
    // Not started: the engine has not asked the model host yet, so nothing counts as loaded.
    expect(body.data.agents.find((a) => a.role === 'router')).toMatchObject({ loaded: false, lock: 'IDLE' });
    expect(body.data.agents.map((a) => a.role)).toEqual(['router', 'coder', 'reviewer', 'planner']);
  });

  it('serves the dashboard without a cookie: the page holds the token and sends it as a header', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fsos-static-'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>dash</title>');
    const h = await start(dir);
    for (const url of [h.dashboardUrl, `${h.url}/`]) {
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
      expect(page.headers.get('set-cookie')).toBeNull();
    }
    // A cookie, even the right token in one, opens nothing; a token in the query only opens the event stream.
    expect((await fetch(`${h.url}/api/state`, { headers: { cookie: `fsos_token=${h.token}` } })).status).toBe(401);
    expect((await fetch(`${h.url}/api/state?token=${h.token}`)).status).toBe(401);
    const events = await fetch(`${h.url}/api/events?token=${h.token}`);
    expect(events.status).toBe(200);
    await events.body?.cancel();
  });

  it('refuses state-changing requests that are not JSON from this origin (CSRF), before any effect', async () => {
    const h = await start();
    const post = (headers: Record<string, string>) =>
      fetch(`${h.url}/api/queue/pause`, {
        method: 'POST',
        headers: { authorization: `Bearer ${h.token}`, ...headers },
        body: JSON.stringify({ paused: true }),
      });
    expect((await post({ 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post({})).status).toBe(415);
    expect((await post({ 'content-type': 'application/json', origin: 'http://127.0.0.1:5173' })).status).toBe(403);
    expect((await post({ 'content-type': 'application/json', 'sec-fetch-site': 'same-site' })).status).toBe(403);
    const ok = await post({ 'content-type': 'application/json', origin: h.url, 'sec-fetch-site': 'same-origin' });
    expect(ok.status).toBe(200);
  });

  it('answers 400 to malformed percent-encoding and 413 to a body over 1 MiB', async () => {
    const h = await start();
    const bad = await fetch(`${h.url}/api/tasks/%E0%A4%A`, { headers: { authorization: `Bearer ${h.token}` } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const big = await fetch(`${h.url}/api/tasks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x'.repeat(1_100_000) }),
    });
    expect(big.status).toBe(413);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const h = await start();
    const res = await raw(`${h.url}/api/state`, { host: 'evil.example:80', authorization: `Bearer ${h.token}` });
    expect(res.status).toBe(403);
  });

  it('does not serve files outside the dashboard folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fsos-static-'));
    const h = await start(dir);
    const res = await raw(`${h.url}/../../etc/passwd`, { authorization: `Bearer ${h.token}` });
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('root:');
  });

  it('answers 404 with an envelope for an unknown API route', async () => {
    const h = await start();
    const res = await fetch(`${h.url}/api/nothing`, { headers: { authorization: `Bearer ${h.token}` } });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

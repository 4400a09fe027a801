import { mkdtemp, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../src/core/index';
import { startHttpHost, type HttpHost } from '../src/server/http-host';
import { fakePorts } from './helpers/fakes';

let host: HttpHost | null = null;
afterEach(async () => {
  await host?.close();
  host = null;
});

async function start(staticDir: string | null = null) {
  const core = createCore(fakePorts([{ name: 'qwen2.5:7b', sizeBytes: 5_400_000_000, expiresAt: null }]));
  host = await startHttpHost({ handlers: core.handlers, staticDir });
  return host;
}

/** A raw request, so the test controls the Host header as an attacker's page would. */
function raw(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
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
    const body = (await res.json()) as { ok: true; data: { agents: Array<{ role: string; loaded: boolean; lock: string }> } };
    expect(body.ok).toBe(true);
    expect(body.data.agents.find((a) => a.role === 'router')).toMatchObject({ loaded: true, lock: 'IDLE' });
    expect(body.data.agents.find((a) => a.role === 'coder')).toMatchObject({ loaded: false });
  });

  it('sets a cookie from the dashboard URL so the page and its calls work', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fsos-static-'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>dash</title>');
    const h = await start(dir);
    const page = await fetch(h.dashboardUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const cookie = page.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const api = await fetch(`${h.url}/api/state`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(api.status).toBe(200);
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

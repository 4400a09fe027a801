import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHeadless, type Headless } from '../../src/compose/headless';
import { startHttpHost, type HttpHost } from '../../src/server/http-host';
import { until } from '../helpers/poll';

// The headless host owns the dashboard's language as the desktop does (tests/main/lifecycle.test.ts):
// locale.get / locale.set over HTTP, kept in the workspace's settings file, pushed to every page.
const running: Array<{ headless: Headless; host: HttpHost }> = [];
afterEach(async () => {
  for (const { headless, host } of running.splice(0)) {
    await host.close();
    await headless.close();
  }
});

async function serve(workspace: string) {
  const headless = await startHeadless({
    workspaceDir: workspace,
    ollamaUrl: 'http://127.0.0.1:9',
    sim: { timeScale: 0.02 },
  });
  const host = await startHttpHost({
    handlers: headless.handlers,
    staticDir: null,
    events: (publish) => headless.pushes.connect(publish),
  });
  running.push({ headless, host });
  const api = async (path: string, body?: unknown) => {
    const res = await fetch(`${host.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as { ok: boolean; data: unknown; error?: { code: string } } };
  };
  return { headless, host, api };
}

describe('the headless host owns the language', () => {
  it('reads and sets it over HTTP, tells every open stream, and keeps it in the workspace settings', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'fsos-locale-'));
    await mkdir(join(workspace, '.frontier-sos'), { recursive: true });
    await writeFile(join(workspace, '.frontier-sos', 'settings.json'), '{"keepSecretsInHandoffFiles": false}\n');
    const first = await serve(workspace);
    expect((await first.api('/api/locale')).body).toEqual({ ok: true, data: { setting: 'system' } });

    const stream = await fetch(`${first.host.url}/api/events`, {
      headers: { authorization: `Bearer ${first.host.token}` },
    });
    const reader = stream.body!.getReader();
    let heard = '';
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        heard += new TextDecoder().decode(value);
      }
    })();

    expect((await first.api('/api/locale', { setting: 'ko' })).body).toEqual({ ok: true, data: { setting: 'ko' } });
    expect((await first.api('/api/locale')).body).toEqual({ ok: true, data: { setting: 'ko' } });
    await until(
      async () => heard,
      (text) => text.includes('event: locale.changed\ndata: {"setting":"ko"}'),
      'the locale pushed on the event stream',
    );
    expect((await first.api('/api/locale', { setting: 'de' })).status).toBe(400);
    const file = JSON.parse(await readFile(join(workspace, '.frontier-sos', 'settings.json'), 'utf8'));
    // The rest of the file is kept; the engine reads it (and ignores the language).
    expect(file).toEqual({ keepSecretsInHandoffFiles: false, locale: 'ko' });
    await reader.cancel();
    await first.host.close();
    await first.headless.close();
    running.splice(0);

    const again = await serve(workspace);
    expect((await again.api('/api/locale')).body).toEqual({ ok: true, data: { setting: 'ko' } });
  });

  it('saving role settings from the dashboard keeps the language', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'fsos-locale-roles-'));
    const { api } = await serve(workspace);
    await api('/api/locale', { setting: 'en' });
    const saved = await api('/api/settings/roles', { roles: { planner: { numCtx: 16384 } }, save: true });
    expect(saved.body).toMatchObject({ ok: true, data: { saved: true } });
    const file = JSON.parse(await readFile(join(workspace, '.frontier-sos', 'settings.json'), 'utf8'));
    expect(file).toMatchObject({ locale: 'en', roles: { planner: { numCtx: 16384 } } });
  });
});

import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHeadless, type Headless } from '../../src/compose/headless';
import { startHttpHost, type HttpHost } from '../../src/server/http-host';

// The read-only channels the dashboard added (snapshots, blueprint, results, settings, past
// swaps): they answer over HTTP and refuse anything that could name another file.
let headless: Headless;
let host: HttpHost;
let workspace: string;

beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'fsos-dash-ch-'));
  await mkdir(join(workspace, 'shared'), { recursive: true });
  await writeFile(join(workspace, 'shared', 'blueprint.md'), '# Plan\n');
  await writeFile(join(workspace, 'secret.txt'), 'do not serve');
  headless = await startHeadless({
    workspaceDir: workspace,
    ollamaUrl: 'http://127.0.0.1:9',
    sim: { timeScale: 0.02 },
  });
  host = await startHttpHost({
    handlers: headless.handlers,
    staticDir: null,
    events: (publish) => headless.pushes.connect(publish),
  });
});
afterAll(async () => {
  await host?.close();
  await headless?.close();
});

const get = async (path: string) => {
  const res = await fetch(`${host.url}${path}`, { headers: { authorization: `Bearer ${host.token}` } });
  return { status: res.status, body: (await res.json()) as { ok: boolean; data: never; error: { code: string } } };
};

describe('read-only dashboard channels', () => {
  it('reads the hand-off files by name only', async () => {
    const blueprint = await get('/api/files/blueprint');
    expect(blueprint.body.data).toEqual({ path: 'shared/blueprint.md', text: '# Plan\n' });
    expect((await get('/api/files/tempContext')).body.data).toEqual({ path: 'shared/temp_context.md', text: null });
    expect((await get('/api/files/secret.txt')).status).toBe(400);
    expect((await get('/api/files/..%2Fsecret.txt')).status).toBe(400);
  });

  it('reads a task result only for a task that exists, by a plain id', async () => {
    expect((await get('/api/tasks/..%2F..%2Fsecret/result')).status).toBe(400);
    expect((await get('/api/tasks/task-nope/result')).status).toBe(404);
    const created = await fetch(`${host.url}/api/tasks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Write a unit test for the parser' }),
    });
    const task = ((await created.json()) as { data: { id: string } }).data;
    const result = await get(`/api/tasks/${task.id}/result`);
    expect(result.status).toBe(200);
    expect(result.body.data).toMatchObject({ path: `shared/results/${task.id}.md` });
  });

  it('lists snapshot versions and refuses an unknown one', async () => {
    expect((await get('/api/snapshots')).body.data).toEqual({ versions: [] });
    expect((await get('/api/snapshots/1')).status).toBe(404);
    expect((await get('/api/snapshots/abc')).status).toBe(400);
  });

  it('shows the settings and the recent swaps', async () => {
    const settings = (await get('/api/settings')).body.data as {
      roles: Array<{ role: string; numCtx: number }>;
      workspaceRoot: string;
    };
    expect(settings.roles.map((r) => r.role)).toEqual(['router', 'coder', 'reviewer', 'planner']);
    expect(settings.roles[0]?.numCtx).toBeGreaterThan(0);
    expect((await get('/api/swaps')).body.data).toEqual({ swaps: [] });
  });
});

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Ctrl-C for real: `frontier-sos serve --sim` with work queued gets SIGINT, and a restart on the
// same workspace finds every task, none failed. A start that fails exits non-zero at once and
// leaves no port behind.
function serve(workspace: string, extra: string[] = []) {
  const child: ChildProcess = spawn(process.execPath, ['bin/frontier-sos.mjs', 'serve', '--sim', '--time-scale', '0.05', '--workspace', workspace, ...extra], {
    env: { PATH: process.env['PATH'], HOME: process.env['HOME'] },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', () => {
      const m = /dashboard: (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    void exited.then((code) => reject(new Error(`serve exited (${code}) before its URL: ${err}`)));
  });
  return { child, url, exited, stderr: () => err };
}

async function api<T>(url: string, path: string, body?: unknown): Promise<T> {
  const base = url.replace(/\/\?token=.*/, '');
  const token = url.replace(/.*token=/, '');
  const res = await fetch(`${base}${path}`, { method: body ? 'POST' : 'GET', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
  return ((await res.json()) as { data: T }).data;
}

type State = { queue: Array<{ id: string; status: string; error: string | null }> };

describe('shutdown that loses nothing', () => {
  it('Ctrl-C with 30 tasks queued: after a restart all 30 are there and none failed', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'fsos-shutdown-'));
    const first = serve(workspace);
    const url = await first.url;
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push((await api<{ id: string }>(url, '/api/tasks', { text: `Write unit tests for helper ${i} in src/util${i}.ts`, route: 'local' })).id);
    // Work is under way when the user presses Ctrl-C.
    for (let i = 0; i < 100; i++) {
      const state = await api<State>(url, '/api/state');
      if (state.queue.some((t) => t.status === 'running')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);

    const second = serve(workspace);
    const again = await second.url;
    try {
      const state = await api<State>(again, '/api/state');
      const mine = state.queue.filter((t) => ids.includes(t.id));
      expect(mine).toHaveLength(30);
      expect(mine.filter((t) => t.status === 'failed').map((t) => t.error)).toEqual([]);
      expect(mine.filter((t) => t.status === 'queued' || t.status === 'running').length).toBeGreaterThanOrEqual(25);
    } finally {
      second.child.kill('SIGINT');
      await second.exited;
    }
  }, 120_000);

  it('a start that fails (a damaged journal) exits non-zero at once, naming the line, and frees its ports', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'fsos-badstart-'));
    await mkdir(join(workspace, '.frontier-sos'));
    await writeFile(join(workspace, '.frontier-sos/journal.jsonl'), `${JSON.stringify({ seq: 1, at: 1, type: 'task.created', data: { task: { id: 3 } } })}\n{"seq":2,"at":2,"type":"agent.lock","data":{"role":"coder","lock":"IDLE","taskId":null}}\n`);
    const run = serve(workspace);
    run.url.catch(() => undefined);
    const started = Date.now();
    const code = await run.exited;
    expect(code).not.toBe(0);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(run.stderr()).toMatch(/damaged at line 1 .*doctor --repair-journal/);
  }, 60_000);
});

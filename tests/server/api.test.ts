import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHeadless, type Headless } from '../../src/compose/headless';
import { startHttpHost, type HttpHost } from '../../src/server/http-host';
import { until } from '../helpers/poll';

// The HTTP API of docs/interfaces.md, end to end: the headless host, the core, and the simulator
// speaking Ollama's API over a real socket, at 1/50 of real time.
let headless: Headless;
let host: HttpHost;
let workspace: string;

beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'fsos-api-'));
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

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${host.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json', ...(init.headers as object) },
  });
const json = async (res: Response) =>
  (await res.json()) as { ok: boolean; data: never; error: { code: string; message: string } };

describe('HTTP API', () => {
  it('refuses requests without the token', async () => {
    expect((await fetch(`${host.url}/api/state`)).status).toBe(401);
    expect((await fetch(`${host.url}/api/tasks`, { method: 'POST', body: '{"text":"x"}' })).status).toBe(401);
  });

  it('answers malformed bodies with 400 and a clear error', async () => {
    const broken = await api('/api/tasks', { method: 'POST', body: '{"text": ' });
    expect(broken.status).toBe(400);
    expect((await json(broken)).error.code).toBe('invalid_json');
    const empty = await api('/api/tasks', { method: 'POST', body: JSON.stringify({ text: '   ' }) });
    expect(empty.status).toBe(400);
    expect((await json(empty)).error.message).toMatch(/text: Describe the task/);
    const extra = await api('/api/tasks', { method: 'POST', body: JSON.stringify({ text: 'x', colour: 'red' }) });
    expect(extra.status).toBe(400);
    const notObject = await api('/api/tasks', { method: 'POST', body: '[1,2]' });
    expect(notObject.status).toBe(400);
    const badDecision = await api('/api/approvals/a1', { method: 'POST', body: JSON.stringify({ decision: 'maybe' }) });
    expect(badDecision.status).toBe(400);
    const unknown = await api('/api/approvals/approval-nobody-asked', {
      method: 'POST',
      body: JSON.stringify({ decision: 'approve' }),
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it("shows the memory monitor's live reading of the simulated Mac, and its history", async () => {
    type Memory = { live: { totalBytes: number; freeBytes: number; pressure: string; profileId: string } | null };
    const memory = await until(
      async () => ((await json(await api('/api/state'))).data as { memory: Memory }).memory,
      (m) => m.live !== null,
      'a first sample',
    );
    expect(memory.live).toMatchObject({ totalBytes: 64 * 2 ** 30, pressure: 'normal', profileId: 'm4pro-64' });
    const history = await json(
      await api('/api/memory/history', { method: 'POST', body: JSON.stringify({ rangeMs: 60_000 }) }),
    );
    expect((history.data as { points: unknown[] }).points.length).toBeGreaterThan(0);
    const bad = await api('/api/memory/history', { method: 'POST', body: JSON.stringify({ rangeMs: -5 }) });
    expect(bad.status).toBe(400);
  });

  it('pauses and resumes the queue, and the state says so', async () => {
    await api('/api/queue/pause', { method: 'POST', body: JSON.stringify({ paused: true }) });
    expect(((await json(await api('/api/state'))).data as { paused: boolean }).paused).toBe(true);
    await api('/api/queue/pause', { method: 'POST', body: JSON.stringify({ paused: false }) });
    expect(((await json(await api('/api/state'))).data as { paused: boolean }).paused).toBe(false);
  });

  it('says 404 for a task that does not exist', async () => {
    const res = await api('/api/tasks/task-nope');
    expect(res.status).toBe(404);
    expect((await json(res)).error.message).toBe('There is no task "task-nope".');
  });

  it('routes and runs a local task to done, with the result file', async () => {
    const created = await json(
      await api('/api/tasks', {
        method: 'POST',
        body: JSON.stringify({ text: 'Add a unit test for parseDate in src/date.ts' }),
      }),
    );
    expect(created.data).toMatchObject({ route: 'local', rule: 'routine' });
    const id = (created.data as { id: string }).id;
    const done = await until(
      async () => (await json(await api(`/api/tasks/${id}`))).data as { status: string; resultPath: string },
      (t) => t.status === 'done',
      'local task done',
    );
    expect(done.resultPath).toBe(`shared/results/${id}.md`);
  });

  it('runs the baton pass: approval with the Korean warning, snapshot first, blueprint, Coder back', async () => {
    const events: string[] = [];
    const stream = await fetch(`${host.url}/api/events`, { headers: { authorization: `Bearer ${host.token}` } });
    const reader = stream.body!.getReader();
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        events.push(new TextDecoder().decode(value));
      }
    })();
    const created = await json(
      await api('/api/tasks', {
        method: 'POST',
        body: JSON.stringify({ text: 'Design the whole architecture of a brand-new multi-tenant billing system' }),
      }),
    );
    expect(created.data).toMatchObject({ route: 'planner', rule: 'new-architecture' });
    const id = (created.data as { id: string }).id;
    type State = {
      approvals: Array<{ id: string; status: string; message: string; taskIds: string[] }>;
      swap: { state: string } | null;
      agents: Array<{ role: string; loaded: boolean }>;
    };
    const state = await until(
      async () => (await json(await api('/api/state'))).data as State,
      (s) => s.approvals.some((a) => a.status === 'pending'),
      'a pending approval',
    );
    const approval = state.approvals.find((a) => a.status === 'pending')!;
    expect(approval.message).toContain('52B Planner 소환이 필요합니다');
    expect(approval.taskIds).toEqual([id]);
    const { readFile } = await import('node:fs/promises');
    expect(JSON.parse(await readFile(join(workspace, 'shared/current_task.json'), 'utf8')).task.id).toBe(id);

    const answered = await json(
      await api(`/api/approvals/${approval.id}`, { method: 'POST', body: JSON.stringify({ decision: 'approve' }) }),
    );
    expect(answered.data).toMatchObject({ accepted: true });
    const again = await json(
      await api(`/api/approvals/${approval.id}`, { method: 'POST', body: JSON.stringify({ decision: 'deny' }) }),
    );
    expect(again.data).toMatchObject({ accepted: false });

    await until(
      async () => (await json(await api(`/api/tasks/${id}`))).data as { status: string },
      (t) => t.status === 'done',
      'planner task done',
    );
    const after = await until(
      async () => (await json(await api('/api/state'))).data as State,
      (s) => s.swap === null && s.agents.find((a) => a.role === 'coder')!.loaded,
      'the Coder back',
    );
    expect(after.agents.find((a) => a.role === 'planner')!.loaded).toBe(false);
    expect(await readFile(join(workspace, 'shared/blueprint.md'), 'utf8')).toContain(
      '## Executive summary — 5 action items',
    );
    expect(events.join('')).toContain('event: state.delta');
    await reader.cancel();
  });
});

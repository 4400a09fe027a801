import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppState } from '../../shared/domain';
import type { Task } from '../../shared/tasks';
import { startHeadless, type Headless } from '../../src/compose/headless';
import { startHttpHost, type HttpHost } from '../../src/server/http-host';
import { until } from '../helpers/poll';

// Frontier escalation end to end through the headless host with --sim: the Router sends a task
// that failed three times to frontier, the approval in /api/state shows exactly what would leave
// (secrets redacted), deny sends nothing, approve sends exactly that text to the fake OpenAI
// server (checked there) and records the spend; a reached cap blocks the call.
const secrets = {
  openai: 'sk-proj-Q3vZ8kR2mT5wX9yB1nC4dF7gH0jL6pS8aE2uI5oY7tV3bN1mK9xW4zQ6rT8yU2iO',
  anthropic: 'sk-ant-api03-Zx8Yw7Vu6Ts5Rq4Po3Nm2Lk1Jh0GfEdCbAzYxWvUtSrQpOnMlKjIhGfEdCbAzYxWvUtSrQpOnMlKjIhGfEdCbA-AA',
  github: 'ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8',
  aws: 'AKIAZ7Q4N2M6K8J3H5G1',
  stripe: 'sk_live_51NzQ8kLmP2vX4yB6nC1dF3gH5jK7lM9pQ2rS4tV6wX8yZ0aB2cD4eF6gH8iJ0kL2mN4',
  jwt: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQyIiwicm9sZSI6ImFkbWluIn0.Xk3mQ9vT2bN7cR5wY8zA1dF4gH6jL0pS3uE5iO7yU9t',
  dbPassword: 'S3cure-Pa55word!',
};
const errorText = [
  "TypeError: Cannot read properties of undefined (reading 'token')",
  '    at refreshSession (src/auth/session.ts:42:17)',
  '    at async uploadInvoice (src/billing/upload.ts:88:5)',
].join('\n');
const taskText = [
  'Dev1 tried three times to fix the invoice upload and it still crashes:',
  errorText,
  '',
  'Our .env:',
  `OPENAI_API_KEY=${secrets.openai}`,
  `ANTHROPIC_API_KEY=${secrets.anthropic}`,
  `GITHUB_TOKEN=${secrets.github}`,
  `AWS_ACCESS_KEY_ID=${secrets.aws}`,
  `STRIPE_SECRET_KEY=${secrets.stripe}`,
  `DATABASE_URL=postgres://billing:${secrets.dbPassword}@db:5432/billing`,
  `curl -H "Authorization: Bearer ${secrets.jwt}" https://api.acme.com/invoices`,
].join('\n');

interface Served {
  headless: Headless;
  host: HttpHost;
  workspace: string;
  api(path: string, init?: RequestInit): Promise<Response>;
  data<T>(path: string, init?: RequestInit): Promise<T>;
}

async function serve(
  frontier?: Parameters<typeof startHeadless>[0]['frontier'],
  prepare?: (workspace: string) => Promise<void>,
): Promise<Served> {
  const workspace = await mkdtemp(join(tmpdir(), 'fsos-frontier-'));
  await prepare?.(workspace);
  const headless = await startHeadless({
    workspaceDir: workspace,
    ollamaUrl: 'http://127.0.0.1:9',
    sim: { timeScale: 0.02 },
    ...(frontier ? { frontier } : {}),
  });
  const host = await startHttpHost({
    handlers: headless.handlers,
    staticDir: null,
    events: (publish) => headless.pushes.connect(publish),
  });
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${host.url}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${host.token}`,
        'content-type': 'application/json',
        ...(init.headers as object),
      },
    });
  return {
    headless,
    host,
    workspace,
    api,
    async data<T>(path: string, init?: RequestInit) {
      const body = (await (await api(path, init)).json()) as { ok: boolean; data: T; error?: { message: string } };
      if (!body.ok) throw new Error(`${path}: ${body.error?.message}`);
      return body.data;
    },
  };
}

const post = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body) });

describe('frontier escalation over HTTP (serve --sim)', () => {
  let s: Served;
  beforeAll(async () => {
    s = await serve();
  });
  afterAll(async () => {
    await s?.host.close();
    await s?.headless.close();
  });

  const pendingFor = (id: string) =>
    until(
      () => s.data<AppState>('/api/state'),
      (state) => state.approvals.some((a) => a.kind === 'frontier' && a.status === 'pending' && a.taskIds.includes(id)),
      'a pending frontier approval',
    );

  it('shows bidi overrides and invisible characters in the approval as markers, not as text that reads otherwise', async () => {
    const sneaky = 'Check this: if (isAdmin) { \u202E } ;\u2066tokens\u2069 and a zero\u200Bwidth space';
    const created = await s.data<Task>('/api/tasks', post({ text: sneaky, route: 'frontier' }));
    const state = await pendingFor(created.id);
    const approval = state.approvals.find((a) => a.kind === 'frontier' && a.taskIds.includes(created.id))!;
    expect(approval.outgoing).toContain('⟦U+202E⟧');
    expect(approval.outgoing).toContain('⟦U+2066⟧tokens⟦U+2069⟧');
    expect(approval.outgoing).toContain('zero⟦U+200B⟧width');
    expect(approval.outgoing).not.toMatch(/[\u202E\u2066\u2069\u200B]/);
    await s.data(`/api/approvals/${approval.id}`, post({ decision: 'deny' }));
  });

  it('routes a task that failed three times to frontier and asks, showing only redacted text', async () => {
    const created = await s.data<Task>('/api/tasks', post({ text: taskText, failedAttempts: 3 }));
    expect(created).toMatchObject({ route: 'frontier', rule: 'failed-3-times' });
    const state = await pendingFor(created.id);
    const approval = state.approvals.find((a) => a.kind === 'frontier' && a.taskIds.includes(created.id))!;
    expect(approval.provider).toBe('openai');
    expect(approval.model).toBe('gpt-5.6-terra');
    expect(approval.estimatedCostUsd).toBeGreaterThan(0);
    expect(approval.outgoing).toContain(errorText);
    for (const label of [
      'openai-key',
      'anthropic-key',
      'github-token',
      'aws-access-key-id',
      'stripe-key',
      'url-password',
      'jwt',
    ])
      expect(approval.outgoing).toContain(`[REDACTED:${label}]`);
    expect(approval.frontier?.redactions.reduce((n, r) => n + r.count, 0)).toBe(7);
    expect(approval.frontier?.budget).toMatchObject({ dailyCapUsd: 5, monthlyCapUsd: 50 });
    // No secret anywhere in the state: the queue shows the task's opening redacted too.
    const json = JSON.stringify(state);
    for (const secret of Object.values(secrets)) expect(json).not.toContain(secret);
    expect(state.queue.find((t) => t.id === created.id)!.text).toContain('OPENAI_API_KEY=[REDACTED:openai-key]');
    expect(s.headless.frontierSim!.openai.requests).toHaveLength(0);

    // Deny: the task is denied and nothing reached the provider.
    const answered = await s.data<{ accepted: boolean; message: string }>(
      `/api/approvals/${approval.id}`,
      post({ decision: 'deny' }),
    );
    expect(answered).toEqual({ id: approval.id, accepted: true, message: 'Denied: nothing is sent.' });
    const denied = await until(
      () => s.data<Task>(`/api/tasks/${created.id}`),
      (t) => t.status === 'denied',
      'denied',
    );
    // Over HTTP a task's error is data; the answered approval keeps its English text beside the data.
    expect(denied.error).toEqual({ key: 'engine.frontierDenied' });
    const history = (await s.data<AppState>('/api/state')).approvals.find((a) => a.id === approval.id)!;
    expect(history).toMatchObject({ status: 'denied', said: { key: 'engine.frontierDenied' } });
    expect(history.message).toMatch(/^Denied: nothing was sent/);
    expect(s.headless.frontierSim!.openai.requests).toHaveLength(0);
    expect(s.headless.frontierSim!.anthropic.requests).toHaveLength(0);
  });

  it('on approve sends exactly the approved text to the provider and records the spend', async () => {
    const created = await s.data<Task>('/api/tasks', post({ text: taskText, failedAttempts: 3 }));
    const state = await pendingFor(created.id);
    const approval = state.approvals.find((a) => a.kind === 'frontier' && a.taskIds.includes(created.id))!;
    await s.data(`/api/approvals/${approval.id}`, post({ decision: 'approve' }));
    const done = await until(
      () => s.data<Task>(`/api/tasks/${created.id}`),
      (t) => t.status === 'done' || t.status === 'failed',
      'the answer',
    );
    expect(done).toMatchObject({ status: 'done', resultPath: `shared/results/${created.id}.md` });

    // What left the machine, as the fake OpenAI server received it: one user message, exactly `outgoing`.
    const requests = s.headless.frontierSim!.openai.requests;
    expect(requests).toHaveLength(1);
    expect(requests[0]!.body).toMatchObject({
      model: 'gpt-5.6-terra',
      stream: true,
      messages: [{ role: 'user', content: approval.outgoing }],
    });
    expect((requests[0]!.body as { messages: unknown[] }).messages).toHaveLength(1);
    const wire = JSON.stringify(requests[0]!.body);
    for (const secret of Object.values(secrets)) expect(wire).not.toContain(secret);
    expect(requests[0]!.headers['authorization']).toBe(`Bearer ${s.headless.frontierSim!.keys.OPENAI_API_KEY}`);

    const after = await until(
      () => s.data<AppState>('/api/state'),
      (x) => x.spend.callsToday === 1,
      'the spend',
    );
    expect(after.spend.todayUsd).toBeGreaterThan(0);
    expect(after.spend.todayUsd).toBeLessThan(approval.estimatedCostUsd!);
    expect(after.spend.byProvider.find((p) => p.provider === 'openai')).toMatchObject({ keySet: true, callsToday: 1 });
    const ledger = (await readFile(join(s.workspace, '.frontier-sos/spend.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { taskId: string; costUsd: number; inputTokens: number });
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({
      taskId: created.id,
      provider: 'openai',
      model: 'gpt-5.6-terra',
      approvalId: approval.id,
      usageEstimated: false,
    });
    expect(ledger[0]!.costUsd).toBeCloseTo(after.spend.todayUsd, 12);

    const answer = await readFile(join(s.workspace, 'shared/frontier_answer.md'), 'utf8');
    expect(answer).toContain('(simulated gpt-5.6-terra)');
    expect(answer).toContain(approval.outgoing!);
    for (const secret of Object.values(secrets)) expect(answer).not.toContain(secret);
    const result = await s.data<{ path: string; text: string }>(`/api/tasks/${created.id}/result`);
    expect(result.text).toBe(answer);

    // The local team gets a short pointer to the answer, not the answer.
    const followUp = await until(
      () => s.data<AppState>('/api/state'),
      (x) => x.queue.some((t) => t.rule === 'frontier-follow-up'),
      'the follow-up',
    );
    expect(followUp.queue.find((t) => t.rule === 'frontier-follow-up')!.text).toMatch(
      /^Read shared\/frontier_answer\.md /,
    );
  });

  it('answers an invalid task body with 400 and a clear error', async () => {
    const bad = await s.api('/api/tasks', post({ text: taskText, failedAttempts: 'three' }));
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { ok: false; error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.message).toMatch(/failedAttempts/);
    const negative = await s.api('/api/tasks', post({ text: 'x', failedAttempts: -1 }));
    expect(negative.status).toBe(400);
    const route = await s.api('/api/tasks', post({ text: 'x', route: 'gemini' }));
    expect(route.status).toBe(400);
  });
});

describe('frontier budget over HTTP', () => {
  it('blocks the call with a message naming the cap when the daily budget is spent', async () => {
    const entry = {
      at: Date.now(),
      taskId: 'task-earlier',
      approvalId: null,
      provider: 'openai',
      model: 'gpt-5.6-terra',
      inputTokens: 100_000,
      outputTokens: 400_000,
      costUsd: 5.12,
      estimatedCostUsd: 5.2,
      usageEstimated: false,
      pricesAsOf: '2026-11-24',
    };
    const s = await serve(undefined, async (workspace) => {
      await mkdir(join(workspace, '.frontier-sos'), { recursive: true });
      await writeFile(join(workspace, '.frontier-sos/spend.jsonl'), `${JSON.stringify(entry)}\n`);
    });
    try {
      const before = await s.data<AppState>('/api/state');
      expect(before.spend).toMatchObject({ todayUsd: 5.12, dailyCapUsd: 5, leftTodayUsd: 0 });
      const created = await s.data<Task>('/api/tasks', post({ text: taskText, failedAttempts: 3 }));
      const blocked = await until(
        () => s.data<Task>(`/api/tasks/${created.id}`),
        (t) => t.status === 'failed',
        'blocked',
      );
      expect(blocked.error).toEqual({
        key: 'engine.budgetReachedDaily',
        values: { cap: '$5.00', spent: '$5.12' },
      });
      const state = await s.data<AppState>('/api/state');
      expect(state.approvals.filter((a) => a.kind === 'frontier')).toEqual([]);
      expect(s.headless.frontierSim!.openai.requests).toHaveLength(0);
    } finally {
      await s.host.close();
      await s.headless.close();
    }
  });

  it('takes caps from the host settings', async () => {
    const s = await serve({ caps: { dailyUsd: 0.5, monthlyUsd: null }, provider: 'anthropic' });
    try {
      const created = await s.data<Task>('/api/tasks', post({ text: taskText, failedAttempts: 3 }));
      const state = await until(
        () => s.data<AppState>('/api/state'),
        (x) => x.approvals.some((a) => a.kind === 'frontier' && a.taskIds.includes(created.id)),
        'asked',
      );
      const approval = state.approvals.find((a) => a.kind === 'frontier')!;
      expect(approval).toMatchObject({ provider: 'anthropic', model: 'claude-sonnet-5-5' });
      expect(approval.frontier?.budget).toMatchObject({ dailyCapUsd: 0.5, monthlyCapUsd: null, leftMonthUsd: null });
      expect(state.spend).toMatchObject({ dailyCapUsd: 0.5, monthlyCapUsd: null, provider: 'anthropic' });
      await s.data(`/api/approvals/${approval.id}`, post({ decision: 'approve' }));
      await until(
        () => s.data<Task>(`/api/tasks/${created.id}`),
        (t) => t.status === 'done',
        'done',
      );
      expect(s.headless.frontierSim!.anthropic.requests[0]!.body).toMatchObject({
        model: 'claude-sonnet-5-5',
        messages: [{ role: 'user', content: approval.outgoing }],
      });
    } finally {
      await s.host.close();
      await s.headless.close();
    }
  });
});

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRouter, feedbackPath, foldIn, parseFeedback, type Correction } from '../../../src/core/router/index';
import { createHarness } from '../../helpers/core-harness';

const githubToken = 'ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
const line = (c: Partial<Correction>) =>
  JSON.stringify({ at: 1, kind: 'reroute', taskId: 't1', text: 'some task', from: 'local', to: 'planner', ...c });

describe('the corrections file', () => {
  it('keeps every good line and names each bad one: not JSON, an unknown route, a huge text, a torn tail', () => {
    const content = [
      line({ taskId: 'a' }),
      '{"at": 1, "kind": "reroute"',
      line({ taskId: 'b', to: 'planer' as Correction['to'] }),
      line({ taskId: 'c', text: 'x'.repeat(30_000) }),
      line({ taskId: 'd', kind: 'override', from: null, to: 'frontier' }),
      '{"at": 2, "kind": "rero',
    ].join('\n');
    const { corrections, problems } = parseFeedback(content);
    expect(corrections.map((c) => c.taskId)).toEqual(['a', 'd']);
    expect(problems.map((p) => p.line)).toEqual([2, 3, 4, 6]);
    expect(problems[0]!.message).toMatch(/line 2 is not JSON.*torn write/);
    expect(problems[1]!.message).toMatch(/line 3 is not a correction \(to: /);
    expect(problems[2]!.message).toMatch(/line 4 is not a correction \(text: /);
  });
});

describe('folding corrections in', () => {
  const router = createRouter();
  const tasks = [
    'Add OAuth login with PKCE to our mobile app and store the refresh token safely.',
    '비밀번호 해시를 bcrypt에서 argon2로 바꿔줘. 기존 사용자 로그인도 되게.',
    'Check our file-download endpoint for path traversal and fix it.',
    'SSRF 막게 이미지 프록시에서 내부 IP 요청 차단해줘.',
    'Review the JWT validation middleware: is the signature always checked?',
    '관리자 API 권한 체크 빠진 곳 찾아서 고쳐줘.',
  ];
  const corrections: Correction[] = tasks.map((text, i) => ({
    at: i,
    kind: 'reroute',
    taskId: `s${i}`,
    text,
    from: 'local',
    to: 'frontier',
  }));

  it('moves the decisions the corrections are about toward what the user wants', () => {
    const { router: learned, learning } = foldIn(router, corrections);
    expect(learning.used).toBe(tasks.length);
    expect(learning.agreedAfter).toBeGreaterThan(learning.agreedBefore);
    expect(learning.recent[0]).toMatchObject({ taskId: 's5', to: 'frontier' });
    for (const c of corrections)
      expect(learned.decide(c).route === 'frontier').toBe(
        learning.recent.find((r) => r.taskId === c.taskId)!.now === 'frontier',
      );
  });

  it('the newest correction of a task wins; facts and early "still broken" teach nothing', () => {
    const { learning } = foldIn(router, [
      { at: 1, kind: 'reroute', taskId: 'x', text: 'rename the variable', from: 'local', to: 'planner' },
      { at: 2, kind: 'reroute', taskId: 'x', text: 'rename the variable', from: 'planner', to: 'local' },
      {
        at: 3,
        kind: 'reroute',
        taskId: 'y',
        text: 'the cache is stale',
        failedAttempts: 3,
        from: 'frontier',
        to: 'local',
      },
      {
        at: 4,
        kind: 'still-broken',
        taskId: 'z',
        text: 'the cache is stale',
        failedAttempts: 1,
        from: 'local',
        to: 'local',
      },
    ]);
    expect(learning.used).toBe(1);
    expect(learning.recent).toEqual([expect.objectContaining({ taskId: 'x', to: 'local' })]);
  });

  it('with nothing to learn, the router is the one it was', () => {
    expect(foldIn(router, []).router).toBe(router);
  });
});

describe('the engine keeps corrections and learns them at start', () => {
  it('records re-routes and hand-chosen routes, redacted, and folds them in after a restart', async () => {
    const h = createHarness();
    await h.start();
    const { orchestrator } = h.core;
    h.core.setPaused(true); // so the task is still queued when the user re-routes it
    const task = await h.drive(
      orchestrator.submit({ text: `Rotate the leaked token ${githubToken} and check who used it` }),
      'submit',
    );
    await h.drive(orchestrator.reroute(task.id, 'frontier'), 'reroute');
    await h.drive(
      orchestrator.submit({ text: 'Design the data model for the new invoicing service', route: 'planner' }),
      'override',
    );
    const file = (await h.workspace.readText(feedbackPath)) ?? '';
    const lines = file
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Correction);
    expect(lines.map((l) => [l.kind, l.from, l.to])).toEqual([
      ['reroute', 'local', 'frontier'],
      ['override', null, 'planner'],
    ]);
    expect(file).not.toContain(githubToken);
    expect(lines[0]!.text).toMatch(/\[REDACTED/);

    await h.workspace.writeTextAtomic(feedbackPath, `${file}{"torn": \n`);
    await h.crashAndRestart();
    const state = await h.drive(h.core.getState(), 'state');
    expect(state.routerLearning).toMatchObject({ corrections: 2, used: 2 });
    expect(state.routerLearning!.problems).toEqual([expect.objectContaining({ line: 3 })]);
  });
});

describe('route --workspace', () => {
  it('folds in the workspace corrections first and reports a bad line on stderr, by number', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fsos-feedback-'));
    mkdirSync(join(dir, '.frontier-sos'));
    writeFileSync(
      join(dir, feedbackPath),
      `${line({ taskId: 'a', text: 'Review our CSRF protection', to: 'frontier' })}\nnot json\n`,
    );
    const r = spawnSync(process.execPath, ['bin/frontier-sos.mjs', 'route', '--no-llm', '--workspace', dir], {
      input: `${JSON.stringify({ id: 'q', text: 'fix the typo' })}\n`,
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/line 2 is not JSON/);
    expect(r.stderr).toMatch(/folded in 1 correction .*\(1 read, 1 skipped\)/);
    expect(JSON.parse(r.stdout.trim())).toMatchObject({ id: 'q', route: 'local' });
  });
});

import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServe } from '../helpers/serve-process';

// A task with keys pasted into it, run end to end on a real workspace (local work and a planner
// swap): no raw secret in any file under shared/ or the snapshots, nor in any API answer; every
// file the app wrote is private (0600, folders 0700).
const githubToken = 'ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
const awsKey = 'AKIAZ7QXW3PLM5RT2VNB';

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? [join(dir, e.name), ...walk(join(dir, e.name))] : [join(dir, e.name)],
  );
}

describe('secrets stay out of hand-off files and API answers', () => {
  it('a task with a GitHub token and an AWS key, run locally and through the Planner', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'fsos-secrets-'));
    const serve = startServe(workspace, { timeScale: 0.02 });
    const child = serve.child;
    try {
      const answers: string[] = [];
      const api = async <T>(path: string, body?: unknown): Promise<T> => {
        const text = await (await serve.fetch(path, body)).text();
        answers.push(text);
        return (JSON.parse(text) as { data: T }).data;
      };
      const paste = `Our deploy fails. The CI env has GITHUB_TOKEN=${githubToken} and AWS_ACCESS_KEY_ID=${awsKey}.`;
      const local = await api<{ id: string }>('/api/tasks', {
        text: `${paste} Fix the deploy script.`,
        route: 'local',
      });
      const planner = await api<{ id: string }>('/api/tasks', {
        text: `${paste} Design the whole architecture of the new deploy system.`,
        route: 'planner',
      });
      for (let i = 0; i < 600; i++) {
        const state = await api<{
          approvals: Array<{ id: string; status: string }>;
          queue: Array<{ id: string; status: string }>;
        }>('/api/state');
        for (const a of state.approvals.filter((x) => x.status === 'pending'))
          await api(`/api/approvals/${a.id}`, { decision: 'approve' });
        const done = [local.id, planner.id].every((id) => state.queue.find((t) => t.id === id)?.status === 'done');
        if (done) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      for (const id of [local.id, planner.id]) {
        expect((await api<{ status: string }>(`/api/tasks/${id}`)).status).toBe('done');
        await api(`/api/tasks/${id}/result`);
      }
      for (const file of ['currentTask', 'tempContext', 'blueprint']) await api(`/api/files/${file}`);

      const handoff = [...walk(join(workspace, 'shared')), ...walk(join(workspace, '.frontier-sos/snapshots'))].filter(
        (f) => statSync(f).isFile(),
      );
      expect(handoff.length).toBeGreaterThan(4);
      for (const file of handoff) {
        const text = readFileSync(file, 'utf8');
        expect(text, file).not.toContain(githubToken);
        expect(text, file).not.toContain(awsKey);
      }
      expect(readFileSync(join(workspace, 'shared/current_task.json'), 'utf8')).toMatch(/\[REDACTED:[a-z-]+\]/);
      for (const answer of answers) {
        expect(answer).not.toContain(githubToken);
        expect(answer).not.toContain(awsKey);
      }
      if (process.platform !== 'win32') {
        for (const path of walk(workspace)) {
          const mode = statSync(path).mode & 0o777;
          expect(mode, path).toBe(statSync(path).isDirectory() ? 0o700 : 0o600);
        }
      }
    } finally {
      child.kill('SIGINT');
    }
  }, 120_000);

  it('keeps them as written when the workspace says so (keepSecretsInHandoffFiles)', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'fsos-secrets-raw-'));
    mkdirSync(join(workspace, '.frontier-sos'));
    writeFileSync(join(workspace, '.frontier-sos/settings.json'), JSON.stringify({ keepSecretsInHandoffFiles: true }));
    const serve = startServe(workspace, { timeScale: 0.02 });
    const child = serve.child;
    try {
      await serve.fetch('/api/tasks', {
        text: `Design the whole architecture; the token is ${githubToken}`,
        route: 'planner',
      });
      let raw = '';
      for (let i = 0; i < 200 && !raw.includes(githubToken); i++) {
        await new Promise((r) => setTimeout(r, 100));
        try {
          raw = readFileSync(join(workspace, 'shared/current_task.json'), 'utf8');
        } catch {
          /* not written yet */
        }
      }
      expect(raw).toContain(githubToken);
    } finally {
      child.kill('SIGINT');
    }
  }, 60_000);
});

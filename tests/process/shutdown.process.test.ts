import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServe } from '../helpers/serve-process';

// Ctrl-C for real: `frontier-sos serve --sim` with work queued gets SIGINT, and a restart on the
// same workspace finds every task, none failed. A start that fails exits non-zero at once and
// leaves no port behind.
type State = { queue: Array<{ id: string; status: string; error: string | null }> };

describe('shutdown that loses nothing', () => {
  it('Ctrl-C with 30 tasks queued: after a restart all 30 are there and none failed', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'fsos-shutdown-'));
    const first = startServe(workspace);
    await first.url;
    const ids: string[] = [];
    for (let i = 0; i < 30; i++)
      ids.push(
        (
          await first.api<{ id: string }>('/api/tasks', {
            text: `Write unit tests for helper ${i} in src/util${i}.ts`,
            route: 'local',
          })
        ).id,
      );
    // Work is under way when the user presses Ctrl-C.
    for (let i = 0; i < 100; i++) {
      const state = await first.api<State>('/api/state');
      if (state.queue.some((t) => t.status === 'running')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);

    const second = startServe(workspace);
    await second.url;
    try {
      const state = await second.api<State>('/api/state');
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
    await writeFile(
      join(workspace, '.frontier-sos/journal.jsonl'),
      `${JSON.stringify({ seq: 1, at: 1, type: 'task.created', data: { task: { id: 3 } } })}\n{"seq":2,"at":2,"type":"agent.lock","data":{"role":"coder","lock":"IDLE","taskId":null}}\n`,
    );
    const run = startServe(workspace);
    const started = Date.now();
    const code = await run.exited;
    expect(code).not.toBe(0);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(run.stderr()).toMatch(/damaged at line 1 .*doctor --repair-journal/);
  }, 60_000);
});

import { runningSwapStates } from '../../shared/swap';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../helpers/poll';

// SIGKILL for real: `frontier-sos serve` is killed (FRONTIER_SOS_CRASH_AT, honoured only by the
// test-only entry tests/helpers/crash-serve.ts) the moment each swap state is journalled, then
// started again, by the real CLI, on the same workspace and the same (simulated) Ollama, which
// runs as its own process and outlives the crash.
const states = runningSwapStates;

// Bundled like the CLI (scripts/build-cli.mjs), beside the build so its packages resolve; a name
// of its own per run, so parallel runs do not overwrite each other's.
const crashServe = join('out', 'test-entries', `crash-serve-${process.pid}.mjs`);

function start(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  entry = 'bin/frontier-sos.mjs',
): {
  child: ChildProcess;
  line: (re: RegExp) => Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
} {
  const child = spawn(process.execPath, [entry, ...args], {
    env: { PATH: process.env['PATH'], HOME: process.env['HOME'], ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const waiters: Array<() => void> = [];
  child.stdout!.on('data', (d) => {
    out += d;
    waiters.splice(0).forEach((w) => w());
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const line = (re: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const match = re.exec(out);
        if (match) resolve(match[1]!);
        else waiters.push(check);
      };
      void exited.then(() => reject(new Error(`exited before printing ${re}: ${out}`)));
      check();
    });
  return { child, line, exited };
}

let sim: ReturnType<typeof start>;
let simUrl: string;
beforeAll(async () => {
  await build({
    entryPoints: ['tests/helpers/crash-serve.ts'],
    outfile: crashServe,
    bundle: true,
    platform: 'node',
    target: 'node20.19',
    format: 'esm',
    packages: 'external',
    tsconfig: 'tsconfig.node.json',
    logLevel: 'warning',
  });
  sim = start(['sim', '--port', '0', '--time-scale', '0.01']);
  simUrl = await sim.line(/listening on (\S+)/);
});
afterAll(async () => {
  sim?.child.kill('SIGTERM');
  await rm(crashServe, { force: true });
  await rm(`${crashServe}.map`, { force: true });
});

type State = { swap: { state: string } | null; approvals: Array<{ id: string; status: string }> };

describe('SIGKILL during a swap, then a restart on the same workspace and Ollama', () => {
  it.each(states)(
    'killed while %s: the task ends done, the Coder is loaded, the Planner is not',
    async (crashAt) => {
      const workspace = await mkdtemp(join(tmpdir(), `fsos-crash-${crashAt}-`));
      const run = async (env: NodeJS.ProcessEnv, entry?: string) => {
        const serve = start(['serve', '--ollama', simUrl, '--workspace', workspace], env, entry);
        const url = await serve.line(/dashboard: (\S+)/);
        const base = url.replace(/\/\?token=.*/, '');
        const token = url.replace(/.*token=/, '');
        const api = (path: string, body?: unknown) =>
          fetch(`${base}${path}`, {
            method: body ? 'POST' : 'GET',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            ...(body ? { body: JSON.stringify(body) } : {}),
          }).then((r) => r.json() as Promise<{ ok: boolean; data: never }>);
        return { serve, api };
      };
      const first = await run({ FRONTIER_SOS_CRASH_AT: crashAt }, crashServe);
      const created = (
        await first.api('/api/tasks', { text: 'Design the whole architecture of a brand-new inventory system' })
      ).data as { id: string; route: string };
      expect(created.route).toBe('planner');
      // The user approves as soon as asked; the process dies at the chosen state.
      const approver = setInterval(async () => {
        const state = (await first.api('/api/state').catch(() => null))?.data as State | undefined;
        for (const a of state?.approvals ?? [])
          if (a.status === 'pending')
            await first.api(`/api/approvals/${a.id}`, { decision: 'approve' }).catch(() => undefined);
      }, 20);
      const died = await first.serve.exited;
      clearInterval(approver);
      expect(died.signal).toBe('SIGKILL');

      // The product's own CLI, which honours no crash hook (the variable is set anyway, to show it).
      const second = await run({ FRONTIER_SOS_CRASH_AT: crashAt });
      const task = await until(
        async () => {
          const state = (await second.api('/api/state')).data as State;
          for (const a of state.approvals)
            if (a.status === 'pending') await second.api(`/api/approvals/${a.id}`, { decision: 'approve' });
          const t = (await second.api(`/api/tasks/${created.id}`)).data as { status: string };
          return { status: t.status, swap: state.swap };
        },
        (v) => v.status === 'done' && v.swap === null,
        `the task done after restarting from ${crashAt}`,
        30_000,
        { intervalMs: 25, tolerateErrors: true },
      );
      expect(task.status).toBe('done');
      const ps = await until(
        () => fetch(`${simUrl}/api/ps`).then((r) => r.json() as Promise<{ models: Array<{ name: string }> }>),
        (v) =>
          v.models.some((m) => m.name === 'qwen2.5-coder:32b') && !v.models.some((m) => m.name === 'jamba-mini:52b'),
        'the Coder back and the Planner gone',
        30_000,
        { intervalMs: 25, tolerateErrors: true },
      );
      expect(ps.models.map((m) => m.name)).toContain('qwen2.5-coder:32b');
      expect(existsSync(join(workspace, 'shared/blueprint.md'))).toBe(true);
      expect(await readFile(join(workspace, '.frontier-sos/journal.jsonl'), 'utf8')).toContain('"state":"done"');
      second.serve.child.kill('SIGTERM');
      await second.serve.exited;
    },
    60_000,
  );
});

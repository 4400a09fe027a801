import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Served {
  dashboardUrl: string;
  workspace: string;
  stop(): Promise<void>;
}

/** Starts `frontier-sos serve` from the build, as a user would, and waits for its URL line. */
export async function serve(extraArgs: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<Served> {
  const workspace = await mkdtemp(join(tmpdir(), 'fsos-e2e-ws-'));
  const child: ChildProcess = spawn(process.execPath, ['bin/frontier-sos.mjs', 'serve', '--workspace', workspace, ...extraArgs], {
    env: { PATH: process.env['PATH'], HOME: process.env['HOME'], ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  const dashboardUrl = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout?.on('data', (d) => {
      stdout += d;
      const match = /dashboard: (\S+)/.exec(stdout);
      if (match?.[1]) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code} before printing its URL: ${stderr}`)));
  });
  return {
    dashboardUrl,
    workspace,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

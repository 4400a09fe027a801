import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Served {
  dashboardUrl: string;
  /** http://127.0.0.1:N, without the token. */
  origin: string;
  token: string;
  workspace: string;
  /** Calls the HTTP API with the token, as a script would. */
  api<T = unknown>(path: string, init?: RequestInit): Promise<T>;
  stop(): Promise<void>;
}

export interface ServeOptions {
  /** Use a workspace prepared beforehand (e.g. a journal with 10,000 tasks). */
  workspace?: string;
  env?: NodeJS.ProcessEnv;
}

/** Starts `frontier-sos serve` from the build, as a user would, and waits for its URL line. */
export async function serve(
  extraArgs: string[] = [],
  env: NodeJS.ProcessEnv = {},
  options: ServeOptions = {},
): Promise<Served> {
  const workspace = options.workspace ?? (await mkdtemp(join(tmpdir(), 'fsos-e2e-ws-')));
  const child: ChildProcess = spawn(
    process.execPath,
    ['bin/frontier-sos.mjs', 'serve', '--workspace', workspace, ...extraArgs],
    {
      env: { PATH: process.env['PATH'], HOME: process.env['HOME'], ...env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
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
  const url = new URL(dashboardUrl);
  const token = url.searchParams.get('token') ?? '';
  return {
    dashboardUrl,
    origin: url.origin,
    token,
    workspace,
    async api<T>(path: string, init: RequestInit = {}): Promise<T> {
      let res: Response;
      try {
        res = await fetch(`${url.origin}${path}`, {
          signal: AbortSignal.timeout(30_000),
          ...init,
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            ...(init.headers as Record<string, string> | undefined),
          },
        });
      } catch (error) {
        // Say why the host is gone, if it is: its own last words are the useful part.
        throw new Error(
          `${path}: ${(error as Error).message}; serve ${child.exitCode === null ? 'is still running' : `exited with ${child.exitCode}`}; its stderr: ${stderr.slice(-2000) || '(empty)'}`,
          { cause: error },
        );
      }
      const body = (await res.json()) as { ok: boolean; data: T; error?: { message: string } };
      if (!body.ok) throw new Error(`${path}: ${body.error?.message}`);
      return body.data;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        // A host with work in flight may take its time to end; the test run must not wait on it.
        const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** The headless host on the built-in simulator at 1/50 of real time: a swap takes seconds. */
export function serveSim(options: ServeOptions & { timeScale?: number } = {}): Promise<Served> {
  return serve(['--sim', '--time-scale', String(options.timeScale ?? 0.02)], {}, options);
}

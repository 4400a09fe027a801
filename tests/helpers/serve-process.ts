import { spawn, type ChildProcess } from 'node:child_process';

/**
 * `frontier-sos serve` as a real process, for tests that need signals, RSS or real files: waits
 * for its dashboard URL and calls its API with the token. `--sim` at the given time scale.
 */
export interface ServeProcess {
  child: ChildProcess;
  /** The printed dashboard URL (rejects if serve exits first). */
  url: Promise<string>;
  exited: Promise<number | null>;
  stderr(): string;
  /** GET (no body) or POST (a body) under /api with the token; the raw response. */
  fetch(path: string, body?: unknown): Promise<Response>;
  /** The same, returning the envelope's data. */
  api<T>(path: string, body?: unknown): Promise<T>;
}

export function startServe(workspace: string, options: { timeScale?: number; args?: string[] } = {}): ServeProcess {
  const child = spawn(
    process.execPath,
    [
      'bin/frontier-sos.mjs',
      'serve',
      '--sim',
      '--time-scale',
      String(options.timeScale ?? 0.05),
      '--workspace',
      workspace,
      ...(options.args ?? []),
    ],
    {
      env: { PATH: process.env['PATH'], HOME: process.env['HOME'] },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
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
  url.catch(() => undefined);
  const call = async (path: string, body?: unknown): Promise<Response> => {
    const dashboard = await url;
    const base = dashboard.replace(/\/\?token=.*/, '');
    const token = dashboard.replace(/.*token=/, '');
    return fetch(`${base}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  };
  return {
    child,
    url,
    exited,
    stderr: () => err,
    fetch: call,
    api: async <T>(path: string, body?: unknown) => ((await (await call(path, body)).json()) as { data: T }).data,
  };
}

import { spawn, type ChildProcess } from 'node:child_process';

export interface SimProcess {
  url: string;
  /** Ends the simulator at once, as an Ollama that crashed or was quit. */
  kill(): Promise<void>;
}

/** Starts `frontier-sos sim` on its own, for a host to reach as if it were Ollama. */
export async function startSim(timeScale = 0.02): Promise<SimProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['bin/frontier-sos.mjs', 'sim', '--time-scale', String(timeScale)],
    {
      env: { PATH: process.env['PATH'], HOME: process.env['HOME'] },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout?.on('data', (d) => {
      stdout += d;
      const match = /listening on (\S+)/.exec(stdout);
      if (match?.[1]) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`sim exited with ${code} before listening: ${stderr}`)));
  });
  return {
    url,
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

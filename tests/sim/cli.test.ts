import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

// `frontier-sos sim` as a process, exactly as a user runs it (npm test builds the CLI first).

const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function startSim(args: string[]) {
  const child = spawn(process.execPath, ['bin/frontier-sos.mjs', 'sim', ...args], {
    env: { PATH: process.env['PATH'], HOME: process.env['HOME'] },
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      stdout += d;
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0]!);
    });
    child.on('exit', (code) => reject(new Error(`sim exited with ${code} before printing a line: ${stderr}`)));
  });
  return { child, firstLine, exited, stderr: () => stderr };
}

describe('frontier-sos sim', () => {
  it('prints the listening line, serves the Ollama API, and stops on Ctrl-C', async () => {
    const sim = startSim(['--port', '0', '--time-scale', '0.001', '--seed', '3']);
    const line = await sim.firstLine;
    expect(line).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
    const url = line.slice('listening on '.length);
    expect(await (await fetch(`${url}/api/version`)).json()).toMatchObject({
      version: expect.stringMatching(/^\d+\.\d+\.\d+$/),
    });
    expect(await (await fetch(url)).text()).toBe('Ollama is running');
    const reply = (await (
      await fetch(`${url}/api/generate`, {
        method: 'POST',
        body: JSON.stringify({ model: 'qwen2.5:7b', prompt: 'hi', stream: false }),
      })
    ).json()) as { done: boolean; load_duration: number };
    expect(reply.done).toBe(true);
    // 4.68 GB at 0.8 GB/s is 5.85 s simulated; at time-scale 0.001, 5.85 ms.
    expect(reply.load_duration / 1e6).toBeGreaterThan(5);
    expect(reply.load_duration / 1e6).toBeLessThan(1000);
    sim.child.kill('SIGINT');
    expect(await sim.exited).toBe(0);
  });

  it('takes a script file and a hidden --fault for tests', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-cli-'));
    const script = join(dir, 'script.jsonl');
    writeFileSync(script, '{"model": "qwen2.5:7b", "response": "scripted"}\n');
    const sim = startSim([
      '--port',
      '0',
      '--time-scale',
      '0.001',
      '--script',
      script,
      '--fault',
      '{"kind": "http-error", "model": "qwen2.5:14b", "status": 500, "message": "injected"}',
    ]);
    const url = (await sim.firstLine).slice('listening on '.length);
    const post = (model: string) =>
      fetch(`${url}/api/generate`, { method: 'POST', body: JSON.stringify({ model, prompt: 'x', stream: false }) });
    expect(((await (await post('qwen2.5:7b')).json()) as { response: string }).response).toBe('scripted');
    const failed = await post('qwen2.5:14b');
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ error: 'injected' });
    sim.child.kill('SIGTERM');
    expect(await sim.exited).toBe(0);
  });

  it.each([
    [['--profile', 'm9-1024'], /Unknown machine profile "m9-1024"\. Profiles: m4pro-64/],
    [['--time-scale', '0'], /--time-scale must be a number above 0/],
    [['--seed', '1.5'], /--seed must be a whole number/],
    [['--script', 'no/such/file.jsonl'], /script file no\/such\/file\.jsonl does not exist/],
  ])('rejects %j with exit 2 and a clear message', async (args, message) => {
    const sim = startSim(['--port', '0', ...args]);
    expect(await sim.exited).toBe(2);
    expect(sim.stderr()).toMatch(message);
    await sim.firstLine.catch(() => undefined);
  });
});

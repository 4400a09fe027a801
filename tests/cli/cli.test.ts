import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Runs the built CLI exactly as a user does: `node bin/frontier-sos.mjs …` (npm test builds first).
function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/frontier-sos.mjs', ...args], {
      env: { PATH: process.env['PATH'], HOME: process.env['HOME'], ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

let fakeOllama: Server;
let fakeOllamaUrl: string;

beforeAll(async () => {
  fakeOllama = createServer((req, res) => {
    if (req.url === '/api/version') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ version: '0.12.6' }));
    } else if (req.url === '/api/tags') {
      // Two of the default team pulled; the Reviewer and the planner not.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ models: [{ name: 'qwen2.5:7b' }, { name: 'qwen2.5-coder:32b' }] }));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => fakeOllama.listen(0, '127.0.0.1', r));
  fakeOllamaUrl = `127.0.0.1:${(fakeOllama.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => fakeOllama.close(() => r())));

describe('frontier-sos CLI', () => {
  it('prints its commands with --help', async () => {
    const { code, stdout } = await cli(['--help']);
    expect(code).toBe(0);
    for (const name of ['route', 'sim', 'serve', 'bench', 'memory', 'doctor']) expect(stdout).toContain(name);
  });

  it('rejects an unknown command with a clear error and exit 2', async () => {
    const { code, stderr, stdout } = await cli(['frobnicate']);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown command "frobnicate"');
    expect(stdout).toBe('');
  });

  it('rejects an unknown flag and names the help to read', async () => {
    const { code, stderr } = await cli(['doctor', '--colour']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/Unknown option '--colour'.*frontier-sos doctor --help/);
  });

  it('rejects a bad port', async () => {
    const { code, stderr } = await cli(['serve', '--port', 'seventy']);
    expect(code).toBe(2);
    expect(stderr).toContain('--port must be a whole number');
  });

  it('has --help on every command', async () => {
    for (const name of ['route', 'sim', 'serve', 'bench', 'memory', 'doctor']) {
      const { code, stdout } = await cli([name, '--help']);
      expect(code, name).toBe(0);
      expect(stdout, name).toContain(`frontier-sos ${name}`);
    }
  });

  it('doctor reports six findings and sees an Ollama that answers', async () => {
    const { code, stdout } = await cli(['doctor', '--json'], { OLLAMA_HOST: fakeOllamaUrl });
    expect(code).toBe(0);
    const { findings } = JSON.parse(stdout) as { findings: Array<{ name: string; ok: boolean; detail: string }> };
    expect(findings.map((f) => f.name)).toEqual(['node', 'ollama', 'electron', 'chromium', 'memory', 'models']);
    expect(findings[5]).toMatchObject({
      ok: false,
      detail: expect.stringMatching(
        /^Not pulled: qwen2\.5:14b, jamba-mini:52b\. Run `ollama pull qwen2\.5:14b`, `ollama pull jamba-mini:52b`/,
      ),
    });
    expect(findings[0]).toMatchObject({ ok: true, detail: `Node ${process.versions.node}` });
    expect(findings[1]).toMatchObject({ ok: true, detail: `Ollama 0.12.6 answers at http://${fakeOllamaUrl}` });
  });

  it('doctor shows real memory readings, the budget, the pressure and the profile', async () => {
    const { stdout } = await cli(['doctor', '--json'], { OLLAMA_HOST: fakeOllamaUrl });
    const memory = (JSON.parse(stdout) as { findings: Array<{ name: string; ok: boolean; detail: string }> })
      .findings[4]!;
    expect(memory.name).toBe('memory');
    expect(memory.detail).toMatch(
      /^\d+\.\d GB total, \d+\.\d GB free, budget \d+\.\d GB \(.+\), pressure (normal|warn|critical) \(.+\), swap .+, models .+, other apps \d+\.\d GB; profile \S+: /,
    );
    // The fake Ollama has no /api/ps: the reading goes on and says why the models are unknown.
    expect(memory.detail).toContain('models unknown (the model host did not answer (GET /api/ps answered HTTP 404))');
    if (process.platform === 'linux') {
      const total = Number(/^(\d+\.\d) GB total/.exec(memory.detail)![1]);
      expect(total).toBeCloseTo(Math.round((await import('node:os')).totalmem() / 1e8) / 10, 0);
      expect(memory.detail).toContain('PSI some avg10');
    }
  });

  it('doctor says how to fix an Ollama that does not answer', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const { code, stdout } = await cli(['doctor'], { OLLAMA_HOST: `127.0.0.1:${port}` });
    expect(code).toBe(0);
    expect(stdout).toMatch(
      new RegExp(`miss\\s+ollama\\s+Ollama is not answering at http://127.0.0.1:${port}.*ollama serve`),
    );
    expect(stdout.trim().split('\n')).toHaveLength(6);
    expect(stdout).toMatch(
      /miss\s+models\s+Not checked \(Ollama is not answering\)\. The roles want: qwen2\.5:7b, qwen2\.5-coder:32b, qwen2\.5:14b, jamba-mini:52b\./,
    );
    expect(stdout).toMatch(/\n(ok {2}|miss)\s+memory\s+.*GB total.*models unknown \(Ollama not answering\)/);
  });
});

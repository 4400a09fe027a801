import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { routeCommand } from '../../src/cli/commands/route';
import type { CliIO } from '../../src/cli/io';

// `frontier-sos route` as docs/interfaces.md specifies it: through the build (npm test builds first),
// and in-process through the command with a scripted stdin.

function route(args: string[], input: string) {
  const r = spawnSync(process.execPath, ['bin/frontier-sos.mjs', 'route', ...args], {
    input,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] },
  });
  return {
    code: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    get lines() {
      return r.stdout
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    },
  };
}

async function runInProcess(args: string[], chunks: Array<string | Buffer>) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    out: (line) => void out.push(line),
    err: (line) => void err.push(line),
    env: {},
    cwd: process.cwd(),
    untilStopped: () => new Promise(() => undefined),
    stdin: Readable.from(chunks, { objectMode: false }),
  };
  const code = await routeCommand.run(args, io);
  return {
    code,
    lines: out
      .join('\n')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>),
    err,
  };
}

const tasks = [
  { id: 't1', text: 'Write unit tests for parseDuration.' },
  { id: 't2', text: 'The tray shows stale counts.', failedAttempts: 3 },
  { id: 't3', text: 'Greenfield: design the overall architecture of a brand-new chat platform from scratch.' },
  { id: 't4', text: 'Tailwind 4로 올렸더니 설정 파일이 안 먹어. 마이그레이션 방법 알려줘.' },
  {
    id: 't5',
    text: 'Formulate the placement as an integer program and design an approximation algorithm with a provable bound.',
  },
];
const jsonl = (xs: unknown[]) => `${xs.map((x) => JSON.stringify(x)).join('\n')}\n`;

describe('frontier-sos route (built CLI)', () => {
  it('answers one line per task, in order, with exactly id, route, rule and reason', () => {
    const { code, lines, stderr } = route(['--no-llm'], jsonl(tasks));
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(lines.map((l) => l['id'])).toEqual(['t1', 't2', 't3', 't4', 't5']);
    for (const l of lines) expect(Object.keys(l)).toEqual(['id', 'route', 'rule', 'reason']);
    expect(lines.map((l) => [l['route'], l['rule']])).toEqual([
      ['local', 'routine'],
      ['frontier', 'failed-3-times'],
      ['planner', 'new-architecture'],
      ['frontier', 'post-cutoff-library'],
      ['planner', 'math-optimisation'],
    ]);
  });

  it('answers bulk input (worker threads) in input order, a bad line in its place', () => {
    const texts = [
      'Fix the flaky snapshot test in queue.test.ts and explain why it flaked.',
      '새로운 사업으로 배달 플랫폼을 처음부터 만들어. 전체 구조 잡아줘.',
      'Upgrading to Next.js 16: middleware.ts is renamed. Migrate ours.',
    ];
    const lines = Array.from({ length: 4000 }, (_, i) =>
      i === 2500
        ? '{"id": "broken", '
        : JSON.stringify({ id: `n${i}`, text: `${texts[i % 3]} (${'x'.repeat(i % 50)})` }),
    );
    expect(lines.join('\n').length).toBeGreaterThan(256 * 1024);
    const r = spawnSync(process.execPath, ['bin/frontier-sos.mjs', 'route', '--no-llm'], {
      input: `${lines.join('\n')}\n`,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(r.status).toBe(2);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string | null; route?: string; error?: unknown });
    expect(out).toHaveLength(4000);
    out.forEach((o, i) => expect(o.id, `line ${i}`).toBe(i === 2500 ? null : `n${i}`));
    expect(out[2500]!.error).toBeDefined();
    expect(out.slice(0, 2500).every((o) => o.route !== undefined)).toBe(true);
  });

  it('explains in the language of the task', () => {
    const { lines } = route(['--no-llm'], jsonl(tasks));
    expect(lines[2]!['reason']).toMatch(
      /^Reads as the design of a whole new system: Planner designs it\. \(.*classifier \d+% sure\)$/,
    );
    expect(lines[3]!['reason']).toMatch(/[가-힣]/);
    expect(lines[3]!['reason']).toContain('Tailwind CSS 4');
  });

  it('reports malformed lines in place, carries on, and exits 2 at the end', () => {
    const input = [
      JSON.stringify({ id: 'ok1', text: 'fix the typo in README' }),
      '{"id": "broken", "text": ',
      JSON.stringify({ id: 'neg', text: 'x', failedAttempts: -1 }),
      JSON.stringify({ id: 'frac', text: 'x', failedAttempts: 2.5 }),
      JSON.stringify({ text: 'no id' }),
      JSON.stringify({ id: 7, text: 'numeric id' }),
      '[1, 2, 3]',
      JSON.stringify({ id: 'ok2', text: 'add a health check endpoint' }),
    ].join('\n');
    const { code, lines, stderr } = route(['--no-llm'], `${input}\n`);
    expect(code).toBe(2);
    expect(lines).toHaveLength(8);
    expect(lines[0]).toMatchObject({ id: 'ok1', route: 'local' });
    expect(lines[1]).toMatchObject({ id: null, error: { code: 'invalid_json' } });
    expect(lines[2]).toMatchObject({
      id: 'neg',
      error: { code: 'invalid_task', message: expect.stringContaining('failedAttempts') },
    });
    expect(lines[3]).toMatchObject({ id: 'frac', error: { code: 'invalid_task' } });
    expect(lines[4]).toMatchObject({
      id: null,
      error: { code: 'invalid_task', message: expect.stringContaining('id') },
    });
    expect(lines[5]).toMatchObject({ id: 7, error: { code: 'invalid_task' } });
    expect(lines[6]).toMatchObject({ id: null, error: { code: 'invalid_task' } });
    expect(lines[7]).toMatchObject({ id: 'ok2', route: 'local' });
    for (const l of lines.filter((x) => x['error'])) expect(Object.keys(l)).toEqual(['id', 'error']);
    expect(stderr).toContain('6 malformed lines');
  });

  it('skips blank lines, reads CRLF, a BOM and a last line without a newline', () => {
    const input = `\uFEFF${JSON.stringify({ id: 'a', text: 'x' })}\r\n\r\n   \n${JSON.stringify({ id: 'b', text: 'y' })}`;
    const { code, lines } = route(['--no-llm'], input);
    expect(code).toBe(0);
    expect(lines.map((l) => l['id'])).toEqual(['a', 'b']);
  });

  it('ignores fields it does not know, so a labelled set pipes straight in', () => {
    const { code, lines } = route(
      ['--no-llm'],
      jsonl([{ id: 'x', text: 'Explain this regex', expected: 'planner', note: 'label' }]),
    );
    expect(code).toBe(0);
    expect(lines[0]).toMatchObject({ id: 'x', route: 'local' });
  });

  it('without --no-llm and no Ollama, says so once on stderr and every reason says the rules decided', () => {
    const { code, lines, stderr } = route(['--ollama', '127.0.0.1:9'], jsonl(tasks));
    expect(code).toBe(0);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/Router model at http:\/\/127\.0\.0\.1:9 is not available \(Ollama is not running/);
    expect(lines.map((l) => l['rule'])).not.toContain('router-model');
    expect(lines[0]!['reason']).toContain('rules only: the Router model did not answer');
    expect(lines[3]!['reason']).toContain('규칙만 사용');
  });

  it('rejects a bad --ollama value and unknown flags before reading anything', () => {
    expect(route(['--ollama', 'http://[nope'], '')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--ollama "http://[nope" is not a host or URL'),
    });
    expect(route(['--fast'], '')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("Unknown option '--fast'"),
    });
  });

  it('has --help describing the contract', () => {
    const { code, stdout } = route(['--help'], '');
    expect(code).toBe(0);
    expect(stdout).toContain('frontier-sos route [--no-llm] [--ollama URL]');
    expect(stdout).toContain('Blank lines are skipped');
  });

  it('answers each line while stdin is still open (streams, does not wait for EOF)', async () => {
    const child = spawn(process.execPath, ['bin/frontier-sos.mjs', 'route', '--no-llm'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const received: string[] = [];
    let buffer = '';
    const nextLine = () =>
      new Promise<string>((resolve) => {
        const check = () => {
          const nl = buffer.indexOf('\n');
          if (nl === -1) return false;
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          child.stdout.off('data', onData);
          resolve(line);
          return true;
        };
        const onData = (d: Buffer) => {
          buffer += d.toString('utf8');
          check();
        };
        if (!check()) child.stdout.on('data', onData);
      });
    child.stdin.write(`${JSON.stringify({ id: 'first', text: 'fix the typo' })}\n`);
    received.push(await nextLine());
    child.stdin.write(`${JSON.stringify({ id: 'second', text: 'x', failedAttempts: 4 })}\n`);
    received.push(await nextLine());
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.stdin.end();
    expect(await closed).toBe(0);
    expect(received.map((l) => JSON.parse(l).id)).toEqual(['first', 'second']);
    expect(JSON.parse(received[1]!).route).toBe('frontier');
  });
});

describe('route command (in process)', () => {
  it('joins lines split across chunks, even inside a Hangul character', async () => {
    const line = Buffer.from(
      `${JSON.stringify({ id: 'k', text: '새로운 물류 관리 시스템을 처음부터 만들려고 해. 전체 아키텍처 설계해줘.' })}\n`,
      'utf8',
    );
    const cut = line.indexOf(Buffer.from('물', 'utf8')) + 1;
    const { code, lines } = await runInProcess(['--no-llm'], [line.subarray(0, cut), line.subarray(cut)]);
    expect(code).toBe(0);
    expect(lines).toEqual([expect.objectContaining({ id: 'k', route: 'planner', rule: 'new-architecture' })]);
  });

  it('reports a line that is too long and goes on with the next', async () => {
    const { maxLineChars } = await import('../../src/cli/commands/route');
    const huge = `{"id":"big","text":"${'a'.repeat(maxLineChars)}"}`;
    const chunks = [
      huge.slice(0, 2 ** 20),
      huge.slice(2 ** 20, maxLineChars + 100),
      `${huge.slice(maxLineChars + 100)}\n`,
      `${JSON.stringify({ id: 'after', text: 'x' })}\n`,
    ];
    const { code, lines } = await runInProcess(['--no-llm'], chunks);
    expect(code).toBe(2);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ id: null, error: { code: 'line_too_long' } });
    expect(lines[1]).toMatchObject({ id: 'after', route: 'local' });
  });

  it('needs a stdin', async () => {
    const io: CliIO = {
      out: () => undefined,
      err: () => undefined,
      env: {},
      cwd: '.',
      untilStopped: async () => undefined,
    };
    await expect(routeCommand.run(['--no-llm'], io)).rejects.toThrow(/no standard input/);
  });
});

describe('the labelled router set (bench/router/tasks.jsonl)', () => {
  const set = readFileSync('bench/router/tasks.jsonl', 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map(
      (l) => JSON.parse(l) as { id: string; text: string; failedAttempts?: number; expected: string; note?: string },
    );

  it('has at least 150 well-formed tasks with unique ids', () => {
    expect(set.length).toBeGreaterThanOrEqual(150);
    expect(new Set(set.map((t) => t.id)).size).toBe(set.length);
    for (const t of set) {
      expect(['local', 'planner', 'frontier']).toContain(t.expected);
      expect(typeof t.text).toBe('string');
      if (t.failedAttempts !== undefined)
        expect(Number.isInteger(t.failedAttempts) && t.failedAttempts >= 0).toBe(true);
    }
  });

  it('is at least a third Korean and about 70% local', () => {
    const korean = set.filter((t) => /[가-힣]/.test(t.text)).length;
    const local = set.filter((t) => t.expected === 'local').length;
    expect(korean / set.length).toBeGreaterThanOrEqual(1 / 3);
    expect(local / set.length).toBeGreaterThan(0.6);
    expect(local / set.length).toBeLessThan(0.8);
  });

  it('the eval script reports the frozen test split through the built CLI, with the figures the issue asks for', () => {
    const r = spawnSync(process.execPath, ['scripts/eval-router.mjs', '--json'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    type Metrics = {
      tasks: number;
      accuracy: number;
      escalationRecall: number;
      confusion: Record<string, Record<string, number>>;
      byLanguage: Record<string, unknown>;
      reliability: unknown[];
    };
    const report = JSON.parse(r.stdout) as { test: Metrics; training: Metrics; calibration: { sureAbove: number } };
    const testSet = readFileSync('bench/router/test-split.jsonl', 'utf8')
      .split('\n')
      .filter((l) => l.trim());
    expect(report.test.tasks).toBe(testSet.length);
    const total = Object.values(report.test.confusion).reduce(
      (s, row) => s + Object.values(row).reduce((a, b) => a + b, 0),
      0,
    );
    expect(total).toBe(testSet.length);
    expect(Object.keys(report.test.byLanguage).sort()).toEqual(['en', 'ko', 'mixed']);
    expect(report.test.reliability.length).toBeGreaterThan(3);
    expect(report.test.accuracy).toBeGreaterThanOrEqual(0.92);
    expect(report.training.tasks).toBeGreaterThan(800);
  });

  it("the README's router figures are what a fresh eval run gives", () => {
    const r = spawnSync(process.execPath, ['scripts/eval-router.mjs', '--readme', '--check'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  });
});

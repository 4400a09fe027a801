// Throughput of `frontier-sos route --no-llm`, process start included: generates N tasks (50,000 by
// default) from the labelled set's texts, pipes them through `node bin/frontier-sos.mjs route
// --no-llm`, and prints tasks per second for each run. A figure to read, not a test to pass.
//
//   npm run bench:router                          # 50,000 tasks, 3 runs
//   npm run bench:router -- --tasks 200000 --runs 5
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { tasks: { type: 'string', default: '50000' }, runs: { type: 'string', default: '3' } } });
const count = Number(values.tasks);
const runs = Number(values.runs);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(runs) || runs < 1) {
  console.error('bench-router: --tasks and --runs must be whole numbers of at least 1.');
  process.exit(2);
}
const root = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(new URL('../out/cli/index.mjs', import.meta.url))) {
  console.error('bench-router: the CLI is not built: run `npm run build:cli` (npm run bench:router does it for you).');
  process.exit(2);
}

// Realistic texts (code, logs, Korean, traps) from the labelled set, each with a unique id.
const templates = readFileSync(new URL('../bench/router/tasks.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l));
const lines = [];
for (let i = 0; i < count; i++) {
  const t = templates[i % templates.length];
  lines.push(JSON.stringify(t.failedAttempts === undefined ? { id: `b${i}`, text: t.text } : { id: `b${i}`, text: t.text, failedAttempts: t.failedAttempts }));
}
const input = Buffer.from(`${lines.join('\n')}\n`, 'utf8');

function once() {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['bin/frontier-sos.mjs', 'route', '--no-llm'], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
    let answered = 0;
    const routes = { local: 0, planner: 0, frontier: 0 };
    let rest = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      const text = rest + chunk;
      const parts = text.split('\n');
      rest = parts.pop();
      for (const p of parts) {
        answered++;
        const m = /"route":"(\w+)"/.exec(p);
        if (m) routes[m[1]]++;
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0 || answered !== count) return reject(new Error(`route exited ${code} after ${answered} of ${count} answers`));
      resolve({ seconds, routes });
    });
    child.stdin.end(input);
  });
}

console.log(`route --no-llm: ${count.toLocaleString('en')} tasks (${(input.length / 1e6).toFixed(1)} MB of JSON Lines), ${runs} run(s), Node ${process.versions.node}`);
const rates = [];
let last;
for (let r = 1; r <= runs; r++) {
  last = await once();
  const rate = count / last.seconds;
  rates.push(rate);
  console.log(`  run ${r}: ${last.seconds.toFixed(2)} s  →  ${Math.round(rate).toLocaleString('en')} tasks/s (process start included)`);
}
rates.sort((a, b) => a - b);
const median = rates[Math.floor(rates.length / 2)];
console.log(`median: ${Math.round(median).toLocaleString('en')} tasks/s (target ≥ 5,000); routes: ${Object.entries(last.routes).map(([k, v]) => `${k} ${v}`).join(', ')}`);

// Throughput of `frontier-sos route --no-llm`: generates N tasks (50,000 by default) from the
// labelled sets' texts, pipes them through `node bin/frontier-sos.mjs route --no-llm`, and prints
// tasks per second for each run, after start-up (from the first answer to the last: the process,
// the classifier's weights and any worker threads are up by then) and with start-up included.
// A figure to read, not a test to pass.
//
//   npm run bench:router                          # 50,000 tasks, 3 runs
//   npm run bench:router -- --tasks 200000 --runs 5
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { tasks: { type: 'string', default: '50000' }, runs: { type: 'string', default: '3' } },
});
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
const sets = JSON.parse(readFileSync(new URL('../bench/router/sets.json', import.meta.url), 'utf8'));
const templates = sets.training
  .flatMap(({ file }) => readFileSync(new URL(`../bench/router/${file}`, import.meta.url), 'utf8').split('\n'))
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l));
const lines = [];
for (let i = 0; i < count; i++) {
  const t = templates[i % templates.length];
  lines.push(
    JSON.stringify(
      t.failedAttempts === undefined
        ? { id: `b${i}`, text: t.text }
        : { id: `b${i}`, text: t.text, failedAttempts: t.failedAttempts },
    ),
  );
}
const input = Buffer.from(`${lines.join('\n')}\n`, 'utf8');

function once() {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    let firstAt = null;
    let outOfOrder = 0;
    let firstCount = 0;
    const child = spawn(process.execPath, ['bin/frontier-sos.mjs', 'route', '--no-llm'], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let answered = 0;
    const routes = { local: 0, planner: 0, frontier: 0 };
    let rest = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      const text = rest + chunk;
      const parts = text.split('\n');
      rest = parts.pop();
      if (firstAt === null && parts.length) {
        firstAt = process.hrtime.bigint();
        firstCount = parts.length;
      }
      for (const p of parts) {
        // Answers must come back in input order, whichever thread computed them.
        if (!p.startsWith(`{"id":"b${answered}"`)) outOfOrder++;
        answered++;
        const m = /"route":"(\w+)"/.exec(p);
        if (m) routes[m[1]]++;
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const ended = process.hrtime.bigint();
      const seconds = Number(ended - started) / 1e9;
      if (code !== 0 || answered !== count)
        return reject(new Error(`route exited ${code} after ${answered} of ${count} answers`));
      if (outOfOrder) return reject(new Error(`route answered ${outOfOrder} lines out of input order`));
      resolve({ seconds, steady: (count - firstCount) / (Number(ended - firstAt) / 1e9), routes });
    });
    child.stdin.end(input);
  });
}

console.log(
  `route --no-llm: ${count.toLocaleString('en')} tasks (${(input.length / 1e6).toFixed(1)} MB of JSON Lines), ${runs} run(s), Node ${process.versions.node}`,
);
const rates = [];
const steady = [];
let last;
for (let r = 1; r <= runs; r++) {
  last = await once();
  rates.push(count / last.seconds);
  steady.push(last.steady);
  console.log(
    `  run ${r}: ${last.seconds.toFixed(2)} s; ${Math.round(last.steady).toLocaleString('en')} tasks/s after start-up, ${Math.round(count / last.seconds).toLocaleString('en')} tasks/s with it`,
  );
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  `median: ${Math.round(median(steady)).toLocaleString('en')} tasks/s after start-up (target ≥ 20,000), ${Math.round(median(rates)).toLocaleString('en')} with it; routes: ${Object.entries(
    last.routes,
  )
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}`,
);

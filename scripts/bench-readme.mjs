// npm run bench:readme [-- --check]
// Runs `frontier-sos bench --floor --json` on every shipped trace, on the product's defaults
// (review on; reviews and the Router's summaries take the models' time), and writes the README's
// benchmark tables between <!-- bench-figures:start --> and <!-- bench-figures:end -->.
// --check: exit 1 when the README differs from a fresh run (tests/benchmarks/readme.test.ts runs it).
// The bench runs on virtual time and seeded traces, so a fresh run gives the same figures anywhere.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
const root = fileURLToPath(new URL('..', import.meta.url));
const cli = fileURLToPath(new URL('../bin/frontier-sos.mjs', import.meta.url));
if (!existsSync(new URL('../out/cli/index.mjs', import.meta.url))) {
  console.error('bench-readme: no built CLI; run `npm run build:cli` first.');
  process.exit(1);
}

const traces = [
  { name: 'workday-typical', label: 'workday-typical' },
  { name: 'workday-design-heavy', label: 'workday-design-heavy' },
  { name: 'workday-light', label: 'workday-light' },
];

function bench(trace) {
  const run = spawnSync(
    process.execPath,
    [cli, 'bench', '--trace', `bench/traces/${trace}.jsonl`, '--floor', '--json'],
    { cwd: root, encoding: 'utf8' },
  );
  if (run.status !== 0) {
    console.error(`bench-readme: bench on ${trace} failed:\n${run.stderr}`);
    process.exit(1);
  }
  return JSON.parse(run.stdout);
}

const plannerRequests = (trace) =>
  readFileSync(new URL(`../bench/traces/${trace}.jsonl`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.includes('"route":"planner"')).length;

const gb = (bytes) => (bytes / 1e9).toFixed(1);
const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
const x = (ratio) => `${ratio.toFixed(2)}×`;

const results = traces.map((t) => ({ ...t, planner: plannerRequests(t.name), ...bench(t.name) }));

function block() {
  const lines = [
    '<!-- bench-figures:start: written by `npm run bench:readme`; tests/benchmarks/readme.test.ts checks it -->',
    '| trace | policy | GB loaded | swaps | approvals | planner wait p95 | local wait p95 | busy unloads | over budget |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    const seed = r.policies.seed.bytes_loaded;
    ['ollama-default', 'seed', 'sos'].forEach((policy, i) => {
      const m = r.policies[policy];
      const first = i === 0 ? `${r.label} (${r.planner} planner requests)` : '';
      const name = policy === 'sos' ? '**sos**' : policy;
      const bytes =
        policy === 'sos' ? `**${gb(m.bytes_loaded)}** (${x(m.bytes_loaded / seed)} seed)` : gb(m.bytes_loaded);
      lines.push(
        `| ${first} | ${name} | ${bytes} | ${m.swaps} | ${m.approvals_asked} | ${s(m.planner_wait_ms_p95)} | ${s(m.local_wait_ms_p95)} | ${m.busy_unloads} | ${s(m.over_budget_ms)} |`,
      );
    });
  }
  lines.push(
    '',
    'The floor: the fewest bytes any scheduler that keeps the rules could load on the same day (`--floor`):',
    '',
    '| trace | seed | sos | floor (any policy) | sos ÷ floor |',
    '|---|---|---|---|---|',
  );
  for (const r of results) {
    const seed = r.policies.seed.bytes_loaded;
    const sos = r.policies.sos.bytes_loaded;
    lines.push(
      `| ${r.label} | ${gb(seed)} GB | ${gb(sos)} GB (${x(sos / seed)}) | ${gb(r.floor.bytesLoaded)} GB (${x(r.floor.bytesLoaded / seed)}), ${r.floor.swaps} swaps | ${x(sos / r.floor.bytesLoaded)} |`,
    );
  }
  lines.push('<!-- bench-figures:end -->');
  return lines.join('\n');
}

const readmePath = new URL('../README.md', import.meta.url);
const readme = readFileSync(readmePath, 'utf8');
const re = /<!-- bench-figures:start[\s\S]*?<!-- bench-figures:end -->/;
if (!re.test(readme)) {
  console.error('bench-readme: README.md has no <!-- bench-figures:start … bench-figures:end --> block to write into.');
  process.exit(1);
}
const next = readme.replace(re, block());
if (values.check) {
  if (next !== readme) {
    console.error(
      'bench-readme: the benchmark figures in README.md are not what a fresh run gives: run `npm run bench:readme`.',
    );
    process.exit(1);
  }
  console.log('README.md benchmark figures match a fresh run.');
} else {
  writeFileSync(readmePath, next);
  console.log('README.md benchmark figures written.');
}

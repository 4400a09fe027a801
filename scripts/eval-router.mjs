// Evaluates `frontier-sos route --no-llm` on a labelled set: accuracy, escalation recall and the
// confusion matrix. It runs the built CLI exactly as a user would (node bin/frontier-sos.mjs), so
// `npm run eval:router` builds the CLI bundle first; no TypeScript loader is involved.
//
//   npm run eval:router                      # bench/router/tasks.jsonl: full set, tuning part, held-back third
//   npm run eval:router -- other.jsonl       # any file in the same format
//   npm run eval:router -- --errors          # also list every misrouted task
//   npm run eval:router -- --json            # one JSON object instead of tables
//
// Set format, one task per line: {"id", "text", "failedAttempts"?, "expected": "local"|"planner"|"frontier", "note"?}.
// Only id, text and failedAttempts are sent to the router; the labels never leave this script.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const defaultSet = 'bench/router/tasks.jsonl';
const routes = ['local', 'planner', 'frontier'];

const { values, positionals } = parseArgs({
  options: { errors: { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  allowPositionals: true,
});
if (values.help) {
  console.log('usage: node scripts/eval-router.mjs [FILE.jsonl] [--errors] [--json]');
  process.exit(0);
}
const file = positionals[0] ?? defaultSet;
const bin = new URL('../bin/frontier-sos.mjs', import.meta.url);
if (!existsSync(new URL('../out/cli/index.mjs', import.meta.url))) {
  console.error('eval-router: the CLI is not built: run `npm run build:cli` (npm run eval:router does it for you).');
  process.exit(2);
}

function readSet(path) {
  const tasks = [];
  readFileSync(path, 'utf8').split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let task;
    try {
      task = JSON.parse(line);
    } catch (error) {
      throw new Error(`${path}:${i + 1}: not JSON (${error.message})`, { cause: error });
    }
    if (typeof task.id !== 'string' || typeof task.text !== 'string' || !routes.includes(task.expected)) {
      throw new Error(`${path}:${i + 1}: needs string id and text and expected one of ${routes.join(', ')}`);
    }
    tasks.push(task);
  });
  const ids = new Set(tasks.map((t) => t.id));
  if (ids.size !== tasks.length) throw new Error(`${path}: ids are not unique`);
  return tasks;
}

function route(tasks) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(bin), 'route', '--no-llm'], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const lines = stdout.split('\n').filter((l) => l !== '');
      if (lines.length !== tasks.length) return reject(new Error(`route printed ${lines.length} lines for ${tasks.length} tasks (exit ${code})`));
      resolve(lines.map((l) => JSON.parse(l)));
    });
    const input = tasks.map((t) => JSON.stringify(t.failedAttempts === undefined ? { id: t.id, text: t.text } : { id: t.id, text: t.text, failedAttempts: t.failedAttempts }));
    child.stdin.end(`${input.join('\n')}\n`);
  });
}

function metrics(rows) {
  const matrix = Object.fromEntries(routes.map((e) => [e, Object.fromEntries([...routes, 'error'].map((p) => [p, 0]))]));
  let correct = 0;
  let escalations = 0;
  let escalationsCorrect = 0;
  let escalationsCaught = 0;
  let predictedEscalations = 0;
  let predictedEscalationsRight = 0;
  const rules = {};
  for (const { task, out } of rows) {
    const predicted = out.error ? 'error' : out.route;
    matrix[task.expected][predicted]++;
    if (out.rule) rules[out.rule] = (rules[out.rule] ?? 0) + 1;
    if (predicted === task.expected) correct++;
    if (task.expected !== 'local') {
      escalations++;
      if (predicted === task.expected) escalationsCorrect++;
      if (predicted === 'planner' || predicted === 'frontier') escalationsCaught++;
    }
    if (predicted === 'planner' || predicted === 'frontier') {
      predictedEscalations++;
      if (task.expected !== 'local') predictedEscalationsRight++;
    }
  }
  const ratio = (a, b) => (b === 0 ? null : a / b);
  return {
    tasks: rows.length,
    accuracy: ratio(correct, rows.length),
    // Recall over the planner and frontier classes: escalations routed to exactly the expected target.
    escalationRecall: ratio(escalationsCorrect, escalations),
    // Escalations sent anywhere off the local team (right or wrong target).
    escalationDetection: ratio(escalationsCaught, escalations),
    escalationPrecision: ratio(predictedEscalationsRight, predictedEscalations),
    escalatedShare: ratio(predictedEscalations, rows.length),
    expectedEscalatedShare: ratio(escalations, rows.length),
    perClassRecall: Object.fromEntries(routes.map((r) => [r, ratio(matrix[r][r], routes.reduce((s, p) => s + matrix[r][p], 0) + matrix[r].error)])),
    confusion: matrix,
    rules,
  };
}

const pct = (x) => (x === null ? '   n/a' : `${(x * 100).toFixed(1).padStart(5)}%`);

function printReport(title, m) {
  console.log(`\n${title} (${m.tasks} tasks)`);
  console.log(`  accuracy              ${pct(m.accuracy)}`);
  console.log(`  escalation recall     ${pct(m.escalationRecall)}   (planner+frontier routed to the expected target)`);
  console.log(`  escalation detection  ${pct(m.escalationDetection)}   (planner+frontier routed off the local team)`);
  console.log(`  escalation precision  ${pct(m.escalationPrecision)}`);
  console.log(`  escalated share       ${pct(m.escalatedShare)}   (expected ${pct(m.expectedEscalatedShare).trim()}; product target ~10%)`);
  console.log(`  recall per class      ${routes.map((r) => `${r} ${pct(m.perClassRecall[r]).trim()}`).join(', ')}`);
  const cols = [...routes, 'error'];
  console.log(`  confusion (rows: expected, columns: routed)`);
  console.log(`  ${''.padEnd(10)}${cols.map((c) => c.padStart(10)).join('')}`);
  for (const r of routes) console.log(`  ${r.padEnd(10)}${cols.map((c) => String(m.confusion[r][c]).padStart(10)).join('')}`);
  console.log(`  rules: ${Object.entries(m.rules).map(([k, v]) => `${k} ${v}`).join(', ')}`);
}

const tasks = readSet(file);
const outs = await route(tasks);
const rows = tasks.map((task, i) => ({ task, out: outs[i] }));
for (const { task, out } of rows) if (out.id !== task.id) throw new Error(`output out of order: expected ${task.id}, got ${out.id}`);

// The repository's set keeps every task whose numeric id is a multiple of 3 out of rule tuning.
const held = (t) => Number(/\d+/.exec(t.id)?.[0]) % 3 === 0;
const splits = [['all', rows]];
if (file === defaultSet) splits.push(['tuning (2/3)', rows.filter((r) => !held(r.task))], ['held back (1/3)', rows.filter((r) => held(r.task))]);

if (values.json) {
  console.log(JSON.stringify(Object.fromEntries(splits.map(([name, r]) => [name, metrics(r)]))));
} else {
  console.log(`router eval: ${file}, route --no-llm`);
  for (const [name, r] of splits) printReport(name, metrics(r));
  if (values.errors) {
    console.log('\nmisrouted:');
    for (const { task, out } of rows) {
      if (out.route === task.expected) continue;
      console.log(`  ${task.id}${held(task) && file === defaultSet ? ' (held back)' : ''}  expected ${task.expected}, got ${out.route ?? 'error'} by ${out.rule ?? out.error?.code}`);
      console.log(`    ${task.text.replace(/\s+/g, ' ').slice(0, 160)}`);
      console.log(`    reason: ${out.reason ?? out.error?.message}`);
    }
  }
}

// Evaluates the Router as shipped (facts + the classifier in src/core/router/classifier/weights.json)
// on the frozen test split, and on the training sets for comparison. The routes are also taken
// from the built CLI (`frontier-sos route --no-llm`, the product's real path) and must agree with
// the in-process figures. See docs/router.md.
//
//   npm run eval:router                      # test split (frozen) and training sets
//   npm run eval:router -- FILE.jsonl        # any labelled file in the same format
//   npm run eval:router -- --errors          # also list every misrouted test task
//   npm run eval:router -- --json            # one JSON object instead of tables
//   npm run eval:router -- --llm             # also ask the Router model of a real Ollama (OLLAMA_HOST)
//   npm run eval:router -- --corrections     # before/after folding in held-back user corrections
//   npm run eval:router -- --readme          # write the figures into README.md (--check: only compare)
//
// Labelled format, one task per line:
// {"id", "text", "expected": "local"|"planner"|"frontier", "failedAttempts"?, "lang"?: "ko"|"en"|"mixed", "note"?}.
// Only id, text and failedAttempts reach the router; the labels never leave this script.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  options: {
    errors: { type: 'boolean' },
    json: { type: 'boolean' },
    llm: { type: 'boolean' },
    corrections: { type: 'boolean' },
    readme: { type: 'boolean' },
    check: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
  allowPositionals: true,
});
if (values.help) {
  console.log('usage: npm run eval:router -- [FILE.jsonl] [--errors] [--json] [--llm] [--corrections]');
  process.exit(0);
}
const root = fileURLToPath(new URL('..', import.meta.url));
const labUrl = new URL('../out/cli/router-lab.mjs', import.meta.url);
if (!existsSync(labUrl) || !existsSync(new URL('../out/cli/index.mjs', import.meta.url))) {
  console.error('eval-router: the CLI is not built: run `npm run build:cli` (npm run eval:router does it for you).');
  process.exit(2);
}
const lab = await import(labUrl.href);
const dir = new URL('../bench/router/', import.meta.url);
const sets = JSON.parse(readFileSync(new URL('sets.json', dir), 'utf8'));
const path = (file) => fileURLToPath(new URL(file, dir));

const testPath = path(sets.test.file);
const frozen = readFileSync(path(sets.test.file.replace(/\.jsonl$/, '.sha256')), 'utf8').trim();
if (lab.sha256(testPath) !== frozen) {
  console.error(
    `eval-router: ${sets.test.file} does not match its frozen hash (${frozen.slice(0, 12)}…): the test split must not change. Restore it with git.`,
  );
  process.exit(1);
}

const router = lab.createRouter();
const { temperature, sureAbove } = router.model.file.calibration;

function evaluate(tasks) {
  const rows = lab.featurize(router, tasks);
  const results = lab.outcomes(lab.scoreWithModel(router, rows), temperature, sureAbove);
  return { results, metrics: lab.measure(results) };
}

/** The routes the built CLI prints for the tasks: the product's own path. */
function routeWithCli(tasks, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [fileURLToPath(new URL('../bin/frontier-sos.mjs', import.meta.url)), 'route', ...args],
      { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const lines = stdout.split('\n').filter((l) => l !== '');
      if (lines.length !== tasks.length)
        return reject(
          new Error(`route printed ${lines.length} lines for ${tasks.length} tasks (exit ${code}): ${stderr.trim()}`),
        );
      resolve({ answers: lines.map((l) => JSON.parse(l)), stderr });
    });
    child.stdin.end(
      `${tasks.map((t) => JSON.stringify(t.failedAttempts === undefined ? { id: t.id, text: t.text } : { id: t.id, text: t.text, failedAttempts: t.failedAttempts })).join('\n')}\n`,
    );
  });
}

async function checkAgainstCli(name, tasks, results) {
  const { answers } = await routeWithCli(tasks, ['--no-llm']);
  const differ = answers.filter((a, i) => a.id !== tasks[i].id || a.route !== results[i].predicted);
  if (differ.length)
    throw new Error(
      `${name}: the CLI routed ${differ.length} task(s) differently from the in-process router (first: ${differ[0].id})`,
    );
}

const report = {};
const evaluated = {};
if (positionals[0]) {
  const tasks = lab.readSet(positionals[0], 'file');
  evaluated.file = { tasks, ...evaluate(tasks) };
  await checkAgainstCli(positionals[0], tasks, evaluated.file.results);
  report.file = evaluated.file.metrics;
} else {
  const training = sets.training.flatMap(({ file, author }) => lab.readSet(path(file), author));
  const test = lab.readSet(testPath, 'test');
  evaluated.test = { tasks: test, ...evaluate(test) };
  evaluated.training = { tasks: training, ...evaluate(training) };
  await checkAgainstCli('test split', test, evaluated.test.results);
  report.test = evaluated.test.metrics;
  report.training = evaluated.training.metrics;
  report.crossValidated = router.model.file.provenance?.crossValidated ?? null;
}
report.calibration = { temperature, sureAbove };

if (values.llm) {
  const tasks = evaluated.test?.tasks ?? evaluated.file.tasks;
  const host = process.env.OLLAMA_HOST ?? '127.0.0.1:11434';
  const url = /^https?:\/\//.test(host) ? host : `http://${host}`;
  const up = await fetch(new URL('/api/version', url), { signal: AbortSignal.timeout(2000) }).then(
    (r) => r.ok,
    () => false,
  );
  if (!up) {
    report.llm = { skipped: `no Ollama answers at ${url} (set OLLAMA_HOST to run the Router model)` };
  } else {
    const { answers } = await routeWithCli(tasks, ['--ollama', url]);
    const results = answers.map((a, i) => ({
      task: tasks[i],
      predicted: a.route ?? 'local',
      confidence: a.rule === 'router-model' ? 0 : 1,
      sure: a.rule !== 'router-model',
    }));
    report.llm = { ...lab.measure(results), askedModel: answers.filter((a) => a.rule === 'router-model').length };
  }
}

if (values.corrections || values.readme) {
  // Folding a user's conventions in must not cost the general routing: measured on the test split.
  report.corrections = lab.correctionsReport(
    router,
    path('corrections.jsonl'),
    evaluated.test?.tasks ?? evaluated.file.tasks,
  );
}

const pct = (x) => (x === null || x === undefined ? '   n/a' : `${(x * 100).toFixed(1).padStart(5)}%`);
function printMetrics(title, m) {
  console.log(`\n${title} (${m.tasks} tasks)`);
  console.log(`  accuracy                    ${pct(m.accuracy)}`);
  console.log(
    `  escalation recall           ${pct(m.escalationRecall)}   (planner and frontier tasks routed to exactly their target)`,
  );
  console.log(`  escalation detection        ${pct(m.escalationDetection)}   (routed anywhere off the local team)`);
  console.log(`  escalation precision        ${pct(m.escalationPrecision)}`);
  console.log(
    `  decided without the model   ${pct(m.sure.share)}   (${m.sure.tasks} tasks, ${m.sure.wrong} wrong = ${pct(m.sure.errorRate).trim()})`,
  );
  console.log(
    `  with a right Router model   accuracy ${pct(m.accuracyWithJudge).trim()}, escalation recall ${pct(m.escalationRecallWithJudge).trim()}`,
  );
  console.log(
    `  by language                 ${Object.entries(m.byLanguage)
      .map(
        ([l, v]) =>
          `${l}: ${v.tasks} tasks, accuracy ${pct(v.accuracy).trim()}, escalation recall ${pct(v.escalationRecall).trim()}`,
      )
      .join('; ')}`,
  );
  console.log('  confusion (rows: expected, columns: routed)');
  console.log(`  ${''.padEnd(10)}${['local', 'planner', 'frontier'].map((c) => c.padStart(10)).join('')}`);
  for (const r of ['local', 'planner', 'frontier'])
    console.log(
      `  ${r.padEnd(10)}${['local', 'planner', 'frontier'].map((c) => String(m.confusion[r][c]).padStart(10)).join('')}`,
    );
  console.log('  reliability (classifier confidence → how often right)');
  for (const b of m.reliability)
    if (b.tasks)
      console.log(
        `    ${b.from.toFixed(2)}–${b.to.toFixed(2)}  ${String(b.tasks).padStart(4)} tasks  mean confidence ${pct(b.meanConfidence).trim()}  right ${pct(b.accuracy).trim()}`,
      );
}

/** The README's block of router figures, from this run (tests/cli/router-cli.test.ts keeps it in step). */
function readmeBlock(r) {
  const p1 = (x) => `${(x * 100).toFixed(1)}%`;
  const t = r.test;
  const lang = (l) => t.byLanguage[l];
  const c = r.corrections;
  return [
    '<!-- router-figures:start (written by `npm run eval:router -- --readme`; do not edit by hand) -->',
    `Frozen test split: ${t.tasks} tasks (${lang('ko').tasks} Korean, ${lang('en').tasks} English, ${lang('mixed').tasks} mixed; ${Object.entries(
      t.confusion,
    )
      .map(([k, row]) => `${Object.values(row).reduce((a, b) => a + b, 0)} ${k}`)
      .join(', ')}), written by an author who saw neither the rules nor the training sets, and never tuned on.`,
    '',
    '| | accuracy | escalation recall |',
    '|---|---|---|',
    `| facts + classifier alone (\`route --no-llm\`) | ${p1(t.accuracy)} | ${p1(t.escalationRecall)} |`,
    `| … asking a Router model that answers right when unsure | ${p1(t.accuracyWithJudge)} | ${p1(t.escalationRecallWithJudge)} |`,
    `| Korean / English / mixed, alone | ${p1(lang('ko').accuracy)} / ${p1(lang('en').accuracy)} / ${p1(lang('mixed').accuracy)} | ${p1(lang('ko').escalationRecall)} / ${p1(lang('en').escalationRecall)} / ${p1(lang('mixed').escalationRecall)} |`,
    '',
    `Decided without the Router model (confidence ≥ ${r.calibration.sureAbove}): ${p1(t.sure.share)} of the tasks, ${p1(t.sure.errorRate)} of them wrong. Cross-validated by author at training time: accuracy ${p1(r.crossValidated.accuracy)}, escalation recall ${p1(r.crossValidated.escalationRecall)}.`,
    '',
    '| classifier confidence | tasks | right |',
    '|---|---|---|',
    ...t.reliability
      .filter((b) => b.tasks)
      .map((b) => `| ${b.from.toFixed(2)}–${b.to.toFixed(2)} | ${b.tasks} | ${p1(b.accuracy)} |`),
    '',
    `Learning from corrections (\`bench/router/corrections.jsonl\`, one user's conventions; ${c.foldedIn} folded in, ${c.heldBack} held back): held-back corrections routed the user's way ${p1(c.heldBackAccuracyBefore)} → ${p1(c.heldBackAccuracyAfter)}; the test split ${p1(c.otherAccuracyBefore)} → ${p1(c.otherAccuracyAfter)}.`,
    '<!-- router-figures:end -->',
  ].join('\n');
}

if (values.readme) {
  const readmePath = new URL('../README.md', import.meta.url);
  const readme = readFileSync(readmePath, 'utf8');
  const re = /<!-- router-figures:start[\s\S]*?<!-- router-figures:end -->/;
  if (!re.test(readme)) {
    console.error(
      'eval-router: README.md has no <!-- router-figures:start … router-figures:end --> block to write into.',
    );
    process.exit(1);
  }
  const next = readme.replace(re, readmeBlock(report));
  if (values.check) {
    if (next !== readme) {
      console.error(
        'eval-router: the router figures in README.md are not what a fresh run gives: run `npm run eval:router -- --readme`.',
      );
      process.exit(1);
    }
    console.log('README.md router figures match a fresh run.');
  } else {
    writeFileSync(readmePath, next);
    console.log('README.md router figures written.');
  }
} else if (values.json) {
  console.log(JSON.stringify(report));
} else {
  console.log(
    `router eval: facts + classifier (temperature ${temperature}, decides alone at confidence ≥ ${sureAbove}); routes checked against \`route --no-llm\``,
  );
  if (report.test) {
    printMetrics(`test split, frozen (${sets.test.file})`, report.test);
    printMetrics('training sets (in-sample: flatters)', report.training);
    if (report.crossValidated)
      console.log(
        `\ncross-validated by author at training time: accuracy ${pct(report.crossValidated.accuracy).trim()}, escalation recall ${pct(report.crossValidated.escalationRecall).trim()}`,
      );
  } else printMetrics(positionals[0], report.file);
  if (report.llm?.skipped) console.log(`\nRouter model: skipped — ${report.llm.skipped}`);
  else if (report.llm) printMetrics(`with the Router model (${report.llm.askedModel} asked)`, report.llm);
  if (report.corrections) {
    const c = report.corrections;
    console.log(
      `\nlearning from corrections (bench/router/corrections.jsonl: ${c.foldedIn} folded in as re-routes, ${c.heldBack} held back)`,
    );
    console.log(
      `  held-back corrections routed as the user wants  ${pct(c.heldBackAccuracyBefore).trim()} before → ${pct(c.heldBackAccuracyAfter).trim()} after`,
    );
    console.log(
      `  folded-in corrections the Router agrees with     ${c.foldedAgreedBefore} → ${c.foldedAgreedAfter} of ${c.foldedIn}`,
    );
    console.log(
      `  the other ${c.otherTasks} tasks (test split) routed right  ${pct(c.otherAccuracyBefore).trim()} → ${pct(c.otherAccuracyAfter).trim()}`,
    );
  }
  if (values.errors) {
    const { results } = evaluated.test ?? evaluated.file;
    console.log('\nmisrouted:');
    for (const r of results) {
      if (r.predicted === r.task.expected) continue;
      console.log(
        `  ${r.task.id}  expected ${r.task.expected}, got ${r.predicted} (${(r.confidence * 100).toFixed(0)}%${r.sure ? ', decided alone' : ', model would be asked'})`,
      );
      console.log(`    ${r.task.text.replace(/\s+/g, ' ').slice(0, 160)}`);
    }
  }
}

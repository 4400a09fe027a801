// Trains the Router's classifier on the training sets (never on bench/router/test-split.jsonl),
// chooses its hyper-parameters by leave-one-author-out cross-validation, calibrates it on the
// out-of-fold scores and writes src/core/router/classifier/weights.json. Deterministic: the same
// sets give the same file. See docs/router.md.
//
//   npm run train:router            # train and write the weights
//   npm run train:router -- --quick # one hyper-parameter setting (the last chosen), for a fast look
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { quick: { type: 'boolean' } } });
const labUrl = new URL('../out/cli/router-lab.mjs', import.meta.url);
if (!existsSync(labUrl)) {
  console.error('train-router: the lab is not built: run `npm run build:cli` (npm run train:router does it for you).');
  process.exit(2);
}
const lab = await import(labUrl.href);
const dir = new URL('../bench/router/', import.meta.url);
const out = new URL('../src/core/router/classifier/weights.json', import.meta.url);

// Training sets by author; cross-validation holds one author out at a time.
const trainingSets = JSON.parse(readFileSync(new URL('sets.json', dir), 'utf8')).training;
const tasks = trainingSets.flatMap(({ file, author }) => lab.readSet(new URL(file, dir).pathname, author));
const empty = lab.loadModel({
  format: 'frontier-sos-router/1',
  classes: ['local', 'planner', 'frontier'],
  gramScale: 1,
  features: [],
  weights: [],
  bias: [0, 0, 0],
  calibration: { temperature: 1, sureAbove: 1 },
});
const router = lab.createRouter({}, empty);
const rows = lab.featurize(router, tasks);

let grid = [];
for (const gramScale of [1, 2, 3, 4])
  for (const l2 of [3e-4, 1e-3]) for (const balanced of [true, false]) grid.push({ gramScale, l2, balanced });
if (values.quick && existsSync(out)) {
  const previous = JSON.parse(readFileSync(out, 'utf8')).provenance?.hyper;
  if (previous) grid = [previous];
}
const provenance = {
  trainedOn: trainingSets.map(({ file, author }) => ({
    file,
    author,
    sha256: lab.sha256(new URL(file, dir).pathname),
    tasks: tasks.filter(
      (t) => t.author === author && lab.readSet(new URL(file, dir).pathname, author).some((x) => x.id === t.id),
    ).length,
  })),
  maxSureError: 0.02,
  minJudgeRecall: 0.985,
};
console.log(
  `train-router: ${tasks.length} training tasks from ${trainingSets.length} files; ${rows.filter((r) => r.fact).length} decided by facts are left out of training`,
);
console.log(`hyper-parameters (leave-one-author-out):`);
const result = lab.fit(rows, grid, provenance.maxSureError, provenance.minJudgeRecall, provenance, (line) =>
  console.log(line),
);
result.file.provenance.crossValidated = {
  accuracy: result.crossValidated.accuracy,
  escalationRecall: result.crossValidated.escalationRecall,
  sure: result.crossValidated.sure,
};
writeFileSync(out, `${JSON.stringify(result.file)}\n`);
const m = result.crossValidated;
const pct = (x) => `${(x * 100).toFixed(1)}%`;
console.log(
  `chosen: ${JSON.stringify(result.hyper)}; temperature ${result.file.calibration.temperature}, sure above ${result.file.calibration.sureAbove}`,
);
console.log(
  `cross-validated: accuracy ${pct(m.accuracy)}, escalation recall ${pct(m.escalationRecall)}, decided alone ${pct(m.sure.share)} with ${pct(m.sure.errorRate)} wrong, escalation recall with a right judge ${pct(m.escalationRecallWithJudge)}`,
);
console.log(`wrote ${out.pathname}: ${result.file.features.length} features`);

/**
 * The Router's lab: reads the labelled sets, trains the classifier, cross-validates it by author,
 * calibrates it and measures it. Bundled by scripts/build-cli.mjs to out/cli/router-lab.mjs and
 * used by `npm run train:router` and `npm run eval:router` (docs/router.md).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { createRouter, fitTemperature, foldIn, loadModel, routeClasses, scoreWith, softmax, toModelFile, train, type Correction, type Example, type LinearModel, type ModelFile, type RouteClass, type Router, type TaskFeatures, type TrainOptions } from '../../src/core/index';

export const labelledLineSchema = z.object({
  id: z.string().min(1),
  text: z.string().min(1),
  expected: z.enum(routeClasses),
  failedAttempts: z.number().int().min(0).optional(),
  lang: z.enum(['ko', 'en', 'mixed']).optional(),
  note: z.string().optional(),
});
export type Labelled = z.infer<typeof labelledLineSchema> & { author: string };

/** Reads a labelled set; a bad line stops with its file and line number (a set must be clean). */
export function readSet(path: string, author: string): Labelled[] {
  const out: Labelled[] = [];
  const ids = new Set<string>();
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        throw new Error(`${path}:${i + 1}: not JSON (${error instanceof Error ? error.message : String(error)})`, { cause: error });
      }
      const parsed = labelledLineSchema.safeParse(value);
      if (!parsed.success) throw new Error(`${path}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.') || '(line)'}: ${x.message}`).join('; ')}`);
      if (ids.has(parsed.data.id)) throw new Error(`${path}:${i + 1}: id ${parsed.data.id} appears twice`);
      ids.add(parsed.data.id);
      out.push({ ...parsed.data, author });
    });
  return out;
}

export const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Hyper-parameters searched by cross-validation (by author) before the final fit. */
export interface Hyper {
  gramScale: number;
  l2: number;
  balanced: boolean;
}

const epochs = 300;

function classWeights(examples: readonly Example[], balanced: boolean): [number, number, number] {
  if (!balanced) return [1, 1, 1];
  const n = routeClasses.map((c) => examples.filter((e) => e.label === c).length);
  const total = n.reduce((a, b) => a + b, 0);
  // Square root of inverse frequency: escalations count more, without drowning the local class.
  return n.map((k) => (k ? Math.sqrt(total / (routeClasses.length * k)) : 1)) as [number, number, number];
}

export function trainOptions(examples: readonly Example[], hyper: Hyper): TrainOptions {
  return { l2: hyper.l2, gramScale: hyper.gramScale, epochs, minGramCount: 2, classWeights: classWeights(examples, hyper.balanced) };
}

export interface Featurized {
  task: Labelled;
  features: TaskFeatures;
  /** Decided by a fact (a failed-fix count) before the classifier: the classifier never sees it. */
  fact: RouteClass | null;
}

export function featurize(router: Router, tasks: readonly Labelled[]): Featurized[] {
  return tasks.map((task) => {
    const input = task.failedAttempts === undefined ? { text: task.text } : { text: task.text, failedAttempts: task.failedAttempts };
    return { task, features: router.features(input), fact: router.fact(input)?.route ?? null };
  });
}

export interface Scored {
  task: Labelled;
  scores: Float64Array | null;
  fact: RouteClass | null;
}

/** Out-of-fold scores: each author's tasks scored by a model trained on the other authors. */
export function crossValidate(rows: readonly Featurized[], hyper: Hyper): Scored[] {
  const authors = [...new Set(rows.map((r) => r.task.author))];
  const out = new Map<Featurized, Scored>();
  for (const held of authors) {
    const examples = rows.filter((r) => r.task.author !== held && !r.fact).map((r) => ({ features: r.features, label: r.task.expected }));
    const trained = train(examples, trainOptions(examples, hyper));
    const index = new Map(trained.features.map((f, i) => [f, i]));
    for (const r of rows.filter((x) => x.task.author === held)) out.set(r, { task: r.task, scores: scoreWith(trained, index, r.features), fact: r.fact });
  }
  return rows.map((r) => out.get(r)!);
}

export interface Outcome {
  task: Labelled;
  predicted: RouteClass;
  confidence: number;
  /** Decided without the Router model (a fact, or the classifier at or above sureAbove). */
  sure: boolean;
}

export function outcomes(scored: readonly Scored[], temperature: number, sureAbove: number): Outcome[] {
  return scored.map((s) => {
    if (s.fact) return { task: s.task, predicted: s.fact, confidence: 1, sure: true };
    const p = softmax(s.scores!, temperature);
    let k = 0;
    for (let i = 1; i < p.length; i++) if (p[i]! > p[k]!) k = i;
    return { task: s.task, predicted: routeClasses[k]!, confidence: p[k]!, sure: p[k]! >= sureAbove };
  });
}

/**
 * The lowest confidence at or above which the classifier may decide alone: the decisions at or
 * above it are wrong at most `maxError` of the time, and with a Router model that answers right
 * below it, at least `minJudgeRecall` of the escalations reach their target.
 */
export function chooseSureAbove(results: readonly Outcome[], maxError: number, minJudgeRecall: number): number {
  const candidates = [...new Set(results.filter((r) => r.confidence < 1).map((r) => r.confidence))].sort((a, b) => a - b);
  for (const t of candidates) {
    const sure = results.filter((r) => r.confidence >= t);
    const wrong = sure.filter((r) => r.predicted !== r.task.expected).length;
    const esc = results.filter((r) => escalation(r.task.expected));
    const reached = esc.filter((r) => (r.confidence >= t ? r.predicted : r.task.expected) === r.task.expected).length;
    if (wrong <= maxError * sure.length && reached >= minJudgeRecall * esc.length) return t;
  }
  return 1;
}

export interface Metrics {
  tasks: number;
  accuracy: number;
  escalationRecall: number;
  escalationDetection: number;
  escalationPrecision: number;
  confusion: Record<RouteClass, Record<RouteClass, number>>;
  /** Tasks decided without the model, and how many of them were wrong. */
  sure: { tasks: number; wrong: number; share: number; errorRate: number };
  /** Escalation recall when a Router model that always answers right is asked about the rest. */
  escalationRecallWithJudge: number;
  accuracyWithJudge: number;
  byLanguage: Record<string, { tasks: number; accuracy: number; escalationRecall: number }>;
  reliability: Array<{ from: number; to: number; tasks: number; meanConfidence: number; accuracy: number }>;
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);
const escalation = (r: RouteClass): boolean => r !== 'local';

export function measure(results: readonly Outcome[]): Metrics {
  const confusion = Object.fromEntries(routeClasses.map((e) => [e, Object.fromEntries(routeClasses.map((p) => [p, 0]))])) as Metrics['confusion'];
  for (const r of results) confusion[r.task.expected][r.predicted]++;
  const esc = results.filter((r) => escalation(r.task.expected));
  const predictedEsc = results.filter((r) => escalation(r.predicted));
  const sure = results.filter((r) => r.sure);
  const withJudge = (r: Outcome): RouteClass => (r.sure ? r.predicted : r.task.expected);
  const langs = [...new Set(results.map((r) => r.task.lang ?? 'unknown'))].sort();
  const bins = [0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0001];
  return {
    tasks: results.length,
    accuracy: ratio(results.filter((r) => r.predicted === r.task.expected).length, results.length),
    escalationRecall: ratio(esc.filter((r) => r.predicted === r.task.expected).length, esc.length),
    escalationDetection: ratio(esc.filter((r) => escalation(r.predicted)).length, esc.length),
    escalationPrecision: ratio(predictedEsc.filter((r) => escalation(r.task.expected)).length, predictedEsc.length),
    confusion,
    sure: { tasks: sure.length, wrong: sure.filter((r) => r.predicted !== r.task.expected).length, share: ratio(sure.length, results.length), errorRate: ratio(sure.filter((r) => r.predicted !== r.task.expected).length, sure.length) },
    escalationRecallWithJudge: ratio(esc.filter((r) => withJudge(r) === r.task.expected).length, esc.length),
    accuracyWithJudge: ratio(results.filter((r) => withJudge(r) === r.task.expected).length, results.length),
    byLanguage: Object.fromEntries(
      langs.map((lang) => {
        const rows = results.filter((r) => (r.task.lang ?? 'unknown') === lang);
        const e = rows.filter((r) => escalation(r.task.expected));
        return [lang, { tasks: rows.length, accuracy: ratio(rows.filter((r) => r.predicted === r.task.expected).length, rows.length), escalationRecall: ratio(e.filter((r) => r.predicted === r.task.expected).length, e.length) }];
      }),
    ),
    reliability: bins.slice(0, -1).map((from, i) => {
      const to = bins[i + 1]!;
      const rows = results.filter((r) => r.confidence >= from && r.confidence < to);
      return { from, to: Math.min(to, 1), tasks: rows.length, meanConfidence: ratio(rows.reduce((s, r) => s + r.confidence, 0), rows.length), accuracy: ratio(rows.filter((r) => r.predicted === r.task.expected).length, rows.length) };
    }),
  };
}

/** Scores every task with a packaged model (the shipped one, or one with corrections folded in). */
export function scoreWithModel(router: Router, rows: readonly Featurized[]): Scored[] {
  return rows.map((r) => ({ task: r.task, scores: r.fact ? null : router.model.scores(r.features), fact: r.fact }));
}

export interface FitResult {
  file: ModelFile;
  model: LinearModel;
  crossValidated: Metrics;
  hyper: Hyper;
  search: Array<{ hyper: Hyper; accuracy: number; escalationRecall: number }>;
}

/**
 * Chooses hyper-parameters by leave-one-author-out cross-validation, fits the final model on all
 * training sets, and calibrates it (temperature and sureAbove) on the out-of-fold scores.
 */
export function fit(rows: readonly Featurized[], grid: readonly Hyper[], maxSureError: number, minJudgeRecall: number, provenance: Record<string, unknown>, log: (line: string) => void = () => undefined): FitResult {
  const search: FitResult['search'] = [];
  let best: { hyper: Hyper; scored: Scored[]; score: number } | null = null;
  for (const hyper of grid) {
    const scored = crossValidate(rows, hyper);
    const m = measure(outcomes(scored, 1, 1));
    search.push({ hyper, accuracy: m.accuracy, escalationRecall: m.escalationRecall });
    log(`  gramScale ${hyper.gramScale}, l2 ${hyper.l2}, ${hyper.balanced ? 'balanced' : 'unweighted'}: accuracy ${(m.accuracy * 100).toFixed(1)}%, escalation recall ${(m.escalationRecall * 100).toFixed(1)}%`);
    const score = Math.min(m.accuracy, m.escalationRecall) + (m.accuracy + m.escalationRecall) / 100;
    if (!best || score > best.score) best = { hyper, scored, score };
  }
  const chosen = best!;
  const temperature = fitTemperature(chosen.scored.filter((s) => s.scores).map((s) => ({ scores: s.scores!, label: s.task.expected })));
  const sureAbove = chooseSureAbove(outcomes(chosen.scored, temperature, 1), maxSureError, minJudgeRecall);
  // Tasks a fact decides never reach the classifier; their texts (an ordinary bug whose record
  // says three fixes failed) would only teach it that ordinary bugs escalate.
  const examples = rows.filter((r) => !r.fact).map((r) => ({ features: r.features, label: r.task.expected }));
  const trained = train(examples, trainOptions(examples, chosen.hyper));
  const file = toModelFile(trained, { temperature: Math.round(temperature * 1e4) / 1e4, sureAbove: Math.round(sureAbove * 1e4) / 1e4 }, { ...provenance, hyper: chosen.hyper, epochs });
  const crossValidated = measure(outcomes(chosen.scored, temperature, sureAbove));
  return { file, model: loadModel(file), crossValidated, hyper: chosen.hyper, search };
}

export { createRouter, foldIn, loadModel };

/**
 * Learning from corrections, measured: a simulated user's corrections (bench/router/corrections.jsonl,
 * conventions that differ from the default policy) are split in two; the first half is folded in
 * as re-routes, the second half is held back. Reports the held-back accuracy before and after, and
 * the accuracy on `keep` (tasks the corrections are not about) before and after, to show what the
 * folding costs elsewhere.
 */
export function correctionsReport(router: Router, path: string, keep: readonly Labelled[] = []): Record<string, unknown> {
  const all = readSet(path, 'user');
  const folded = all.filter((_, i) => i % 2 === 0);
  const held = all.filter((_, i) => i % 2 === 1);
  const corrections: Correction[] = folded.map((t, i) => ({ at: i, kind: 'reroute', taskId: t.id, text: t.text, from: router.decide({ text: t.text }).route, to: t.expected }));
  const { router: learned, learning } = foldIn(router, corrections);
  const accuracy = (r: Router, tasks: readonly Labelled[]) => (tasks.length ? tasks.filter((t) => r.decide(t.failedAttempts === undefined ? { text: t.text } : { text: t.text, failedAttempts: t.failedAttempts }).route === t.expected).length / tasks.length : null);
  return {
    foldedIn: folded.length,
    heldBack: held.length,
    heldBackAccuracyBefore: accuracy(router, held),
    heldBackAccuracyAfter: accuracy(learned, held),
    foldedAgreedBefore: learning.agreedBefore,
    foldedAgreedAfter: learning.agreedAfter,
    otherTasks: keep.length,
    otherAccuracyBefore: accuracy(router, keep),
    otherAccuracyAfter: accuracy(learned, keep),
  };
}

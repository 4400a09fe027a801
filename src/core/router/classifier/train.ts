import type { TaskFeatures } from './features';
import { routeClasses, softmax, vectorize, type LinearModel, type ModelFile, type RouteClass } from './model';

/**
 * Training for the Router's classifier: full-batch Adam on the weighted cross-entropy with an L2
 * pull toward a prior (zero for a fresh model; the shipped weights when a user's corrections are
 * folded in, so a handful of corrections move the model without erasing what it knew). Pure and
 * deterministic: the same examples and options give the same weights.
 */
export interface Example {
  features: TaskFeatures;
  label: RouteClass;
  /** How much this example counts (default 1). */
  weight?: number;
}

export interface TrainOptions {
  /** Strength of the pull toward the prior (or zero). */
  l2: number;
  /** A different pull for the concept cues (default: l2); folding corrections holds them firmer than n-grams. */
  l2Concepts?: number;
  /** Scale of the n-gram block against the concept cues. */
  gramScale: number;
  epochs: number;
  learningRate?: number;
  /** An n-gram enters the vocabulary when at least this many examples have it. */
  minGramCount: number;
  /** Per-class weights, in the order of routeClasses (default: all 1). */
  classWeights?: readonly [number, number, number];
  /** Start from and stay near this model (its vocabulary is kept; new n-grams are added). */
  prior?: LinearModel;
  /**
   * `adam` (default) for training from scratch; `gd`, plain gradient descent with the biases held,
   * for folding a few corrections into a prior: Adam moves every weight by about its learning rate
   * whatever the gradient, which lets a handful of examples undo the prior everywhere.
   */
  optimizer?: 'adam' | 'gd';
}

export interface Trained {
  features: string[];
  weights: Float64Array;
  bias: Float64Array;
  gramScale: number;
}

const K = routeClasses.length;

export function train(examples: readonly Example[], options: TrainOptions): Trained {
  const { prior } = options;
  const features: string[] = prior ? [...prior.file.features] : [];
  const index = new Map<string, number>(features.map((f, i) => [f, i]));
  const gramCount = new Map<string, number>();
  for (const ex of examples) {
    for (const [name, value] of Object.entries(ex.features.concepts)) {
      const key = `c:${name}`;
      if (value !== 0 && !index.has(key)) index.set(key, features.push(key) - 1);
    }
    for (const g of ex.features.grams) gramCount.set(g, (gramCount.get(g) ?? 0) + 1);
  }
  for (const [g, n] of [...gramCount].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (n >= options.minGramCount && !index.has(g)) index.set(g, features.push(g) - 1);
  }
  const F = features.length;
  const gramScale = prior ? prior.file.gramScale : options.gramScale;
  const anchor = new Float64Array(F * K);
  const weights = new Float64Array(F * K);
  const bias = new Float64Array(K);
  if (prior) {
    anchor.set(prior.file.weights);
    weights.set(prior.file.weights);
    bias.set(prior.file.bias);
  }
  const rows = examples.map((ex) => ({
    ...vectorize(ex.features, index, gramScale),
    y: routeClasses.indexOf(ex.label),
    w: (ex.weight ?? 1) * (options.classWeights?.[routeClasses.indexOf(ex.label)] ?? 1),
  }));
  const total = rows.reduce((s, r) => s + r.w, 0) || 1;
  const isConcept = features.map((f) => f.startsWith('c:'));
  const l2Concepts = options.l2Concepts ?? options.l2;

  // Adam, full batch.
  const lr = options.learningRate ?? 0.05;
  const b1 = 0.9;
  const b2 = 0.999;
  const mW = new Float64Array(F * K);
  const vW = new Float64Array(F * K);
  const mB = new Float64Array(K);
  const vB = new Float64Array(K);
  const gW = new Float64Array(F * K);
  const gB = new Float64Array(K);
  const scores = new Float64Array(K);
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    gW.fill(0);
    gB.fill(0);
    for (const r of rows) {
      scores.set(bias);
      for (let n = 0; n < r.ids.length; n++) {
        const row = r.ids[n]! * K;
        const v = r.values[n]!;
        for (let k = 0; k < K; k++) scores[k]! += weights[row + k]! * v;
      }
      const p = softmax(scores);
      const scale = r.w / total;
      for (let k = 0; k < K; k++) {
        const d = (p[k]! - (k === r.y ? 1 : 0)) * scale;
        gB[k]! += d;
        for (let n = 0; n < r.ids.length; n++) gW[r.ids[n]! * K + k]! += d * r.values[n]!;
      }
    }
    for (let f = 0; f < F; f++) {
      const l2 = isConcept[f] ? l2Concepts : options.l2;
      for (let k = 0; k < K; k++) gW[f * K + k]! += l2 * (weights[f * K + k]! - anchor[f * K + k]!);
    }
    if (options.optimizer === 'gd') {
      for (let i = 0; i < F * K; i++) weights[i]! -= lr * gW[i]!;
      continue;
    }
    const c1 = 1 - b1 ** epoch;
    const c2 = 1 - b2 ** epoch;
    for (let i = 0; i < F * K; i++) {
      mW[i] = b1 * mW[i]! + (1 - b1) * gW[i]!;
      vW[i] = b2 * vW[i]! + (1 - b2) * gW[i]! * gW[i]!;
      weights[i]! -= (lr * (mW[i]! / c1)) / (Math.sqrt(vW[i]! / c2) + 1e-8);
    }
    for (let k = 0; k < K; k++) {
      mB[k] = b1 * mB[k]! + (1 - b1) * gB[k]!;
      vB[k] = b2 * vB[k]! + (1 - b2) * gB[k]! * gB[k]!;
      bias[k]! -= (lr * (mB[k]! / c1)) / (Math.sqrt(vB[k]! / c2) + 1e-8);
    }
  }
  return { features, weights, bias, gramScale };
}

/** Raw scores of a trained (not yet packaged) model, for cross-validation. */
export function scoreWith(trained: Trained, index: ReadonlyMap<string, number>, features: TaskFeatures): Float64Array {
  const { ids, values } = vectorize(features, index, trained.gramScale);
  const out = Float64Array.from(trained.bias);
  for (let n = 0; n < ids.length; n++) {
    const row = ids[n]! * K;
    for (let k = 0; k < K; k++) out[k]! += trained.weights[row + k]! * values[n]!;
  }
  return out;
}

/** The temperature that makes held-out probabilities honest: least negative log-likelihood. */
export function fitTemperature(held: ReadonlyArray<{ scores: ArrayLike<number>; label: RouteClass }>): number {
  const nll = (t: number) =>
    held.reduce((s, h) => s - Math.log(Math.max(1e-12, softmax(h.scores, t)[routeClasses.indexOf(h.label)]!)), 0);
  let lo = 0.2;
  let hi = 8;
  for (let i = 0; i < 60; i++) {
    const a = lo + (hi - lo) * 0.382;
    const b = lo + (hi - lo) * 0.618;
    if (nll(a) < nll(b)) hi = b;
    else lo = a;
  }
  return (lo + hi) / 2;
}

/** Packs weights into the shipped file format, rounded so the file stays small and diffable. */
export function toModelFile(
  trained: Trained,
  calibration: ModelFile['calibration'],
  provenance?: Record<string, unknown>,
): ModelFile {
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  return {
    format: 'frontier-sos-router/1',
    classes: ['local', 'planner', 'frontier'],
    gramScale: trained.gramScale,
    features: trained.features,
    weights: Array.from(trained.weights, round),
    bias: [round(trained.bias[0]!), round(trained.bias[1]!), round(trained.bias[2]!)],
    calibration,
    ...(provenance ? { provenance } : {}),
  };
}

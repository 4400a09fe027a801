import { z } from 'zod';
import { gramKey, type TaskFeatures } from './features';

/**
 * A multinomial logistic regression over a task's features: one weight per feature and route,
 * a bias per route, and a temperature fitted on held-out predictions so that the probability it
 * states is the probability it is right (docs/router.md, "Calibration"). Small, fast, inspectable:
 * the weights say which cue pushed a task where.
 */
export const routeClasses = ['local', 'planner', 'frontier'] as const;
export type RouteClass = (typeof routeClasses)[number];
const K = routeClasses.length;

export const modelFileSchema = z.object({
  format: z.literal('frontier-sos-router/1'),
  classes: z.tuple([z.literal('local'), z.literal('planner'), z.literal('frontier')]),
  /** How the n-gram block is scaled against the concept cues (set by training). */
  gramScale: z.number().positive(),
  features: z.array(z.string()),
  /** features.length × 3, row by row, in the order of `classes`. */
  weights: z.array(z.number()),
  bias: z.tuple([z.number(), z.number(), z.number()]),
  calibration: z.object({
    temperature: z.number().positive(),
    /** At or above this confidence the classifier decides alone; below it the Router model is asked. */
    sureAbove: z.number().min(0).max(1),
  }),
  /** Where the weights came from: sets and their hashes, hyper-parameters, cross-validated figures. */
  provenance: z.record(z.string(), z.unknown()).optional(),
});
export type ModelFile = z.infer<typeof modelFileSchema>;

export interface Prediction {
  /** Calibrated probabilities in the order of `routeClasses`. */
  probabilities: [number, number, number];
  best: RouteClass;
  confidence: number;
  /** Each concept's push toward `best` (weight × value), largest first; for the reason. */
  drivers: Array<{ feature: string; push: number }>;
}

export interface LinearModel {
  readonly file: ModelFile;
  readonly index: ReadonlyMap<string, number>;
  /** Raw scores (before the temperature), for training and inspection. */
  scores(features: TaskFeatures): Float64Array;
  predict(features: TaskFeatures): Prediction;
}

export function softmax(scores: ArrayLike<number>, temperature = 1): [number, number, number] {
  const a = scores[0]! / temperature;
  const b = scores[1]! / temperature;
  const c = scores[2]! / temperature;
  const m = Math.max(a, b, c);
  const ea = Math.exp(a - m);
  const eb = Math.exp(b - m);
  const ec = Math.exp(c - m);
  const s = ea + eb + ec;
  return [ea / s, eb / s, ec / s];
}

/** The sparse vector a task becomes: concept values as they are, each n-gram at gramScale / √n. */
export function vectorize(
  features: TaskFeatures,
  index: ReadonlyMap<string, number>,
  gramScale: number,
): { ids: number[]; values: number[] } {
  const ids: number[] = [];
  const values: number[] = [];
  for (const name in features.concepts) {
    const value = features.concepts[name]!;
    if (value === 0) continue;
    const i = index.get(`c:${name}`);
    if (i === undefined) continue;
    ids.push(i);
    values.push(value);
  }
  const gramValue = features.grams.length ? gramScale / Math.sqrt(features.grams.length) : 0;
  for (const gram of features.grams) {
    const i = index.get(gram);
    if (i === undefined) continue;
    ids.push(i);
    values.push(gramValue);
  }
  return { ids, values };
}

export function loadModel(input: unknown): LinearModel {
  const parsed = modelFileSchema.safeParse(input);
  if (!parsed.success) {
    const problem = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`)
      .join('; ');
    throw new Error(
      `The Router's classifier weights are not valid (${problem}). Rebuild them with \`npm run train:router\`.`,
    );
  }
  const file = parsed.data;
  if (file.weights.length !== file.features.length * K) {
    throw new Error(
      `The Router's classifier weights are not valid: ${file.weights.length} weights for ${file.features.length} features. Rebuild them with \`npm run train:router\`.`,
    );
  }
  const index = new Map(file.features.map((f, i) => [f, i]));
  // Concept rows by bare name: the hot path looks them up without building "c:" keys.
  const conceptRow = new Map<string, number>();
  file.features.forEach((f, i) => {
    if (f.startsWith('c:')) conceptRow.set(f.slice(2), i * K);
  });
  const weights = Float64Array.from(file.weights);
  // N-gram rows by key, for features computed on the fast path (gramKeys).
  const keyRow = new Map<number, number>();
  file.features.forEach((f, i) => {
    if (!f.startsWith('c:')) keyRow.set(gramKey(f), i * K);
  });

  function scores(features: TaskFeatures): Float64Array {
    const out = Float64Array.from(file.bias);
    const concepts = features.concepts;
    for (const name in concepts) {
      const v = concepts[name]!;
      if (v === 0) continue;
      const row = conceptRow.get(name);
      if (row === undefined) continue;
      out[0]! += weights[row]! * v;
      out[1]! += weights[row + 1]! * v;
      out[2]! += weights[row + 2]! * v;
    }
    let a = 0;
    let b = 0;
    let c = 0;
    let n: number;
    if (features.keys) {
      n = features.keys.length;
      for (const key of features.keys) {
        const row = keyRow.get(key);
        if (row === undefined) continue;
        a += weights[row]!;
        b += weights[row + 1]!;
        c += weights[row + 2]!;
      }
    } else {
      n = features.grams.length;
      for (const gram of features.grams) {
        const i = index.get(gram);
        if (i === undefined) continue;
        a += weights[i * K]!;
        b += weights[i * K + 1]!;
        c += weights[i * K + 2]!;
      }
    }
    if (n) {
      const v = file.gramScale / Math.sqrt(n);
      out[0]! += a * v;
      out[1]! += b * v;
      out[2]! += c * v;
    }
    return out;
  }

  return {
    file,
    index,
    scores,
    predict(features) {
      const s = scores(features);
      const probabilities = softmax(s, file.calibration.temperature);
      const [pl, pp, pf] = probabilities;
      const k = pf > pp && pf > pl ? 2 : pp > pl ? 1 : 0;
      const drivers: Prediction['drivers'] = [];
      const concepts = features.concepts;
      for (const name in concepts) {
        const value = concepts[name]!;
        const row = conceptRow.get(name);
        if (row === undefined || value === 0) continue;
        // Push toward the chosen route relative to the mean of the others.
        const push =
          value *
          (weights[row + k]! - (weights[row]! + weights[row + 1]! + weights[row + 2]! - weights[row + k]!) / (K - 1));
        if (push > 0) drivers.push({ feature: name, push });
      }
      drivers.sort((a, b) => b.push - a.push);
      return { probabilities, best: routeClasses[k]!, confidence: probabilities[k]!, drivers };
    },
  };
}

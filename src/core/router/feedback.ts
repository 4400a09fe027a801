import { z } from 'zod';
import { routeSchema } from '../../../shared/domain';
import { loadModel, routeClasses, type RouteClass } from './classifier/model';
import { toModelFile, train, type Example } from './classifier/train';
import { createRouter, type Router } from './router';

/**
 * The Router learns from its user. Every re-route, every route chosen by hand and every "still
 * broken" that reaches the failed-fix threshold is kept as a labelled example in the workspace
 * (`.frontier-sos/router-feedback.jsonl`, one JSON object a line), and folded into the classifier
 * at start: a few passes of training that start from the shipped weights and are pulled back
 * toward them, so a handful of corrections move the decisions they are about without erasing
 * what the shipped model knew (docs/router.md, "Learning from corrections").
 */
export const feedbackPath = '.frontier-sos/router-feedback.jsonl';

/** Longest task text kept in a correction; a longer one is cut (its start carries the ask). */
export const maxCorrectionChars = 20_000;

export const correctionSchema = z.object({
  at: z.number().int().nonnegative(),
  kind: z.enum(['reroute', 'override', 'still-broken']),
  taskId: z.string().min(1).max(200),
  text: z.string().min(1).max(maxCorrectionChars),
  failedAttempts: z.number().int().min(0).optional(),
  /** What the Router had decided (null when the user chose before it was asked). */
  from: routeSchema.nullable(),
  /** What the user wants for this task. */
  to: routeSchema,
});
export type Correction = z.infer<typeof correctionSchema>;

export interface FeedbackProblem {
  line: number;
  message: string;
}

/** Reads the feedback file: every good line, and a clear error for each bad one (nothing else is lost). */
export function parseFeedback(content: string): { corrections: Correction[]; problems: FeedbackProblem[] } {
  const corrections: Correction[] = [];
  const problems: FeedbackProblem[] = [];
  content.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    if (line.length > maxCorrectionChars * 2) {
      problems.push({
        line: i + 1,
        message: `line ${i + 1} is ${line.length} characters long, over the ${maxCorrectionChars * 2} a correction may take; it was skipped`,
      });
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      problems.push({
        line: i + 1,
        message: `line ${i + 1} is not JSON (${error instanceof Error ? error.message : String(error)}); a torn write leaves such a line, it was skipped`,
      });
      return;
    }
    const parsed = correctionSchema.safeParse(value);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((x) => `${x.path.join('.') || '(line)'}: ${x.message}`).join('; ');
      problems.push({ line: i + 1, message: `line ${i + 1} is not a correction (${detail}); it was skipped` });
      return;
    }
    corrections.push(parsed.data);
  });
  return { corrections, problems };
}

/** The label a correction teaches, or null when it teaches nothing the classifier can use. */
export function labelOf(correction: Correction, router: Router): RouteClass | null {
  // "Still broken" until the threshold: the problem was beyond the local team. Its text (without
  // the count, which the fact rule reads) teaches the classifier what such problems look like.
  if (correction.kind === 'still-broken')
    return (correction.failedAttempts ?? 0) >= router.config.failedAttemptsThreshold
      ? router.config.targets['failed-3-times']
      : null;
  const task =
    correction.failedAttempts === undefined
      ? { text: correction.text }
      : { text: correction.text, failedAttempts: correction.failedAttempts };
  // A fact decides these anyway; the classifier never sees them.
  if (router.fact(task)) return null;
  return correction.to;
}

export interface Learning {
  /** Corrections read from the file. */
  corrections: number;
  /** Of them, used as examples (the newest correction of a task wins). */
  used: number;
  /** Of the used ones, how many the Router now decides as the user wanted (before → after folding). */
  agreedBefore: number;
  agreedAfter: number;
  /** The newest corrections with the route the Router now gives them, for the dashboard. */
  recent: Array<{ taskId: string; text: string; to: RouteClass; before: RouteClass; now: RouteClass }>;
  problems: FeedbackProblem[];
}

export interface FoldOptions {
  /** Pull toward the shipped weights (larger: corrections move less). */
  l2?: number;
  /** The pull on the concept cues: firmer, so corrections move the words they are about, not every cue. */
  l2Concepts?: number;
  epochs?: number;
  /** How much one correction counts against the prior. */
  weight?: number;
  learningRate?: number;
}

// Chosen on bench/router/corrections.jsonl's held-back half and the training sets (docs/router.md says so).
export const defaultFoldOptions: Required<FoldOptions> = {
  l2: 0.0003,
  l2Concepts: 0.2,
  epochs: 300,
  weight: 1,
  learningRate: 4,
};

/**
 * Folds corrections into a router's classifier. Returns a new router (the same configuration and
 * calibration, the adjusted weights) and what it learned. With no usable correction the router
 * is returned as it was.
 */
export function foldIn(
  router: Router,
  corrections: readonly Correction[],
  options: FoldOptions = {},
): { router: Router; learning: Omit<Learning, 'problems' | 'corrections'> } {
  const o = { ...defaultFoldOptions, ...options };
  const latest = new Map<string, Correction>();
  for (const c of corrections) latest.set(c.taskId, c);
  const examples: Array<Example & { correction: Correction }> = [];
  for (const correction of latest.values()) {
    const label = labelOf(correction, router);
    if (label)
      examples.push({ features: router.features({ text: correction.text }), label, weight: o.weight, correction });
  }
  const decide = (r: Router, c: Correction): RouteClass => r.model.predict(r.features({ text: c.text })).best;
  const before = examples.map((e) => decide(router, e.correction));
  if (examples.length === 0) return { router, learning: { used: 0, agreedBefore: 0, agreedAfter: 0, recent: [] } };
  const trained = train(examples, {
    l2: o.l2,
    l2Concepts: o.l2Concepts,
    gramScale: router.model.file.gramScale,
    epochs: o.epochs,
    minGramCount: 1,
    prior: router.model,
    optimizer: 'gd',
    learningRate: o.learningRate,
  });
  const file = toModelFile(trained, router.model.file.calibration, {
    ...router.model.file.provenance,
    foldedCorrections: examples.length,
  });
  const learned = createRouter(router.config, loadModel(file));
  const after = examples.map((e) => decide(learned, e.correction));
  const recent = examples
    .map((e, i) => ({
      taskId: e.correction.taskId,
      at: e.correction.at,
      text: e.correction.text.slice(0, 160),
      to: e.label,
      before: before[i]!,
      now: after[i]!,
    }))
    .sort((a, b) => b.at - a.at)
    .slice(0, 20)
    .map(({ at: _at, ...rest }) => rest);
  return {
    router: learned,
    learning: {
      used: examples.length,
      agreedBefore: examples.filter((e, i) => before[i] === e.label).length,
      agreedAfter: examples.filter((e, i) => after[i] === e.label).length,
      recent,
    },
  };
}

export { routeClasses };

import { architectureSignal } from '../rules/architecture';
import { failedSignal } from '../rules/failed';
import { mathSignal } from '../rules/math';
import { postCutoffSignal, type CompiledTable } from '../rules/post-cutoff';
import * as c from './concepts';

/**
 * What the classifier sees of a task: concept cues (named `c:…`, dense, in both languages) and
 * word and character n-grams (`w:`, `b:`, `g:`), which carry what no cue names. Pure: the same
 * text always gives the same features, in training (scripts/train-router.mjs) and in use.
 */
export interface TaskFeatures {
  /** Concept cues and their conjunctions, each 0..1. */
  concepts: Record<string, number>;
  /** Distinct n-grams of the text. */
  grams: string[];
}

/** Long pastes (logs) are read at both ends: the ask is usually at the start or the end. */
const headChars = 3000;
const tailChars = 1500;

export function clip(text: string): string {
  return text.length <= headChars + tailChars ? text : `${text.slice(0, headChars)}\n${text.slice(-tailChars)}`;
}

const on = (b: boolean): number => (b ? 1 : 0);

export function conceptFeatures(text: string, table: CompiledTable, knowledgeCutoff: string, failedThreshold: number): Record<string, number> {
  const f: Record<string, number> = {};
  architectureSignal(text, f);
  mathSignal(text, f);
  postCutoffSignal(text, table, knowledgeCutoff, f);
  failedSignal(text, undefined, failedThreshold, f);

  const noExisting = c.noExisting.test(text);
  const venture = c.newVenture.test(text);
  const shape = c.wholeShape.test(text);
  let pieces = 0;
  for (const re of c.systemPieces) if (re.test(text)) pieces++;
  const design = c.designAsk.test(text);
  const proofs = c.proofs.test(text);
  const formulation = c.formulation.test(text);
  const combinatorial = c.combinatorial.test(text);
  const constraints = c.constraintsLang.test(text);
  const algorithm = c.algorithmAsk.test(text);
  const news = c.releaseNews.test(text);
  const upgrade = c.upgradeChange.test(text);
  const routine = c.routineWork.test(text);
  const tuning = c.tuningWork.test(text);
  const existing = c.existingCode.test(text) && !noExisting;
  const lines = text.split('\n').length;
  const log = c.logLine.test(text);
  const numbers = (text.match(/\b\d[\d,.]*\b/g) ?? []).length;
  const probability = c.probability.test(text);
  const countAttempt = c.countNearAttempt(text);
  const broken = c.stillBroken.test(text);
  const agent = c.agentWord.test(text);
  const enumerated = c.enumeratedAttempts.test(text) && c.attemptWord.test(text);
  const newness = noExisting || venture || f['arch.new'] === 1;
  const library = f['post.library'] === 1;

  Object.assign(f, {
    'c.noExisting': on(noExisting),
    'c.venture': on(venture),
    'c.shape': on(shape),
    'c.pieces': Math.min(pieces, 6) / 6,
    'c.manyPieces': on(pieces >= 4),
    'c.design': on(design),
    'c.proofs': on(proofs),
    'c.formulation': on(formulation),
    'c.combinatorial': on(combinatorial),
    'c.constraints': on(constraints),
    'c.algorithm': on(algorithm),
    'c.news': on(news),
    'c.upgrade': on(upgrade),
    'c.routine': on(routine),
    'c.tuning': on(tuning),
    'c.existing': on(existing),
    'c.log': on(log),
    'c.long': on(lines > 15 || text.length > 1200),
    'c.short': on(text.length < 60),
    'c.question': on(c.question.test(text)),
    'c.numbers': Math.min(numbers, 8) / 8,
    'c.probability': on(probability),
    'f.countNearAttempt': on(countAttempt),
    'f.stillBroken': on(broken),
    'f.agent': on(agent),
    'f.enumerated': on(enumerated),
    'x.count+broken': on(countAttempt && broken),
    'x.count+agent': on(countAttempt && agent),
    'x.enumerated+broken': on(enumerated && broken),
    'x.probability+design': on(probability && (design || algorithm)),
    'x.probability+proofs': on(probability && proofs),
    // Conjunctions: a linear model cannot multiply, so the pairs that mean something are named.
    'x.new+shape': on(newness && shape),
    'x.new+pieces': on(newness && pieces >= 3),
    'x.new+design': on(newness && design),
    'x.noExisting+design': on(noExisting && (design || shape)),
    'x.existing+shape': on(existing && shape),
    'x.proofs+algorithm': on(proofs && algorithm),
    'x.formulation+combinatorial': on(formulation && combinatorial),
    'x.combinatorial+constraints': on(combinatorial && constraints),
    'x.algorithm+constraints': on(algorithm && constraints),
    'x.tuning+formulation': on(tuning && formulation),
    'x.library+upgrade': on(library && upgrade),
    'x.library+news': on(library && news),
    'x.library+log': on(library && log),
    'x.news+upgrade': on(news && upgrade),
    'x.routine+log': on(routine && log),
  });
  return f;
}

const wordRe = /[a-z][a-z0-9+#]*(?:[.\-_][a-z0-9+#]+)*|\d+(?:\.\d+)*|[\uac00-\ud7a3]+/g;

/**
 * Word unigrams and bigrams, and character n-grams inside words: 2–3 for Hangul (particles and
 * endings attach to the stem, so 설계해줘 and 설계를 share 설계), 4 for longer Latin words (optimis/
 * optimiz, architect/architecture). Versions keep their major number only.
 */
export function ngrams(text: string): string[] {
  const out = new Set<string>();
  const words = text.toLowerCase().match(wordRe) ?? [];
  let previous: string | null = null;
  for (const raw of words) {
    const word = /^\d/.test(raw) ? `#${raw.split('.')[0]!.length > 3 ? 'n' : raw.split('.')[0]}` : raw;
    out.add(`w:${word}`);
    if (previous !== null) out.add(`b:${previous} ${word}`);
    previous = word;
    const code = word.charCodeAt(0);
    if (code >= 0xac00 && code <= 0xd7a3) {
      for (let i = 0; i + 2 <= word.length; i++) out.add(`g:${word.slice(i, i + 2)}`);
      for (let i = 0; i + 3 <= word.length; i++) out.add(`g:${word.slice(i, i + 3)}`);
    } else if (word.length > 5 && code >= 0x61) {
      for (let i = 0; i + 4 <= word.length; i++) out.add(`g:${word.slice(i, i + 4)}`);
    }
  }
  return [...out];
}

export function taskFeatures(text: string, table: CompiledTable, knowledgeCutoff: string, failedThreshold: number): TaskFeatures {
  const clipped = clip(text);
  return { concepts: conceptFeatures(clipped, table, knowledgeCutoff, failedThreshold), grams: ngrams(clipped) };
}

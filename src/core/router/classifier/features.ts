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
  /** Distinct n-grams of the text (for training; empty on the fast path, which uses `keys`). */
  grams: string[];
  /** The same n-grams as numbers (gramKey of each), when the fast path computed them instead. */
  keys?: number[];
}

/** Long pastes (logs) are read at both ends: the ask is usually at the start or the end. */
const headChars = 3000;
const tailChars = 1500;

export function clip(text: string): string {
  return text.length <= headChars + tailChars ? text : `${text.slice(0, headChars)}\n${text.slice(-tailChars)}`;
}

const on = (b: boolean): number => (b ? 1 : 0);

/** `failedCues`: what failedSignal already found in this text (the Router reads it for the fact first). */
export function conceptFeatures(
  text: string,
  table: CompiledTable,
  knowledgeCutoff: string,
  failedThreshold: number,
  failedCues?: Record<string, number>,
): Record<string, number> {
  const f: Record<string, number> = {};
  architectureSignal(text, f);
  mathSignal(text, f);
  postCutoffSignal(text, table, knowledgeCutoff, f);
  if (failedCues) Object.assign(f, failedCues);
  else failedSignal(text, undefined, failedThreshold, f);

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

/** One n-gram, described without building it: `tag:` + (previous + ' ')? + word[from..to). */
type GramSink = (tag: number, word: string, from: number, to: number, previous: string | null) => void;
const W = 0x77; // 'w'
const B = 0x62; // 'b'
const G = 0x67; // 'g'

/**
 * Word unigrams and bigrams, and character n-grams inside words: 2–3 for Hangul (particles and
 * endings attach to the stem, so 설계해줘 and 설계를 share 설계), 4 for longer Latin words (optimis/
 * optimiz, architect/architecture). Versions keep their major number only. One walk serves both
 * the strings (training) and the keys (the hot path), so the two cannot drift apart.
 */
function walkGrams(text: string, sink: GramSink): void {
  const words = text.toLowerCase().match(wordRe) ?? [];
  let previous: string | null = null;
  for (const raw of words) {
    const word = /^\d/.test(raw) ? `#${raw.split('.')[0]!.length > 3 ? 'n' : raw.split('.')[0]}` : raw;
    sink(W, word, 0, word.length, null);
    if (previous !== null) sink(B, word, 0, word.length, previous);
    previous = word;
    const code = word.charCodeAt(0);
    if (code >= 0xac00 && code <= 0xd7a3) {
      for (let i = 0; i + 2 <= word.length; i++) sink(G, word, i, i + 2, null);
      for (let i = 0; i + 3 <= word.length; i++) sink(G, word, i, i + 3, null);
    } else if (word.length > 5 && code >= 0x61) {
      for (let i = 0; i + 4 <= word.length; i++) sink(G, word, i, i + 4, null);
    }
  }
}

export function ngrams(text: string): string[] {
  const out = new Set<string>();
  walkGrams(text, (tag, word, from, to, previous) => {
    out.add(`${String.fromCharCode(tag)}:${previous === null ? '' : `${previous} `}${word.slice(from, to)}`);
  });
  return [...out];
}

export function taskFeatures(
  text: string,
  table: CompiledTable,
  knowledgeCutoff: string,
  failedThreshold: number,
  failedCues?: Record<string, number>,
): TaskFeatures {
  const clipped = clip(text);
  return {
    concepts: conceptFeatures(clipped, table, knowledgeCutoff, failedThreshold, failedCues),
    grams: ngrams(clipped),
  };
}

// A 52-bit hash of an n-gram, computed from its characters without building the string: the
// routing hot path looks n-grams up by it (no string allocation, no string hashing). Two 32-bit
// multiplicative hashes side by side; 16,724 vocabulary entries collide with odds of about 3e-8.
let h1 = 0;
let h2 = 0;
const begin = (tag: number): void => {
  h1 = 0x811c9dc5;
  h2 = 0x9747b28c;
  feed(tag);
  feed(0x3a); // ':'
};
const feed = (c: number): void => {
  h1 = Math.imul(h1 ^ c, 0x01000193);
  h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  h2 ^= h2 >>> 15;
};
const feedString = (s: string, from = 0, to = s.length): void => {
  for (let i = from; i < to; i++) feed(s.charCodeAt(i));
};
const done = (): number => (h1 >>> 0) * 1048576 + ((h2 >>> 0) >>> 12);

/** The key of an n-gram string ("w:설계", "b:new system", "g:arch"), as gramKeys computes it. */
export function gramKey(gram: string): number {
  begin(gram.charCodeAt(0));
  feedString(gram, 2);
  return done();
}

/** ngrams(text) as keys: the same n-grams, hashed as gramKey would hash their strings. */
export function gramKeys(text: string): number[] {
  const out = new Set<number>();
  walkGrams(text, (tag, word, from, to, previous) => {
    begin(tag);
    if (previous !== null) {
      feedString(previous);
      feed(0x20);
    }
    feedString(word, from, to);
    out.add(done());
  });
  return [...out];
}

/** The routing hot path's features: concepts as in training, n-grams as keys only. */
export function fastTaskFeatures(
  text: string,
  table: CompiledTable,
  knowledgeCutoff: string,
  failedThreshold: number,
  failedCues?: Record<string, number>,
): TaskFeatures {
  const clipped = clip(text);
  return {
    concepts: conceptFeatures(clipped, table, knowledgeCutoff, failedThreshold, failedCues),
    grams: [],
    keys: gramKeys(clipped),
  };
}

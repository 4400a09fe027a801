import { isFiller, redactionRules, type RedactionRule } from './redact-rules';

/**
 * Secret redaction for text that is about to leave the machine (a frontier request). Pure: no
 * I/O, deterministic, the same on every host. Each secret is replaced with a labelled
 * placeholder, `[REDACTED:openai-key]`; everything around it (the error message, the stack
 * trace, the code) stays exactly as written. The report names kinds and counts, never values.
 */

/** A pattern the user adds (Settings): a regular expression source and the label to show. */
export interface UserRedactionPattern {
  kind: string;
  pattern: string;
  flags?: string;
}

export interface RedactOptions {
  /** User-defined patterns, applied with the built-in rules. */
  extraPatterns?: readonly UserRedactionPattern[];
  /**
   * Exact values to remove wherever they appear, whatever their shape (the app's own API keys).
   * Values shorter than 8 characters are ignored: they would cut ordinary words.
   */
  literals?: ReadonlyArray<{ kind: string; value: string }>;
}

export interface RedactionFinding {
  kind: string;
  count: number;
}

export interface RedactionResult {
  text: string;
  /** Kinds and counts, most frequent first; never the values. */
  findings: RedactionFinding[];
  total: number;
}

interface Span {
  start: number;
  end: number;
  kind: string;
  /** Lower wins when two rules claim overlapping text (the rule order). */
  rank: number;
}

export const placeholder = (kind: string): string => `[REDACTED:${kind}]`;

const kindPattern = /^[a-z0-9][a-z0-9:_-]{0,40}$/;

/** Checks a user pattern before it is saved, so a typo is reported once, not on every request. */
export function validateUserPattern(p: UserRedactionPattern): string | null {
  if (!kindPattern.test(p.kind))
    return `The label "${p.kind}" must be 1–41 lower-case letters, digits, "-", "_" or ":".`;
  if (!p.pattern) return 'The pattern is empty.';
  try {
    const re = new RegExp(p.pattern, withGlobal(p.flags ?? ''));
    if (re.test('')) return `The pattern /${p.pattern}/ matches empty text, so it would match everywhere.`;
  } catch (error) {
    return `The pattern /${p.pattern}/ is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`;
  }
  return null;
}

function withGlobal(flags: string): string {
  const unique = new Set(flags.replace(/[^imsuy]/g, ''));
  unique.add('g');
  unique.add('d');
  return [...unique].join('');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Compiled once: a redaction of many short texts (a long queue) must not rebuild 60 patterns each.
// Each pattern is global and stateful; findSpans resets lastIndex before using it.
// A built-in rule never takes a filler ("ghp_xxxx…", "glc_1111…"): docs and examples, not secrets.
const builtIn: RedactionRule[] = redactionRules.map((rule) => ({
  ...rule,
  pattern: new RegExp(rule.pattern.source, withGlobal(rule.pattern.flags)),
  check: (secret: string, match: string) => !isFiller(secret) && (rule.check?.(secret, match) ?? true),
}));

function compile(options: RedactOptions): RedactionRule[] {
  const rules = builtIn;
  // Literal values first: they are certain, and they may have no recognisable shape.
  const literals: RedactionRule[] = (options.literals ?? [])
    .filter((l) => l.value.length >= 8)
    .map((l) => ({ kind: l.kind, pattern: new RegExp(escapeRegExp(l.value), 'gd') }));
  const user: RedactionRule[] = [];
  for (const p of options.extraPatterns ?? []) {
    if (validateUserPattern(p) !== null) continue; // reported when saved; never fatal here
    user.push({ kind: p.kind, pattern: new RegExp(p.pattern, withGlobal(p.flags ?? '')) });
  }
  return [...literals, ...rules, ...user];
}

function spanOf(rule: RedactionRule, match: RegExpExecArray): { start: number; end: number; secret: string } | null {
  const groups = Array.isArray(rule.group) ? rule.group : [rule.group ?? 0];
  for (const g of groups) {
    const at = match.indices?.[g];
    const secret = match[g];
    if (at && secret !== undefined && secret.length > 0) return { start: at[0], end: at[1], secret };
  }
  return null;
}

function findSpans(text: string, rules: readonly RedactionRule[]): Span[] {
  const spans: Span[] = [];
  rules.forEach((rule, rank) => {
    const re = rule.pattern;
    re.lastIndex = 0;
    for (let match = re.exec(text); match; match = re.exec(text)) {
      if (match[0].length === 0) {
        re.lastIndex += 1; // a user pattern that can match nothing must not loop
        continue;
      }
      const span = spanOf(rule, match);
      if (span && (!rule.check || rule.check(span.secret, match[0])))
        spans.push({ start: span.start, end: span.end, kind: rule.kind, rank });
    }
  });
  return spans;
}

/**
 * Overlapping claims become one redaction covering all of them, so no part of a secret survives
 * because two rules saw it differently; it is labelled by the most specific rule among them.
 */
function merge(spans: Span[]): Span[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end || a.rank - b.rank);
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.start < last.end) {
      if (span.rank < last.rank) {
        last.kind = span.kind;
        last.rank = span.rank;
      }
      last.end = Math.max(last.end, span.end);
    } else merged.push({ ...span });
  }
  return merged;
}

/** Placeholders already in the text: nothing inside one is redacted again (idempotence). */
function placeholderRanges(text: string): Array<[number, number]> {
  return [...text.matchAll(/\[REDACTED:[a-z0-9:_-]{1,41}\]/g)].map((m) => [m.index, m.index + m[0].length]);
}

export function redactSecrets(text: string, options: RedactOptions = {}): RedactionResult {
  const done = placeholderRanges(text);
  const found = findSpans(text, compile(options)).filter(
    (s) => !done.some(([start, end]) => s.start < end && s.end > start),
  );
  const spans = merge(found);
  if (spans.length === 0) return { text, findings: [], total: 0 };
  const counts = new Map<string, number>();
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += text.slice(at, span.start) + placeholder(span.kind);
    at = span.end;
    counts.set(span.kind, (counts.get(span.kind) ?? 0) + 1);
  }
  out += text.slice(at);
  const findings = [...counts]
    .map(([kind, count]) => ({ kind, count }))
    .sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
  return { text: out, findings, total: spans.length };
}

/** "2 × openai-key, 1 × jwt": what was taken out, for messages and files (never the values). */
export function describeFindings(findings: readonly RedactionFinding[]): string {
  return findings.map((f) => `${f.count} × ${f.kind}`).join(', ');
}

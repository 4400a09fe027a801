import { messages, type Locale, type MessageKey } from './i18n';

/** Fills `{name}` placeholders; unknown names stay visible so a slip shows. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}

/**
 * The sentences the engine writes into tasks, swaps and answered approvals (why a task waits, why
 * it ended). Hosts, the CLI and the journal carry them in English; the engine writes each from its
 * catalogue entry, so the dashboard can recognise it and show the same sentence in Korean. A value
 * in braces (minutes, a provider, Ollama's own error) is carried over unchanged, or translated
 * when it is itself one of these sentences.
 */
export const engineKeys = [
  'waiting.approval',
  'waiting.drain',
  'waiting.snapshot',
  'waiting.swap',
  'waiting.coder',
  'waiting.reviewer',
  'waiting.reviewAfterSwap',
  'waiting.router',
  'waiting.fitCheck',
  'waiting.frontierPreparing',
  'engine.frontierNoKey',
  'engine.frontierNone',
  'engine.frontierNoneChosen',
  'engine.plannerDenied',
  'engine.plannerExpired',
  'engine.plannerStayCapped',
  'engine.memoryUnknown',
  'engine.plannerNoAnswer',
  'engine.plannerNotStarted',
  'engine.fitHeld',
  'engine.interrupted',
  'engine.swapFailed',
  'engine.frontierWithdrawn',
  'engine.frontierApproved',
  'engine.frontierDenied',
  'engine.frontierNoAnswer',
  'engine.frontierExpired',
  'engine.approvedNotSent',
  'engine.cancelled',
  'engine.frontierCancelled',
  'engine.frontierCancelledStreaming',
  'engine.reviewFailed',
  'engine.swapOver',
  'engine.restoreFailed',
  'engine.residentLoadFailed',
  'engine.frontierInterrupted',
  'engine.frontierAnswered',
  'engine.frontierFailed',
  'engine.schedulerStopped',
  'engine.swapStopped',
  'engine.hostUnknown',
] as const satisfies readonly MessageKey[];
export type EngineKey = (typeof engineKeys)[number];

/** The engine's sentence, in English (the language of the API, the CLI and the journal). */
export function engineText(key: EngineKey, values?: Readonly<Record<string, string | number>>): string {
  return values ? fill(messages.en[key], values) : messages.en[key];
}

interface Pattern {
  key: EngineKey;
  names: string[];
  /** The template's fixed text around the values: one more piece than there are values. */
  pieces: string[];
}

// Fixed sentences first: a template with a value could otherwise swallow one of them.
const patterns: Pattern[] = engineKeys
  .map((key) => {
    const template = messages.en[key];
    return { key, names: [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!), pieces: template.split(/\{\w+\}/) };
  })
  .sort((a, b) => a.names.length - b.names.length);

/**
 * The values of `text` read against the template's pieces, each value as short as it can be (so
 * only the last may contain the text that follows it). Plain string search, not a regular
 * expression: an error of 200 KB costs a few scans, never a backtracking blow-up.
 */
function readValues(text: string, pieces: readonly string[]): string[] | null {
  const first = pieces[0]!;
  const last = pieces[pieces.length - 1]!;
  if (pieces.length === 1) return text === first ? [] : null;
  if (!text.startsWith(first) || !text.endsWith(last)) return null;
  const end = text.length - last.length;
  const values: string[] = [];
  let from = first.length;
  for (const piece of pieces.slice(1, -1)) {
    const at = text.indexOf(piece, from + 1);
    if (at < 0 || at >= end) return null;
    values.push(text.slice(from, at));
    from = at + piece.length;
  }
  if (end - from < 1) return null;
  values.push(text.slice(from, end));
  return values;
}

/** Which catalogue sentence `text` is, with its values; null for text the engine took from elsewhere. */
export function matchEngineText(text: string): { key: EngineKey; values: Record<string, string> } | null {
  for (const { key, names, pieces } of patterns) {
    const values = readValues(text, pieces);
    if (values) return { key, values: Object.fromEntries(names.map((name, i) => [name, values[i]!])) };
  }
  return null;
}

/** The engine's sentence in `locale`, or null when it is not one of the catalogue's. */
export function localizeEngineText(text: string, locale: Locale): string | null {
  const found = matchEngineText(text);
  if (!found) return null;
  if (locale === 'en') return text;
  const values = Object.fromEntries(
    Object.entries(found.values).map(([name, value]) => [name, localizeEngineText(value, locale) ?? value]),
  );
  return fill(messages[locale][found.key], values);
}

import { z } from 'zod';
import { engineKeys, fill, messages, type EngineKey, type Locale } from './i18n';

export type { EngineKey };

/**
 * What the engine says, as data: a catalogue key (shared/i18n/<locale>/engine.ts) and the values
 * its `{placeholders}` take. The engine stores, journals and sends these, never sentences; each
 * surface renders them in its own language at the last moment (`renderMessage`). A value is a
 * number, a string carried as it came (a model name, a path, Ollama's or a provider's own
 * error), or another message, rendered in the same language.
 */
export interface EngineMessage {
  key: EngineKey;
  values?: Record<string, EngineValue>;
}
export type EngineValue = string | number | EngineMessage;

export const engineMessageSchema: z.ZodType<EngineMessage> = z.lazy(() =>
  z.object({
    key: z.enum(engineKeys),
    values: z.record(z.string(), z.union([z.string(), z.number(), engineMessageSchema])).optional(),
  }),
);

/** A message from its key and values. */
export function say(key: EngineKey, values?: Record<string, EngineValue>): EngineMessage {
  return values ? { key, values } : { key };
}

/**
 * Text that did not come from the engine's catalogue (Ollama's error, a provider's, an adapter's):
 * carried whole and shown as it is in every language, never read for meaning.
 */
export function hostSaid(text: string): EngineMessage {
  return { key: 'engine.hostSaid', values: { text } };
}

/** A sentence an older build stored as English text (journal version 1): shown as it was written. */
export function legacyText(text: string): EngineMessage {
  return { key: 'engine.legacy', values: { text } };
}

/** Keys whose text is not ours to translate: the dashboard marks it as English. */
export const foreignKeys: ReadonlySet<EngineKey> = new Set<EngineKey>(['engine.hostSaid', 'engine.legacy']);

/** The message in `locale`, nested messages included. */
export function renderMessage(message: EngineMessage, locale: Locale): string {
  const template = messages[locale][message.key];
  if (!message.values) return template;
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(message.values))
    values[name] = typeof value === 'object' ? renderMessage(value, locale) : value;
  return fill(template, values);
}

/** The English rendering, for the fields the stable HTTP contract keeps as text (docs/interfaces.md). */
export const inEnglish = (message: EngineMessage): string => renderMessage(message, 'en');

/** Whether two messages say the same thing (same key, same values, nested ones compared too). */
export function sameMessage(a: EngineMessage | null | undefined, b: EngineMessage | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  if (a.key !== b.key) return false;
  const av = a.values ?? {};
  const bv = b.values ?? {};
  const names = Object.keys(av);
  if (names.length !== Object.keys(bv).length) return false;
  return names.every((name) => {
    const x = av[name];
    const y = bv[name];
    if (typeof x === 'object' && typeof y === 'object') return sameMessage(x, y);
    return x === y;
  });
}

/** The notices that say a frontier budget stopped a call (the desktop gives them their own title). */
export const budgetKeys: ReadonlySet<EngineKey> = new Set<EngineKey>([
  'engine.budgetReachedDaily',
  'engine.budgetReachedMonthly',
  'engine.budgetExceedsDaily',
  'engine.budgetExceedsMonthly',
]);

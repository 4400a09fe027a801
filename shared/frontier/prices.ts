import { z } from 'zod';

/**
 * Frontier prices and the cost arithmetic. Prices change: the table carries the date they were
 * taken and, per model, where from. Hosts may replace or extend it (createCore's `frontier.prices`).
 * USD per million tokens, standard rates: no batch discount, no prompt caching (this app sends
 * one-off requests, so cached-input rates do not apply).
 */
export const frontierProviderSchema = z.enum(['openai', 'anthropic']);
export type FrontierProvider = z.infer<typeof frontierProviderSchema>;
export const frontierProviders: readonly FrontierProvider[] = ['openai', 'anthropic'];

export const providerNames: Record<FrontierProvider, string> = { openai: 'OpenAI', anthropic: 'Anthropic' };

/** The names the Secrets port keeps each key under (also the environment variables the CLI reads). */
export const frontierKeyNames: Record<FrontierProvider, string> = {
  openai: 'OPENAI_API_KEY',
  anthropic: 'ANTHROPIC_API_KEY',
};

export const modelPriceSchema = z.object({
  provider: frontierProviderSchema,
  /** The model id, without a date suffix: "gpt-4o" also prices "gpt-4o-2024-11-20". */
  model: z.string().min(1),
  inputPerMTok: z.number().nonnegative(),
  outputPerMTok: z.number().nonnegative(),
  /** A request whose input passes `aboveInputTokens` is billed at these multiples, all of it. */
  longContext: z
    .object({
      aboveInputTokens: z.number().int().positive(),
      inputMultiplier: z.number().positive(),
      outputMultiplier: z.number().positive(),
    })
    .optional(),
  source: z.string(),
});
export type ModelPrice = z.infer<typeof modelPriceSchema>;

export const priceTableSchema = z.object({
  /** The day the prices were taken (YYYY-MM-DD). */
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  models: z.array(modelPriceSchema),
});
export type PriceTable = z.infer<typeof priceTableSchema>;

const claudeModels = 'platform.claude.com/docs/en/about-claude/models/overview (model pages, comparison table)';
const openaiMirror =
  "OpenAI's list prices as shown by the Vercel AI Gateway model pages and LaoZhang's 2026-07-30 price-change notice (openai.com/api/pricing was not reachable from the build machine)";
const openaiOlder =
  'platform.openai.com/docs/pricing as quoted by aimodelcalc.pages.dev (May 2026) and deploybase.ai (March 2026)';
/** GPT-5.6: an input over 272K tokens bills the whole request at 2× input and 1.5× output. */
const gpt56LongContext = { aboveInputTokens: 272_000, inputMultiplier: 2, outputMultiplier: 1.5 };

export const defaultPriceTable: PriceTable = {
  asOf: '2026-11-24',
  models: [
    { provider: 'anthropic', model: 'claude-sonnet-5-5', inputPerMTok: 2, outputPerMTok: 10, source: claudeModels },
    { provider: 'anthropic', model: 'claude-sonnet-5', inputPerMTok: 2, outputPerMTok: 10, source: claudeModels },
    { provider: 'anthropic', model: 'claude-opus-5-5', inputPerMTok: 4, outputPerMTok: 20, source: claudeModels },
    { provider: 'anthropic', model: 'claude-fable-5-1', inputPerMTok: 10, outputPerMTok: 50, source: claudeModels },
    { provider: 'anthropic', model: 'claude-haiku-4-5', inputPerMTok: 1, outputPerMTok: 5, source: claudeModels },
    { provider: 'anthropic', model: 'claude-sonnet-4-6', inputPerMTok: 3, outputPerMTok: 15, source: claudeModels },
    { provider: 'anthropic', model: 'claude-sonnet-4-5', inputPerMTok: 3, outputPerMTok: 15, source: claudeModels },
    {
      provider: 'openai',
      model: 'gpt-5.6-terra',
      inputPerMTok: 2,
      outputPerMTok: 12,
      longContext: gpt56LongContext,
      source: openaiMirror,
    },
    {
      provider: 'openai',
      model: 'gpt-5.6-sol',
      inputPerMTok: 5,
      outputPerMTok: 30,
      longContext: gpt56LongContext,
      source: openaiMirror,
    },
    {
      provider: 'openai',
      model: 'gpt-5.6-luna',
      inputPerMTok: 0.2,
      outputPerMTok: 1.2,
      longContext: gpt56LongContext,
      source: openaiMirror,
    },
    { provider: 'openai', model: 'gpt-5.4', inputPerMTok: 2.5, outputPerMTok: 15, source: openaiOlder },
    { provider: 'openai', model: 'gpt-4.1', inputPerMTok: 2, outputPerMTok: 8, source: openaiOlder },
    { provider: 'openai', model: 'gpt-4o', inputPerMTok: 2.5, outputPerMTok: 10, source: openaiOlder },
    { provider: 'openai', model: 'gpt-4o-mini', inputPerMTok: 0.15, outputPerMTok: 0.6, source: openaiOlder },
  ],
};

/** Replaces entries of the same provider and model, adds the others; the later date wins. */
export function mergePriceTables(base: PriceTable, extra: Partial<PriceTable> | undefined): PriceTable {
  if (!extra?.models?.length && !extra?.asOf) return base;
  const key = (p: ModelPrice) => `${p.provider}|${p.model}`;
  const models = new Map(base.models.map((p) => [key(p), p]));
  for (const p of extra.models ?? []) models.set(key(p), p);
  return { asOf: extra.asOf ?? base.asOf, models: [...models.values()] };
}

export interface PriceLookup {
  price: ModelPrice;
  /** False when the model is not in the table: the provider's dearest price is used instead. */
  known: boolean;
}

/**
 * The price of a model: its own entry, or the entry it extends with a date or version suffix
 * ("claude-sonnet-4-5-20250929", "gpt-4o-2024-11-20"); otherwise the provider's most expensive
 * entry, so an estimate for an unknown model errs high, never low.
 */
export function findPrice(table: PriceTable, provider: FrontierProvider, model: string): PriceLookup | null {
  const own = table.models.filter((p) => p.provider === provider);
  const exact = own.find((p) => p.model === model);
  if (exact) return { price: exact, known: true };
  const prefixed = own
    .filter((p) => model.startsWith(`${p.model}-`) && /^[-\d]+$|^-latest$/.test(model.slice(p.model.length)))
    .sort((a, b) => b.model.length - a.model.length)[0];
  if (prefixed) return { price: prefixed, known: true };
  const dearest = [...own].sort((a, b) => b.outputPerMTok + b.inputPerMTok - (a.outputPerMTok + a.inputPerMTok))[0];
  return dearest ? { price: { ...dearest, model }, known: false } : null;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

/** Dollars for a usage at a price, long-context surcharge included. Not rounded. */
export function costUsd(price: ModelPrice, usage: TokenUsage): number {
  const long = price.longContext && usage.inputTokens > price.longContext.aboveInputTokens ? price.longContext : null;
  const input = (usage.inputTokens * price.inputPerMTok * (long?.inputMultiplier ?? 1)) / 1e6;
  const output = (usage.outputTokens * price.outputPerMTok * (long?.outputMultiplier ?? 1)) / 1e6;
  return input + output;
}

const isWide = (c: number): boolean =>
  (c >= 0xac00 && c <= 0xd7a3) ||
  (c >= 0x1100 && c <= 0x11ff) ||
  (c >= 0x3130 && c <= 0x318f) ||
  (c >= 0x4e00 && c <= 0x9fff) ||
  (c >= 0x3040 && c <= 0x30ff);

/**
 * Tokens a text will probably cost, with no tokenizer: one per Hangul syllable or CJK character,
 * one per 3.5 other characters (code and logs tokenize denser than prose's 4). It leans high on
 * purpose: the estimate is a spending promise shown before approval.
 */
export function estimateTokens(text: string): number {
  let wide = 0;
  for (let i = 0; i < text.length; i++) if (isWide(text.charCodeAt(i))) wide++;
  return wide + Math.ceil((text.length - wide) / 3.5);
}

/** "$0.0123" below a dollar (four decimals: a single call is often cents), "$5.12" above. */
export function formatUsd(usd: number): string {
  if (usd !== 0 && Math.abs(usd) < 1) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(2)}`;
}

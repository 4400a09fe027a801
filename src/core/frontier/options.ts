import {
  defaultPriceTable,
  frontierProviders,
  mergePriceTables,
  type FrontierProvider,
  type PriceTable,
} from '../../../shared/frontier/prices';
import { validateUserPattern, type UserRedactionPattern } from '../../../shared/frontier/redact';
import { defaultSpendCaps, type SpendCaps } from '../../../shared/frontier/spend';

/** How frontier escalation behaves; every field has a documented default (README, "Frontier escalation"). */
export interface FrontierOptions {
  /** Which provider answers; "auto" takes the first with a key set, OpenAI first. */
  provider: 'auto' | FrontierProvider;
  models: Record<FrontierProvider, string>;
  /** The most the answer may take; the cost estimate assumes all of it. */
  maxOutputTokens: number;
  caps: SpendCaps;
  prices: PriceTable;
  /** Patterns redacted on top of the built-in rules. */
  redactPatterns: UserRedactionPattern[];
  /** Put before the task in the outgoing text (so it is shown, approved and sent as one). */
  preamble: string;
  /**
   * The local team's next step after an answer, as a short instruction; `{answer}` and `{task}`
   * are filled in. Empty: no follow-up task.
   */
  followUpInstruction: string;
}

export const frontierAnswerPath = 'shared/frontier_answer.md';

export const defaultFrontierOptions: FrontierOptions = {
  provider: 'auto',
  // Current models of each SDK's type list (openai 6.49: ChatModel; @anthropic-ai/sdk 1.13: Model):
  // the balanced everyday tier of each family, not the flagship.
  models: { openai: 'gpt-5.6-terra', anthropic: 'claude-sonnet-5-5' },
  maxOutputTokens: 4096,
  caps: defaultSpendCaps,
  prices: defaultPriceTable,
  redactPatterns: [],
  preamble: [
    "A developer's local coding models could not solve the problem below. Give a precise, working fix:",
    'name each file to change and show the changed code, then explain the cause in a few sentences.',
    'Secrets in the text were replaced with [REDACTED:kind] placeholders before sending; keep them as they are.',
  ].join(' '),
  followUpInstruction:
    "Read {answer} (the frontier model's answer to {task}); apply the fix it describes, changing only the files it names. Leave everything else as it is.",
};

export function resolveFrontierOptions(partial: Partial<FrontierOptions> = {}): FrontierOptions {
  return {
    ...defaultFrontierOptions,
    ...partial,
    models: { ...defaultFrontierOptions.models, ...partial.models },
    caps: { ...defaultFrontierOptions.caps, ...partial.caps },
    prices: partial.prices ? mergePriceTables(defaultPriceTable, partial.prices) : defaultPriceTable,
  };
}

/** A settings error at start-up: says which variable is wrong and what it accepts. */
export class FrontierConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FrontierConfigError';
  }
}

function money(env: Record<string, string | undefined>, name: string): number | null | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  if (/^(none|off|unlimited)$/i.test(raw)) return null;
  const value = Number(raw.replace(/^\$/, ''));
  if (!Number.isFinite(value) || value < 0)
    throw new FrontierConfigError(`${name} must be an amount in USD ≥ 0 (or "none" for no cap), not "${raw}".`);
  return value;
}

/**
 * Frontier settings from environment variables, for the CLI and the headless host:
 * FRONTIER_PROVIDER (auto|openai|anthropic), FRONTIER_OPENAI_MODEL, FRONTIER_ANTHROPIC_MODEL,
 * FRONTIER_DAILY_CAP_USD, FRONTIER_MONTHLY_CAP_USD, FRONTIER_MAX_OUTPUT_TOKENS and
 * FRONTIER_REDACT_PATTERNS (a JSON list of {kind, pattern, flags?}).
 */
export function frontierOptionsFromEnv(env: Record<string, string | undefined>): Partial<FrontierOptions> {
  const options: Partial<FrontierOptions> = {};
  const provider = env['FRONTIER_PROVIDER']?.trim();
  if (provider) {
    if (provider !== 'auto' && !frontierProviders.includes(provider as FrontierProvider))
      throw new FrontierConfigError(`FRONTIER_PROVIDER must be auto, openai or anthropic, not "${provider}".`);
    options.provider = provider as FrontierOptions['provider'];
  }
  const models: Partial<Record<FrontierProvider, string>> = {};
  if (env['FRONTIER_OPENAI_MODEL']?.trim()) models.openai = env['FRONTIER_OPENAI_MODEL'].trim();
  if (env['FRONTIER_ANTHROPIC_MODEL']?.trim()) models.anthropic = env['FRONTIER_ANTHROPIC_MODEL'].trim();
  if (Object.keys(models).length) options.models = { ...defaultFrontierOptions.models, ...models };
  const daily = money(env, 'FRONTIER_DAILY_CAP_USD');
  const monthly = money(env, 'FRONTIER_MONTHLY_CAP_USD');
  if (daily !== undefined || monthly !== undefined) {
    options.caps = {
      dailyUsd: daily === undefined ? defaultSpendCaps.dailyUsd : daily,
      monthlyUsd: monthly === undefined ? defaultSpendCaps.monthlyUsd : monthly,
    };
  }
  const maxOut = env['FRONTIER_MAX_OUTPUT_TOKENS']?.trim();
  if (maxOut) {
    const n = Number(maxOut);
    if (!Number.isInteger(n) || n < 16 || n > 1_000_000)
      throw new FrontierConfigError(
        `FRONTIER_MAX_OUTPUT_TOKENS must be a whole number from 16 to 1000000, not "${maxOut}".`,
      );
    options.maxOutputTokens = n;
  }
  const patterns = env['FRONTIER_REDACT_PATTERNS']?.trim();
  if (patterns) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(patterns);
    } catch {
      throw new FrontierConfigError(
        'FRONTIER_REDACT_PATTERNS must be JSON: a list of {"kind": "label", "pattern": "regex", "flags": "i"}.',
      );
    }
    if (!Array.isArray(parsed))
      throw new FrontierConfigError('FRONTIER_REDACT_PATTERNS must be a JSON list of {"kind", "pattern", "flags"?}.');
    options.redactPatterns = parsed.map((p: unknown, i) => {
      const candidate = p as UserRedactionPattern;
      const problem =
        typeof candidate?.kind === 'string' && typeof candidate?.pattern === 'string'
          ? validateUserPattern(candidate)
          : 'each entry needs "kind" and "pattern" strings';
      if (problem) throw new FrontierConfigError(`FRONTIER_REDACT_PATTERNS entry ${i + 1}: ${problem}`);
      return {
        kind: candidate.kind,
        pattern: candidate.pattern,
        ...(candidate.flags ? { flags: candidate.flags } : {}),
      };
    });
  }
  return options;
}

import { z } from 'zod';
import { frontierProviderSchema } from './prices';

/**
 * What the dashboard sees of frontier escalation (part of AppState). Keys never appear: only
 * whether one is set. Outgoing text appears only after redaction.
 */

const usd = z.number().nonnegative();

/** The details of a frontier approval beyond the four fields docs/interfaces.md names. */
export const frontierApprovalDetailSchema = z.object({
  inputTokens: z.number().int().nonnegative(),
  maxOutputTokens: z.number().int().nonnegative(),
  /** False when the model is not in the price table (the provider's dearest price was used). */
  priceKnown: z.boolean(),
  pricesAsOf: z.string(),
  redactions: z.array(z.object({ kind: z.string(), count: z.number().int().positive() })),
  budget: z.object({
    dailyCapUsd: usd.nullable(),
    monthlyCapUsd: usd.nullable(),
    todayUsd: usd,
    monthUsd: usd,
    leftTodayUsd: usd.nullable(),
    leftMonthUsd: usd.nullable(),
  }),
});
export type FrontierApprovalDetailView = z.infer<typeof frontierApprovalDetailSchema>;

/** The fields a frontier approval carries at its top level (docs/interfaces.md). */
export const frontierApprovalFields = {
  provider: frontierProviderSchema.optional(),
  model: z.string().optional(),
  estimatedCostUsd: usd.optional(),
  /** Exactly the text that leaves the machine, secrets already redacted. */
  outgoing: z.string().optional(),
  frontier: frontierApprovalDetailSchema.nullable().optional(),
};

export const spendStateSchema = z.object({
  todayUsd: usd,
  monthUsd: usd,
  callsToday: z.number().int().nonnegative(),
  callsMonth: z.number().int().nonnegative(),
  dailyCapUsd: usd.nullable(),
  monthlyCapUsd: usd.nullable(),
  leftTodayUsd: usd.nullable(),
  leftMonthUsd: usd.nullable(),
  /** "auto" picks the first provider with a key, OpenAI first. */
  provider: z.enum(['auto', 'openai', 'anthropic']),
  /** Lines of the spend ledger that cannot be read: capped calls are refused until they are fixed. */
  unreadableLedgerLines: z.array(z.number().int()).default([]),
  byProvider: z.array(
    z.object({
      provider: frontierProviderSchema,
      model: z.string(),
      /** Whether an API key is set. The key itself never leaves the host. */
      keySet: z.boolean(),
      todayUsd: usd,
      monthUsd: usd,
      callsToday: z.number().int().nonnegative(),
      callsMonth: z.number().int().nonnegative(),
    }),
  ),
  pricesAsOf: z.string(),
});
export type SpendState = z.infer<typeof spendStateSchema>;

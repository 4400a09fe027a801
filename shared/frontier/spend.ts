import { z } from 'zod';
import { say, type EngineMessage } from '../engine-message';
import { formatUsd, frontierProviderSchema, frontierProviders, type FrontierProvider } from './prices';

/**
 * The spend ledger (.frontier-sos/spend.jsonl): one line per frontier call that reached the
 * provider, with its usage and its cost. It holds numbers and ids only, never request or answer
 * text, so nothing secret can end up in it.
 */
export const spendEntrySchema = z.object({
  at: z.number(),
  taskId: z.string(),
  approvalId: z.string().nullable(),
  provider: frontierProviderSchema,
  model: z.string(),
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  costUsd: z.number().nonnegative(),
  estimatedCostUsd: z.number().nonnegative(),
  /** True when the provider gave no usage (the call broke off): tokens are our estimate. */
  usageEstimated: z.boolean(),
  pricesAsOf: z.string(),
});
export type SpendEntry = z.infer<typeof spendEntrySchema>;

/** Daily and monthly limits in USD; null means no limit. */
export interface SpendCaps {
  dailyUsd: number | null;
  monthlyUsd: number | null;
}

export const defaultSpendCaps: SpendCaps = { dailyUsd: 5, monthlyUsd: 50 };

/** Calendar keys in the host's local time: a "day" is the user's day, not UTC's. */
export function calendarKeys(ms: number): { day: string; month: string } {
  const d = new Date(ms);
  const month = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
  return { day: `${month}-${String(d.getDate()).padStart(2, '0')}`, month };
}

export interface ProviderSpend {
  provider: FrontierProvider;
  todayUsd: number;
  monthUsd: number;
  callsToday: number;
  callsMonth: number;
}

export interface SpendSummary {
  todayUsd: number;
  monthUsd: number;
  callsToday: number;
  callsMonth: number;
  byProvider: ProviderSpend[];
}

export function summarizeSpend(entries: readonly SpendEntry[], now: number): SpendSummary {
  const { day, month } = calendarKeys(now);
  const byProvider = new Map<FrontierProvider, ProviderSpend>(
    frontierProviders.map((provider) => [
      provider,
      { provider, todayUsd: 0, monthUsd: 0, callsToday: 0, callsMonth: 0 },
    ]),
  );
  for (const entry of entries) {
    const keys = calendarKeys(entry.at);
    if (keys.month !== month) continue;
    const p = byProvider.get(entry.provider)!;
    p.monthUsd += entry.costUsd;
    p.callsMonth += 1;
    if (keys.day === day) {
      p.todayUsd += entry.costUsd;
      p.callsToday += 1;
    }
  }
  const list = [...byProvider.values()];
  const sum = (f: (p: ProviderSpend) => number) => list.reduce((total, p) => total + f(p), 0);
  return {
    todayUsd: sum((p) => p.todayUsd),
    monthUsd: sum((p) => p.monthUsd),
    callsToday: sum((p) => p.callsToday),
    callsMonth: sum((p) => p.callsMonth),
    byProvider: list,
  };
}

export type BudgetCheck =
  | { ok: true; leftTodayUsd: number | null; leftMonthUsd: number | null }
  | { ok: false; cap: 'daily' | 'monthly'; capUsd: number; spentUsd: number; said: EngineMessage };

/**
 * Whether a call that may cost `estimateUsd` fits the caps, given what is spent (and reserved by
 * calls under way). A cap already reached is said as such; a call that would pass it says by how
 * much. The day is checked before the month: it is the sooner to reset.
 */
export function checkBudget(
  spent: { todayUsd: number; monthUsd: number },
  caps: SpendCaps,
  estimateUsd: number,
): BudgetCheck {
  const leftTodayUsd = caps.dailyUsd === null ? null : Math.max(0, caps.dailyUsd - spent.todayUsd);
  const leftMonthUsd = caps.monthlyUsd === null ? null : Math.max(0, caps.monthlyUsd - spent.monthUsd);
  const periods = [
    { cap: 'daily' as const, capUsd: caps.dailyUsd, spentUsd: spent.todayUsd, left: leftTodayUsd },
    { cap: 'monthly' as const, capUsd: caps.monthlyUsd, spentUsd: spent.monthUsd, left: leftMonthUsd },
  ];
  for (const p of periods) {
    if (p.capUsd === null || p.left === null) continue;
    const daily = p.cap === 'daily';
    const refused = { ok: false as const, cap: p.cap, capUsd: p.capUsd, spentUsd: p.spentUsd };
    const [cap, spentText] = [formatUsd(p.capUsd), formatUsd(p.spentUsd)];
    if (p.spentUsd >= p.capUsd) {
      return {
        ...refused,
        said: say(daily ? 'engine.budgetReachedDaily' : 'engine.budgetReachedMonthly', { cap, spent: spentText }),
      };
    }
    if (p.spentUsd + estimateUsd > p.capUsd) {
      return {
        ...refused,
        said: say(daily ? 'engine.budgetExceedsDaily' : 'engine.budgetExceedsMonthly', {
          estimate: formatUsd(estimateUsd),
          left: formatUsd(p.left),
          cap,
          spent: spentText,
        }),
      };
    }
  }
  return { ok: true, leftTodayUsd, leftMonthUsd };
}

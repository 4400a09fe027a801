import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../../shared/engine-message';
import {
  costUsd,
  defaultPriceTable,
  estimateTokens,
  findPrice,
  formatUsd,
  mergePriceTables,
  priceTableSchema,
} from '../../../shared/frontier/prices';
import { calendarKeys, checkBudget, summarizeSpend, type SpendEntry } from '../../../shared/frontier/spend';
import {
  defaultFrontierOptions,
  FrontierConfigError,
  frontierOptionsFromEnv,
  resolveFrontierOptions,
} from '../../../src/core/frontier/options';

// Prices, cost arithmetic, the caps and their messages: pure functions, exact numbers.
describe('the price table', () => {
  it('is dated, sourced, valid, and prices both default models', () => {
    expect(priceTableSchema.parse(defaultPriceTable)).toEqual(defaultPriceTable);
    expect(defaultPriceTable.asOf).toMatch(/^2026-\d\d-\d\d$/);
    for (const p of defaultPriceTable.models) expect(p.source.length).toBeGreaterThan(10);
    expect(findPrice(defaultPriceTable, 'openai', defaultFrontierOptions.models.openai)?.known).toBe(true);
    expect(findPrice(defaultPriceTable, 'anthropic', defaultFrontierOptions.models.anthropic)?.known).toBe(true);
  });

  it('finds dated and versioned ids under their base model, and prices unknown models high', () => {
    expect(findPrice(defaultPriceTable, 'openai', 'gpt-4o-2024-11-20')?.price.model).toBe('gpt-4o');
    expect(findPrice(defaultPriceTable, 'openai', 'gpt-4o-mini-2024-07-18')?.price.model).toBe('gpt-4o-mini');
    expect(findPrice(defaultPriceTable, 'anthropic', 'claude-sonnet-4-5-20250929')?.price.inputPerMTok).toBe(3);
    const unknown = findPrice(defaultPriceTable, 'openai', 'gpt-9-preview')!;
    expect(unknown.known).toBe(false);
    const dearest = Math.max(
      ...defaultPriceTable.models.filter((p) => p.provider === 'openai').map((p) => p.outputPerMTok),
    );
    expect(unknown.price.outputPerMTok).toBe(dearest);
  });

  it('lets a host replace and add prices, with its own date', () => {
    const merged = mergePriceTables(defaultPriceTable, {
      asOf: '2026-12-01',
      models: [
        { provider: 'openai', model: 'gpt-5.6-terra', inputPerMTok: 1, outputPerMTok: 6, source: 'test' },
        { provider: 'openai', model: 'gpt-6-sol', inputPerMTok: 2, outputPerMTok: 10, source: 'test' },
      ],
    });
    expect(merged.asOf).toBe('2026-12-01');
    expect(findPrice(merged, 'openai', 'gpt-5.6-terra')?.price.outputPerMTok).toBe(6);
    expect(findPrice(merged, 'openai', 'gpt-6-sol')?.known).toBe(true);
    expect(merged.models.length).toBe(defaultPriceTable.models.length + 1);
    expect(resolveFrontierOptions({ prices: { asOf: '2026-12-01', models: [] } }).prices.asOf).toBe('2026-12-01');
  });
});

describe('cost arithmetic', () => {
  const terra = findPrice(defaultPriceTable, 'openai', 'gpt-5.6-terra')!.price;

  it('is tokens × price per million, input and output apart', () => {
    // $2 / $12 per MTok: 10,000 in + 2,000 out = 0.02 + 0.024.
    expect(costUsd(terra, { inputTokens: 10_000, outputTokens: 2_000 })).toBeCloseTo(0.044, 10);
    const sonnet = findPrice(defaultPriceTable, 'anthropic', 'claude-sonnet-5-5')!.price;
    expect(costUsd(sonnet, { inputTokens: 1_000_000, outputTokens: 1_000_000 })).toBeCloseTo(12, 10);
    expect(costUsd(sonnet, { inputTokens: 0, outputTokens: 0 })).toBe(0);
  });

  it('bills a long-context request whole at the long-context rates', () => {
    expect(costUsd(terra, { inputTokens: 272_000, outputTokens: 1_000 })).toBeCloseTo(0.544 + 0.012, 10);
    expect(costUsd(terra, { inputTokens: 272_001, outputTokens: 1_000 })).toBeCloseTo(
      272_001 * 4e-6 + 1_000 * 18e-6,
      10,
    );
  });

  it('estimates tokens high, Hangul one each', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abcdefg')).toBe(2);
    expect(estimateTokens('a'.repeat(350))).toBe(100);
    expect(estimateTokens('안녕하세요')).toBe(5);
    expect(estimateTokens('에러: null')).toBe(2 + Math.ceil(6 / 3.5));
  });

  it('formats small amounts to the hundredth of a cent', () => {
    expect(formatUsd(0.0123456)).toBe('$0.0123');
    expect(formatUsd(5)).toBe('$5.00');
    expect(formatUsd(5.123)).toBe('$5.12');
    expect(formatUsd(0)).toBe('$0.00');
  });
});

describe('spend and caps', () => {
  const at = (iso: string) => new Date(iso).getTime();
  const entry = (when: string, costUsd: number, provider: 'openai' | 'anthropic' = 'openai'): SpendEntry => ({
    at: at(when),
    taskId: 't',
    approvalId: null,
    provider,
    model: 'm',
    inputTokens: 1,
    outputTokens: 1,
    costUsd,
    estimatedCostUsd: costUsd,
    usageEstimated: false,
    pricesAsOf: '2026-11-24',
  });

  it('sums today and this month in local time, per provider', () => {
    const now = at('2026-11-24T15:00:00');
    const summary = summarizeSpend(
      [
        entry('2026-10-31T23:00:00', 9),
        entry('2026-11-01T00:30:00', 1),
        entry('2026-11-23T23:59:00', 2, 'anthropic'),
        entry('2026-11-24T00:01:00', 0.5),
        entry('2026-11-24T14:00:00', 0.25, 'anthropic'),
      ],
      now,
    );
    expect(summary.todayUsd).toBeCloseTo(0.75);
    expect(summary.monthUsd).toBeCloseTo(3.75);
    expect(summary.callsToday).toBe(2);
    expect(summary.callsMonth).toBe(4);
    expect(summary.byProvider.find((p) => p.provider === 'anthropic')).toMatchObject({
      todayUsd: 0.25,
      monthUsd: 2.25,
      callsMonth: 2,
    });
    expect(calendarKeys(at('2026-11-24T00:00:00'))).toEqual({ day: '2026-11-24', month: '2026-11' });
  });

  it('blocks at a reached cap with the message that names it', () => {
    const caps = { dailyUsd: 5, monthlyUsd: 50 };
    const daily = checkBudget({ todayUsd: 5.12, monthUsd: 20 }, caps, 0.05);
    expect(daily).toMatchObject({ ok: false, cap: 'daily', capUsd: 5, said: { key: 'engine.budgetReachedDaily' } });
    expect(!daily.ok && renderMessage(daily.said, 'en')).toBe(
      'Daily frontier budget of $5.00 reached ($5.12 spent today): raise it in Settings or wait until tomorrow.',
    );
    expect(!daily.ok && renderMessage(daily.said, 'ko')).toBe(
      '일일 프론티어 예산 $5.00에 도달했습니다(오늘 $5.12 사용). 설정에서 예산을 올리거나 내일까지 기다리세요.',
    );
    const monthly = checkBudget({ todayUsd: 1, monthUsd: 50 }, caps, 0.05);
    expect(!monthly.ok && renderMessage(monthly.said, 'en')).toBe(
      'Monthly frontier budget of $50.00 reached ($50.00 spent this month): raise it in Settings or wait until next month.',
    );
  });

  it('blocks a call that could pass the cap, saying by how much', () => {
    const check = checkBudget({ todayUsd: 4.97, monthUsd: 10 }, { dailyUsd: 5, monthlyUsd: 50 }, 0.06);
    expect(!check.ok && renderMessage(check.said, 'en')).toBe(
      'This call could cost up to $0.0600, more than the $0.0300 left of the daily frontier budget of $5.00 ($4.97 spent today): raise it in Settings, shorten the request, or wait until tomorrow.',
    );
  });

  it('lets a call through with what is left, and knows no cap when there is none', () => {
    expect(checkBudget({ todayUsd: 1, monthUsd: 10 }, { dailyUsd: 5, monthlyUsd: 50 }, 0.06)).toEqual({
      ok: true,
      leftTodayUsd: 4,
      leftMonthUsd: 40,
    });
    expect(checkBudget({ todayUsd: 100, monthUsd: 1000 }, { dailyUsd: null, monthlyUsd: null }, 10)).toEqual({
      ok: true,
      leftTodayUsd: null,
      leftMonthUsd: null,
    });
    const zero = checkBudget({ todayUsd: 0, monthUsd: 0 }, { dailyUsd: 0, monthlyUsd: 50 }, 0.01);
    expect(!zero.ok && renderMessage(zero.said, 'en')).toMatch(/^Daily frontier budget of \$0\.00 reached/);
  });
});

describe('frontier settings from the environment', () => {
  it('reads provider, models, caps, output limit and redaction patterns', () => {
    const options = frontierOptionsFromEnv({
      FRONTIER_PROVIDER: 'anthropic',
      FRONTIER_ANTHROPIC_MODEL: 'claude-opus-5-5',
      FRONTIER_DAILY_CAP_USD: '$2.50',
      FRONTIER_MONTHLY_CAP_USD: 'none',
      FRONTIER_MAX_OUTPUT_TOKENS: '2048',
      FRONTIER_REDACT_PATTERNS: '[{"kind":"ticket","pattern":"ACME-\\\\d+"}]',
    });
    expect(options).toEqual({
      provider: 'anthropic',
      models: { openai: defaultFrontierOptions.models.openai, anthropic: 'claude-opus-5-5' },
      caps: { dailyUsd: 2.5, monthlyUsd: null },
      maxOutputTokens: 2048,
      redactPatterns: [{ kind: 'ticket', pattern: 'ACME-\\d+' }],
    });
    expect(frontierOptionsFromEnv({})).toEqual({});
  });

  it('says which variable is wrong', () => {
    expect(() => frontierOptionsFromEnv({ FRONTIER_PROVIDER: 'gemini' })).toThrow(FrontierConfigError);
    expect(() => frontierOptionsFromEnv({ FRONTIER_DAILY_CAP_USD: '-1' })).toThrow(
      /FRONTIER_DAILY_CAP_USD must be an amount/,
    );
    expect(() => frontierOptionsFromEnv({ FRONTIER_MAX_OUTPUT_TOKENS: '1.5' })).toThrow(/FRONTIER_MAX_OUTPUT_TOKENS/);
    expect(() => frontierOptionsFromEnv({ FRONTIER_REDACT_PATTERNS: '[{"kind":"x","pattern":"("}]' })).toThrow(
      /entry 1: .*not a valid regular expression/,
    );
  });
});

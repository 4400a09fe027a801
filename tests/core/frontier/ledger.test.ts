import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../../shared/engine-message';
import { createMemoryWorkspace } from '../../../src/adapters/workspace/memory-workspace';
import { spendLedgerPath } from '../../../src/core/frontier/ledger';
import { resolveFrontierOptions } from '../../../src/core/frontier/options';
import { FrontierService } from '../../../src/core/frontier/service';
import type { Ports } from '../../../src/core/ports';

const entry = (at: number, costUsd: number) =>
  JSON.stringify({
    at,
    taskId: 't',
    approvalId: null,
    provider: 'openai',
    model: 'gpt-4o',
    inputTokens: 10,
    outputTokens: 10,
    costUsd,
    estimatedCostUsd: costUsd,
    usageEstimated: false,
    pricesAsOf: '2026-11-01',
  });

async function service(ledger: string, caps: { dailyUsd: number | null; monthlyUsd: number | null }) {
  const workspace = createMemoryWorkspace();
  await workspace.writeTextAtomic(spendLedgerPath, ledger);
  const s = new FrontierService(
    {
      workspace,
      frontier: [],
      secrets: { get: async () => null, set: async () => undefined, has: async () => false },
    } as unknown as Ports,
    resolveFrontierOptions({ caps }),
  );
  await s.load();
  return { s, workspace };
}

describe('the spend ledger when lines cannot be read', () => {
  const now = Date.now();
  it('an unreadable line: capped calls are refused (fail closed), the state names the line', async () => {
    const { s } = await service(`${entry(now, 1)}\n{"not": "an entry"}\n${entry(now, 2)}\n`, {
      dailyUsd: 10,
      monthlyUsd: null,
    });
    expect(s.ledger.unreadableLines).toEqual([2]);
    const check = s.budget(0.01, now);
    expect(check.ok).toBe(false);
    if (!check.ok)
      expect(renderMessage(check.said, 'en')).toMatch(
        /cannot be read at \.frontier-sos\/spend\.jsonl line 2, so the daily cap cannot be checked/,
      );
    expect((await s.view(now)).unreadableLedgerLines).toEqual([2]);
  });

  it('with no cap there is nothing to check, so the call may go', async () => {
    const { s } = await service(`${entry(now, 1)}\ngarbage\n${entry(now, 2)}\n`, { dailyUsd: null, monthlyUsd: null });
    expect(s.budget(0.01, now).ok).toBe(true);
  });

  it('a torn last line (a crash mid-write) is cut off and the rest counts', async () => {
    const { s, workspace } = await service(`${entry(now, 1)}\n${entry(now, 2).slice(0, 40)}`, {
      dailyUsd: 10,
      monthlyUsd: null,
    });
    expect(s.ledger.unreadableLines).toEqual([]);
    expect(s.budget(0.01, now).ok).toBe(true);
    expect(await workspace.readText(spendLedgerPath)).toBe(`${entry(now, 1)}\n`);
  });
});

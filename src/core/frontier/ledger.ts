import { spendEntrySchema, summarizeSpend, type SpendEntry, type SpendSummary } from '../../../shared/frontier/spend';
import type { Workspace } from '../ports';

export const spendLedgerPath = '.frontier-sos/spend.jsonl';

/**
 * The spend ledger: append-only, one JSON line per call, read back at start. Calls under way
 * reserve their estimate, so two calls approved at the same moment cannot both pass a cap that
 * only one of them fits.
 */
export class SpendLedger {
  private entries: SpendEntry[] = [];
  private readonly reserved = new Map<string, { at: number; usd: number }>();
  /** Lines that could not be read at start (a torn last line, or a hand edit). */
  skippedLines = 0;

  constructor(private readonly workspace: Workspace) {}

  async load(): Promise<void> {
    const text = (await this.workspace.readText(spendLedgerPath)) ?? '';
    const entries: SpendEntry[] = [];
    let skipped = 0;
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const parsed = spendEntrySchema.safeParse(JSON.parse(line));
        if (parsed.success) entries.push(parsed.data);
        else skipped += 1;
      } catch {
        skipped += 1;
      }
    }
    this.entries = entries;
    this.skippedLines = skipped;
  }

  async append(entry: SpendEntry): Promise<void> {
    const valid = spendEntrySchema.parse(entry);
    await this.workspace.appendLine(spendLedgerPath, JSON.stringify(valid));
    this.entries.push(valid);
  }

  all(): readonly SpendEntry[] {
    return this.entries;
  }

  reserve(id: string, at: number, usd: number): void {
    this.reserved.set(id, { at, usd });
  }

  release(id: string): void {
    this.reserved.delete(id);
  }

  /** Spent plus reserved, for the budget check. */
  committed(now: number): SpendSummary {
    const reservations = [...this.reserved.entries()].map(([id, r]) => ({
      at: r.at,
      taskId: id,
      approvalId: null,
      provider: 'openai' as const,
      model: '(reserved)',
      inputTokens: 0,
      outputTokens: 0,
      costUsd: r.usd,
      estimatedCostUsd: r.usd,
      usageEstimated: true,
      pricesAsOf: '',
    }));
    return summarizeSpend([...this.entries, ...reservations], now);
  }

  summary(now: number): SpendSummary {
    return summarizeSpend(this.entries, now);
  }
}

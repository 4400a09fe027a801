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
  /**
   * Lines that could not be read (1-based), other than a torn last line: spend the caps cannot
   * count. While there are any, a capped call is refused (fail closed) and the state says why.
   */
  unreadableLines: number[] = [];

  constructor(private readonly workspace: Workspace) {}

  async load(): Promise<void> {
    const text = (await this.workspace.readText(spendLedgerPath)) ?? '';
    const entries: SpendEntry[] = [];
    const unreadable: number[] = [];
    const lines = text.split('\n');
    const last = text.endsWith('\n') ? -1 : lines.length - 1;
    let tornTail = false;
    lines.forEach((line, index) => {
      if (!line.trim()) return;
      let ok = false;
      try {
        const parsed = spendEntrySchema.safeParse(JSON.parse(line));
        if (parsed.success) {
          entries.push(parsed.data);
          ok = true;
        }
      } catch {
        ok = false; // reported below with its line number
      }
      if (ok) return;
      if (index === last) tornTail = true;
      else unreadable.push(index + 1);
    });
    if (tornTail || (text !== '' && !text.endsWith('\n'))) {
      // A crash cut the last call's line: it is cut off (so the next line does not glue onto it),
      // and its call, whose cost was never recorded, is not counted; everything else stays.
      await this.workspace.writeTextAtomic(
        spendLedgerPath,
        lines
          .filter((l, i) => l.trim() && (i !== last || !tornTail))
          .map((l) => `${l}\n`)
          .join(''),
      );
    }
    this.entries = entries;
    this.unreadableLines = unreadable;
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

import { say, type EngineMessage } from '../../../shared/engine-message';
import {
  costUsd,
  estimateTokens,
  findPrice,
  frontierKeyNames,
  frontierProviders,
  providerNames,
  type FrontierProvider,
  type TokenUsage,
} from '../../../shared/frontier/prices';
import { redactSecrets, type RedactionFinding } from '../../../shared/frontier/redact';
import { checkBudget, type BudgetCheck } from '../../../shared/frontier/spend';
import type { SpendState } from '../../../shared/frontier/view';
import type { FrontierClient, Ports } from '../ports';
import { SpendLedger, spendLedgerPath } from './ledger';
import type { FrontierOptions } from './options';

/** A request ready to be put to the user: exactly what would be sent, and what it may cost. */
export interface PreparedRequest {
  client: FrontierClient;
  provider: FrontierProvider;
  model: string;
  outgoing: string;
  redactions: RedactionFinding[];
  inputTokens: number;
  maxOutputTokens: number;
  estimatedCostUsd: number;
  priceKnown: boolean;
  pricesAsOf: string;
}

/** Framing the APIs add around a message (role markers, turn tokens): a few tokens, counted high. */
const messageOverheadTokens = 16;

/**
 * Frontier escalation's state and arithmetic, without the task flow (that is the runner's):
 * which provider answers, the redacted outgoing text, the estimate, the caps, the ledger.
 */
export class FrontierService {
  readonly ledger: SpendLedger;

  constructor(
    private readonly ports: Ports,
    readonly options: FrontierOptions,
  ) {
    this.ledger = new SpendLedger(ports.workspace);
  }

  load(): Promise<void> {
    return this.ledger.load();
  }

  client(provider: FrontierProvider): FrontierClient | undefined {
    return this.ports.frontier.find((c) => c.provider === provider);
  }

  private keyName(provider: FrontierProvider): string {
    return this.client(provider)?.keyName ?? frontierKeyNames[provider];
  }

  keySet(provider: FrontierProvider): Promise<boolean> {
    return this.ports.secrets.has(this.keyName(provider));
  }

  /** The provider that answers now, or why none can (for the task's waitingFor). */
  async choose(): Promise<
    { client: FrontierClient; provider: FrontierProvider; model: string } | { waitingFor: EngineMessage }
  > {
    const wanted = this.options.provider === 'auto' ? frontierProviders : [this.options.provider];
    const available = wanted.filter((p) => this.client(p));
    if (available.length === 0) {
      return {
        waitingFor:
          this.options.provider === 'auto'
            ? say('engine.frontierNone')
            : say('engine.frontierNoneChosen', { provider: providerNames[this.options.provider] }),
      };
    }
    for (const provider of available) {
      if (await this.keySet(provider))
        return { client: this.client(provider)!, provider, model: this.options.models[provider] };
    }
    const names = available.map((p) => `${providerNames[p]} (${this.keyName(p)})`).join(' or ');
    return { waitingFor: say('engine.frontierNoKey', { providers: names }) };
  }

  /** The app's own keys, so they are taken out even where their shape is not recognised. */
  private async knownSecrets(): Promise<Array<{ kind: string; value: string }>> {
    const out: Array<{ kind: string; value: string }> = [];
    for (const provider of frontierProviders) {
      const value = await this.ports.secrets.get(this.keyName(provider));
      if (value) out.push({ kind: `${provider}-key`, value });
    }
    return out;
  }

  /** Redacts the task and builds the outgoing text, with its token and cost estimates. */
  async prepare(
    taskText: string,
    target: { client: FrontierClient; provider: FrontierProvider; model: string },
  ): Promise<PreparedRequest> {
    const redacted = redactSecrets(taskText, {
      extraPatterns: this.options.redactPatterns,
      literals: await this.knownSecrets(),
    });
    const outgoing = this.options.preamble ? `${this.options.preamble}\n\n${redacted.text}` : redacted.text;
    const inputTokens = estimateTokens(outgoing) + messageOverheadTokens;
    const maxOutputTokens = this.options.maxOutputTokens;
    const price = findPrice(this.options.prices, target.provider, target.model);
    return {
      ...target,
      outgoing,
      redactions: redacted.findings,
      inputTokens,
      maxOutputTokens,
      estimatedCostUsd: price ? costUsd(price.price, { inputTokens, outputTokens: maxOutputTokens }) : 0,
      priceKnown: price?.known ?? false,
      pricesAsOf: this.options.prices.asOf,
    };
  }

  /** Actual cost of a response; the estimate's price rules apply (unknown model: dearest price). */
  cost(provider: FrontierProvider, model: string, usage: TokenUsage): number {
    const price = findPrice(this.options.prices, provider, model);
    return price ? costUsd(price.price, usage) : 0;
  }

  budget(estimateUsd: number, now: number): BudgetCheck {
    const { caps } = this.options;
    const unreadable = this.ledger.unreadableLines;
    if (unreadable.length && (caps.dailyUsd !== null || caps.monthlyUsd !== null)) {
      // Spend that cannot be counted cannot be checked against a cap: refuse rather than overspend.
      const cap = caps.dailyUsd !== null ? 'daily' : 'monthly';
      const lines = `${unreadable.slice(0, 5).join(', ')}${unreadable.length > 5 ? ', …' : ''}`;
      return {
        ok: false,
        cap,
        capUsd: (cap === 'daily' ? caps.dailyUsd : caps.monthlyUsd) ?? 0,
        spentUsd: this.ledger.summary(now)[cap === 'daily' ? 'todayUsd' : 'monthUsd'],
        said: say(
          unreadable.length === 1
            ? cap === 'daily'
              ? 'engine.ledgerUnreadableDaily'
              : 'engine.ledgerUnreadableMonthly'
            : cap === 'daily'
              ? 'engine.ledgerLinesUnreadableDaily'
              : 'engine.ledgerLinesUnreadableMonthly',
          { path: spendLedgerPath, lines },
        ),
      };
    }
    return checkBudget(this.ledger.committed(now), caps, estimateUsd);
  }

  async view(now: number): Promise<SpendState> {
    const summary = this.ledger.summary(now);
    const { caps } = this.options;
    const byProvider = await Promise.all(
      summary.byProvider.map(async (p) => ({
        ...p,
        model: this.options.models[p.provider],
        keySet: Boolean(this.client(p.provider)) && (await this.keySet(p.provider)),
      })),
    );
    return {
      todayUsd: summary.todayUsd,
      monthUsd: summary.monthUsd,
      callsToday: summary.callsToday,
      callsMonth: summary.callsMonth,
      dailyCapUsd: caps.dailyUsd,
      monthlyCapUsd: caps.monthlyUsd,
      leftTodayUsd: caps.dailyUsd === null ? null : Math.max(0, caps.dailyUsd - summary.todayUsd),
      leftMonthUsd: caps.monthlyUsd === null ? null : Math.max(0, caps.monthlyUsd - summary.monthUsd),
      provider: this.options.provider,
      byProvider,
      pricesAsOf: this.options.prices.asOf,
      unreadableLedgerLines: [...this.ledger.unreadableLines],
    };
  }
}

import { hostSaid, renderMessage, say, type EngineMessage } from '../../../shared/engine-message';
import { estimateTokens, formatUsd, providerNames } from '../../../shared/frontier/prices';
import { describeFindings, redactSecrets } from '../../../shared/frontier/redact';
import type { Task } from '../../../shared/tasks';
import { renderFrontierAnswer } from '../frontier/answer';
import { isFrontierError } from '../frontier/errors';
import { frontierAnswerPath } from '../frontier/options';
import type { FrontierService, PreparedRequest } from '../frontier/service';
import type { ApprovalDecision, FrontierApprovalDetail } from '../ports';
import type { AnsweredFrontierApproval } from '../state';
import type { Context } from './context';

const resultPathOf = (id: string) => `shared/results/${id}.md`;
export const frontierApprovalWaiting = say('waiting.approval');

interface Run {
  controller: AbortController;
  approvalId: string | null;
  /** Taken over by a re-route: the run stops and leaves the task alone. */
  released: boolean;
}

class Released extends Error {}

/** The question a frontier approval puts, as data: who receives the text and what it may cost. */
export function frontierApprovalSaid(p: PreparedRequest): EngineMessage {
  return say('engine.frontierAsk', {
    provider: providerNames[p.provider],
    model: p.model,
    cost: formatUsd(p.estimatedCostUsd),
  });
}

/**
 * The approval's text, for the API's `message`: the question in Korean and in English (both from
 * the catalogue, as the planner's warning is), then the English details.
 */
export function frontierApprovalMessage(p: PreparedRequest, detail: FrontierApprovalDetail): string {
  const { budget } = detail;
  const left = (leftUsd: number | null, capUsd: number | null, when: string) =>
    capUsd === null ? `no cap ${when}` : `${formatUsd(leftUsd ?? 0)} of ${formatUsd(capUsd)} ${when}`;
  const price = p.priceKnown
    ? `prices as of ${p.pricesAsOf}`
    : `${p.model} is not in the price table (as of ${p.pricesAsOf}): estimated at ${providerNames[p.provider]}'s highest price`;
  const ask = frontierApprovalSaid(p);
  return [
    renderMessage(ask, 'ko'),
    renderMessage(ask, 'en'),
    `Send this request to ${providerNames[p.provider]} (${p.model})? About ${p.inputTokens.toLocaleString('en-US')} input tokens and up to ${p.maxOutputTokens.toLocaleString('en-US')} output tokens: up to ${formatUsd(p.estimatedCostUsd)} (${price}).`,
    `Budget left: ${left(budget.leftTodayUsd, budget.dailyCapUsd, 'today')}, ${left(budget.leftMonthUsd, budget.monthlyCapUsd, 'this month')}.`,
    `Redacted before sending: ${p.redactions.length ? describeFindings(p.redactions) : 'nothing found'}. The outgoing text is exactly what leaves this machine.`,
  ].join('\n');
}

/**
 * Runs frontier tasks: redact → estimate → budget → approval → send exactly the approved text →
 * answer files → spend → done. Frontier work holds no agent lock and needs no local memory, so it
 * runs beside local work and planner swaps, never blocking them. Every step is a journalled task
 * update; the outgoing text and the ledger only ever hold redacted text and numbers.
 */
export class FrontierRunner {
  private readonly runs = new Map<string, Run>();

  constructor(
    private readonly ctx: Context,
    readonly service: FrontierService,
    private readonly followUp: (origin: Task, instruction: string) => Promise<void>,
  ) {}

  /** Journalled, so the history survives a restart. */
  answeredApprovals(): readonly AnsweredFrontierApproval[] {
    return this.ctx.state.frontierApprovals;
  }

  isActive(taskId: string): boolean {
    return this.runs.has(taskId);
  }

  /** Stops a run without touching its task: a re-route takes the task over. */
  release(taskId: string): void {
    const run = this.runs.get(taskId);
    if (!run) return;
    run.released = true;
    if (run.approvalId) this.ctx.ports.approvals.withdraw(run.approvalId);
    run.controller.abort();
  }

  /**
   * After a restart: a frontier task that was waiting for its approval or for its answer is asked
   * again (the approval died with the process; nothing is sent without a new one).
   */
  async recover(): Promise<string[]> {
    const requeued: string[] = [];
    for (const task of this.ctx.tasksWhere(
      (t) => t.route === 'frontier' && (t.status === 'waiting' || t.status === 'running'),
    )) {
      await this.ctx.updateTask(task.id, { status: 'queued', waitingFor: null });
      if (task.status === 'running') {
        this.ctx.events.emit('notice', {
          level: 'warn',
          said: say('engine.frontierInterrupted', { task: task.id }),
          taskId: task.id,
        });
      }
      requeued.push(task.id);
    }
    return requeued;
  }

  /** Takes a queued frontier task; the state change is journalled before the work goes to the background. */
  async start(task: Task, done: () => void): Promise<void> {
    if (this.runs.has(task.id)) return;
    const run: Run = { controller: new AbortController(), approvalId: null, released: false };
    this.runs.set(task.id, run);
    this.ctx.running.set(task.id, run.controller);
    try {
      await this.ctx.updateTask(task.id, {
        status: 'waiting',
        waitingFor: say('waiting.frontierPreparing'),
        error: null,
        agent: null,
      });
    } catch (error) {
      this.runs.delete(task.id);
      this.ctx.running.delete(task.id);
      throw error;
    }
    void this.run(task, run).finally(() => {
      this.runs.delete(task.id);
      if (this.ctx.running.get(task.id) === run.controller) this.ctx.running.delete(task.id);
      done();
    });
  }

  private async update(run: Run, id: string, patch: Parameters<Context['updateTask']>[1]): Promise<void> {
    if (run.released) throw new Released();
    await this.ctx.updateTask(id, patch);
  }

  private async run(task: Task, run: Run): Promise<void> {
    const { ctx, service } = this;
    let sent = false;
    let streamed = '';
    let prepared: PreparedRequest | null = null;
    try {
      const target = await service.choose();
      if ('waitingFor' in target) {
        await this.update(run, task.id, { status: 'waiting', waitingFor: target.waitingFor });
        return;
      }
      prepared = await service.prepare(task.text, target);
      const blocked = this.blockedByBudget(prepared);
      if (blocked) {
        await this.update(run, task.id, { status: 'failed', waitingFor: null, error: blocked });
        ctx.events.emit('notice', { level: 'warn', said: blocked, taskId: task.id });
        return;
      }

      const decision = await this.ask(task, run, prepared);
      if (decision !== 'approve') {
        await this.update(run, task.id, { status: 'denied', waitingFor: null, error: decision });
        return;
      }
      // Another call may have spent the budget while this one waited for its answer.
      const stillBlocked = this.blockedByBudget(prepared);
      if (stillBlocked) {
        await this.update(run, task.id, {
          status: 'failed',
          waitingFor: null,
          error: say('engine.approvedNotSent', { reason: stillBlocked }),
        });
        ctx.events.emit('notice', { level: 'warn', said: stillBlocked, taskId: task.id });
        return;
      }

      service.ledger.reserve(task.id, ctx.ports.clock.now(), prepared.estimatedCostUsd);
      await this.update(run, task.id, { status: 'running', waitingFor: null });
      sent = true;
      const result = await prepared.client.complete({
        model: prepared.model,
        text: prepared.outgoing,
        maxOutputTokens: prepared.maxOutputTokens,
        signal: run.controller.signal,
        onToken: (text) => {
          streamed += text;
          ctx.events.emit('token', { taskId: task.id, role: 'frontier', text });
        },
      });
      const at = ctx.ports.clock.now();
      const cost = service.cost(prepared.provider, prepared.model, result.usage);
      await service.ledger.append({
        at,
        taskId: task.id,
        approvalId: run.approvalId,
        provider: prepared.provider,
        model: prepared.model,
        inputTokens: result.usage.inputTokens,
        outputTokens: result.usage.outputTokens,
        costUsd: cost,
        estimatedCostUsd: prepared.estimatedCostUsd,
        usageEstimated: false,
        pricesAsOf: prepared.pricesAsOf,
      });
      service.ledger.release(task.id);
      const markdown = renderFrontierAnswer({
        taskId: task.id,
        approvalId: run.approvalId ?? '',
        request: prepared,
        answer: result.text,
        answeredModel: result.model || prepared.model,
        inputTokens: result.usage.inputTokens,
        outputTokens: result.usage.outputTokens,
        costUsd: cost,
        at,
      });
      await ctx.ports.workspace.writeTextAtomic(frontierAnswerPath, markdown);
      await ctx.ports.workspace.writeTextAtomic(resultPathOf(task.id), markdown);
      await ctx.conversation.add({
        at,
        taskId: task.id,
        speaker: 'frontier',
        text: `Answer written to ${frontierAnswerPath} (${providerNames[prepared.provider]} ${prepared.model}, ${formatUsd(cost)}).`,
      });
      await this.update(run, task.id, {
        status: 'done',
        waitingFor: null,
        resultPath: resultPathOf(task.id),
        error: null,
      });
      ctx.events.emit('notice', {
        level: 'info',
        said: say('engine.frontierAnswered', {
          task: task.id,
          provider: providerNames[prepared.provider],
          model: prepared.model,
          cost: formatUsd(cost),
          path: frontierAnswerPath,
        }),
        taskId: task.id,
      });
      const instruction = service.options.followUpInstruction
        .replaceAll('{answer}', frontierAnswerPath)
        .replaceAll('{task}', task.id);
      if (ctx.options.autoFollowUp && instruction.trim())
        await this.followUp(ctx.state.tasks.get(task.id) ?? task, instruction);
    } catch (error) {
      if (error instanceof Released || run.released) return;
      if (sent && prepared) await this.recordPartial(task, run, prepared, streamed);
      const cancelled = run.controller.signal.aborted || isFrontierError(error, 'aborted');
      const message = cancelled
        ? sent
          ? say('engine.frontierCancelledStreaming')
          : say('engine.frontierCancelled')
        : this.describe(error);
      // The journal refusing this record must not hide the failure being reported: said, then on.
      await this.ctx
        .updateTask(task.id, { status: 'failed', waitingFor: null, error: message })
        .catch((writeError: unknown) =>
          this.ctx.log.error(`Could not record that frontier task ${task.id} failed`, writeError),
        );
      if (!cancelled)
        ctx.events.emit('notice', {
          level: 'error',
          said: say('engine.frontierFailed', { task: task.id, error: message }),
          taskId: task.id,
        });
    } finally {
      service.ledger.release(task.id);
    }
  }

  private blockedByBudget(p: PreparedRequest): EngineMessage | null {
    const check = this.service.budget(p.estimatedCostUsd, this.ctx.ports.clock.now());
    return check.ok ? null : check.said;
  }

  private detail(task: Task, p: PreparedRequest): FrontierApprovalDetail {
    const summary = this.service.ledger.committed(this.ctx.ports.clock.now());
    const { caps } = this.service.options;
    return {
      provider: p.provider,
      model: p.model,
      outgoing: p.outgoing,
      estimatedCostUsd: p.estimatedCostUsd,
      inputTokens: p.inputTokens,
      maxOutputTokens: p.maxOutputTokens,
      priceKnown: p.priceKnown,
      pricesAsOf: p.pricesAsOf,
      redactions: p.redactions,
      budget: {
        dailyCapUsd: caps.dailyUsd,
        monthlyCapUsd: caps.monthlyUsd,
        todayUsd: summary.todayUsd,
        monthUsd: summary.monthUsd,
        leftTodayUsd: caps.dailyUsd === null ? null : Math.max(0, caps.dailyUsd - summary.todayUsd),
        leftMonthUsd: caps.monthlyUsd === null ? null : Math.max(0, caps.monthlyUsd - summary.monthUsd),
      },
      taskIds: [task.id],
    };
  }

  /** Asks, and races the answer against the approval window and a cancel. Returns "approve" or why not. */
  private async ask(task: Task, run: Run, p: PreparedRequest): Promise<'approve' | EngineMessage> {
    const { ctx } = this;
    const id = ctx.newSecretId('approval');
    const detail = this.detail(task, p);
    await this.update(run, task.id, { status: 'waiting', waitingFor: frontierApprovalWaiting });
    run.approvalId = id;
    const askedAt = ctx.ports.clock.now();
    const answer = ctx.ports.approvals.ask({
      id,
      kind: 'frontier',
      message: frontierApprovalMessage(p, detail),
      said: frontierApprovalSaid(p),
      frontier: detail,
    });
    const onAbort = () => ctx.ports.approvals.withdraw(id);
    run.controller.signal.addEventListener('abort', onAbort, { once: true });
    const minutes = Math.round(ctx.options.approvalTimeoutMs / 60_000);
    const timeout = ctx.ports.clock.sleep(ctx.options.approvalTimeoutMs).then(() => 'timeout' as const);
    let decision: ApprovalDecision | 'timeout';
    try {
      decision = await Promise.race([answer, timeout]);
    } finally {
      run.controller.signal.removeEventListener('abort', onAbort);
    }
    if (decision === 'timeout') ctx.ports.approvals.withdraw(id);
    const outcome =
      run.released || run.controller.signal.aborted
        ? { status: 'expired' as const, said: say('engine.frontierWithdrawn') }
        : decision === 'approve'
          ? { status: 'approved' as const, said: say('engine.frontierApproved') }
          : decision === 'deny'
            ? { status: 'denied' as const, said: say('engine.frontierDenied') }
            : decision === 'timeout'
              ? { status: 'expired' as const, said: say('engine.frontierNoAnswer', { minutes }) }
              : { status: 'expired' as const, said: say('engine.frontierExpired') };
    await ctx.commit({
      type: 'approval.answered',
      data: {
        approval: {
          id,
          ...outcome,
          askedAt,
          taskIds: [task.id],
          provider: p.provider,
          model: p.model,
          estimatedCostUsd: p.estimatedCostUsd,
        },
      },
    });
    if (run.released) throw new Released();
    if (run.controller.signal.aborted) throw new Error('cancelled');
    return outcome.status === 'approved' ? 'approve' : outcome.said;
  }

  /** A call that broke off after tokens arrived is probably billed: its estimate goes in the ledger. */
  private async recordPartial(task: Task, run: Run, p: PreparedRequest, streamed: string): Promise<void> {
    if (!streamed) return;
    const usage = { inputTokens: p.inputTokens, outputTokens: estimateTokens(streamed) };
    await this.service.ledger
      .append({
        at: this.ctx.ports.clock.now(),
        taskId: task.id,
        approvalId: run.approvalId,
        provider: p.provider,
        model: p.model,
        ...usage,
        costUsd: this.service.cost(p.provider, p.model, usage),
        estimatedCostUsd: p.estimatedCostUsd,
        usageEstimated: true,
        pricesAsOf: p.pricesAsOf,
      })
      // The spend cap reads this ledger: a write that failed is said, so the gap is known.
      .catch((error: unknown) =>
        this.ctx.log.error(`Could not record the partial spend of frontier task ${task.id} in the ledger`, error),
      );
  }

  /** Provider errors may quote a masked key or the request: they are redacted like the request, and carried whole. */
  private describe(error: unknown): EngineMessage {
    const message = error instanceof Error ? error.message : String(error);
    return hostSaid(redactSecrets(message).text);
  }
}

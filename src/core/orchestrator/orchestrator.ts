import type { Route } from '../../../shared/domain';
import { say, type EngineMessage } from '../../../shared/engine-message';
import type { NewTask, Task } from '../../../shared/tasks';
import { resolveFrontierOptions } from '../frontier/options';
import { FrontierService } from '../frontier/service';
import type { Correction } from '../router/feedback';
import type { Context } from './context';
import { FrontierRunner } from './frontier-runner';
import { recover, type RecoveryReport } from './recovery';
import { Scheduler } from './scheduler';

export interface RouteDecision {
  route: Route;
  rule: string;
  reason: string;
}

/**
 * Whether the Router model may be asked about a task right now. Only the scheduler loads models,
 * so a judgment is allowed only while the Router is loaded and no swap in progress has it (or will
 * have it) unloaded: a chat with an absent model would make Ollama load it, behind the scheduler's
 * back, and evict whatever the swap put there (the Planner). `null` means the model may be asked.
 */
export interface RouterAccess {
  modelAway: 'swap' | 'not-loaded' | null;
}

export type RouteTask = (
  input: { text: string; failedAttempts: number },
  access: RouterAccess,
) => RouteDecision | Promise<RouteDecision>;

const untilPlannerLoaded: readonly string[] = [
  'draining',
  'snapshotting',
  'awaiting_approval',
  'unloading',
  'loading_planner',
];

export class TaskError extends Error {
  constructor(
    readonly code: 'not_found' | 'conflict',
    message: string,
  ) {
    super(message);
    this.name = 'TaskError';
  }
}

/** The public face of the engine: what hosts call, whatever host they are. */
export class Orchestrator {
  readonly scheduler: Scheduler;
  readonly frontier: FrontierRunner;
  recovery: RecoveryReport | null = null;

  constructor(
    readonly ctx: Context,
    private readonly routeTask: RouteTask,
    frontier: FrontierService = new FrontierService(ctx.ports, resolveFrontierOptions()),
    /** Keeps a user's correction of a route as a labelled example for the Router. */
    private readonly recordCorrection: (correction: Correction) => Promise<void> = async () => undefined,
  ) {
    this.frontier = new FrontierRunner(ctx, frontier, async (origin, instruction) => {
      await this.createTask(
        { text: instruction, route: 'local', priority: origin.priority },
        {
          route: 'local',
          rule: 'frontier-follow-up',
          reason: `The frontier answer for ${origin.id}, handed to the local team.`,
        },
        origin.problemId,
        0,
      );
    });
    this.scheduler = new Scheduler(ctx, this.frontier);
  }

  /** Queues the Coder's next step after a blueprint (the swap runner reaches this through `Context.followUp`). */
  async queueBlueprintFollowUp(origin: Task, instruction: string): Promise<void> {
    await this.createTask(
      { text: instruction, route: 'local', priority: origin.priority },
      { route: 'local', rule: 'planner-follow-up', reason: `Action item 1 of the blueprint for ${origin.id}.` },
      origin.problemId,
      0,
    );
  }

  /** Replays the journal, repairs what a crash interrupted, brings the residents back, and starts. */
  async start(): Promise<RecoveryReport> {
    this.recovery = await recover(this.ctx);
    this.recovery.requeued.push(...(await this.frontier.recover()));
    if (!this.ctx.state.swap) {
      // The residents come back first (Router and Coder); the Reviewer when a review needs it.
      for (const role of ['router', 'coder'] as const) {
        try {
          await this.ctx.ensureLoaded(role);
        } catch (error) {
          this.ctx.events.emit('notice', {
            level: 'warn',
            said: say('engine.residentLoadFailed', {
              role,
              model: this.ctx.model(role),
              error: error instanceof Error ? error.message : String(error),
            }),
          });
        }
      }
    }
    this.scheduler.kick();
    return this.recovery;
  }

  async submit(input: NewTask): Promise<Task> {
    const failedAttempts = input.failedAttempts ?? 0;
    const decision = input.route
      ? { route: input.route, rule: 'user-override', reason: `You chose ${input.route}.` }
      : await this.route({ text: input.text, failedAttempts });
    const task = await this.createTask(input, decision, null, failedAttempts);
    if (input.route) await this.correction({ kind: 'override', task, from: null, to: input.route });
    return task;
  }

  /** Records a correction; a failure to write it is a notice, never a failed request. */
  private async correction({
    kind,
    task,
    from,
    to,
  }: {
    kind: Correction['kind'];
    task: Task;
    from: Route | null;
    to: Route;
  }): Promise<void> {
    if (task.rule === 'planner-follow-up' || task.rule === 'frontier-follow-up') return; // our own instructions, not the user's words
    try {
      await this.recordCorrection({
        at: this.ctx.ports.clock.now(),
        kind,
        taskId: task.id,
        text: task.text,
        failedAttempts: task.failedAttempts,
        from,
        to,
      });
    } catch (error) {
      this.ctx.events.emit('notice', {
        level: 'warn',
        taskId: task.id,
        said: say('engine.correctionNotKept', { error: error instanceof Error ? error.message : String(error) }),
      });
    }
  }

  private async createTask(
    input: NewTask,
    decision: RouteDecision,
    problemId: string | null,
    failedAttempts: number,
  ): Promise<Task> {
    const { ctx } = this;
    const now = ctx.ports.clock.now();
    const id = ctx.newId('task');
    const task: Task = {
      id,
      text: input.text,
      route: decision.route,
      rule: decision.rule,
      reason: decision.reason,
      agent: decision.route === 'local' ? (input.agent ?? 'coder') : decision.route === 'planner' ? 'planner' : null,
      priority: input.priority ?? 0,
      status: 'queued',
      waitingFor: null,
      failedAttempts,
      problemId: problemId ?? id,
      createdAt: now,
      updatedAt: now,
      resultPath: null,
      error: null,
      swapId: null,
    };
    await ctx.commit({ type: 'task.created', data: { task } });
    await ctx.conversation.add({ at: now, taskId: id, speaker: 'user', text: input.text });
    this.scheduler.kick();
    return ctx.state.tasks.get(id)!;
  }

  /** "Still broken": the same problem again, one more failed attempt; the Router decides anew. */
  async stillBroken(taskId: string, note: string): Promise<Task> {
    const origin = this.get(taskId);
    const failedAttempts = origin.failedAttempts + 1;
    const text = note.trim()
      ? `${note.trim()}\n\n(Still broken after ${origin.id}: ${origin.text.slice(0, 500)})`
      : origin.text;
    const decision = await this.route({ text, failedAttempts });
    const task = await this.createTask({ text, priority: origin.priority }, decision, origin.problemId, failedAttempts);
    await this.correction({
      kind: 'still-broken',
      task: { ...origin, failedAttempts },
      from: origin.route,
      to: decision.route,
    });
    return task;
  }

  /**
   * Routes through the scheduler's view of the Router: a judgment runs only while the Router is
   * loaded and no swap is about to load the Planner or has the Router out. A swap drains the
   * judgments in flight as it drains any other resident work (Rule 1).
   */
  private async route(input: { text: string; failedAttempts: number }): Promise<RouteDecision> {
    const { ctx } = this;
    const swap = ctx.state.swap;
    // The Planner never loads while a resident generates (Rule 1): until it is loaded no judgment
    // starts; after that, only a Router the swap kept may be asked.
    const away = swap && (swap.evict.includes('router') || untilPlannerLoaded.includes(swap.state));
    const modelAway = away ? 'swap' : ctx.isLoaded('router') ? null : 'not-loaded';
    if (modelAway) return this.routeTask(input, { modelAway });
    ctx.judging += 1;
    try {
      return await this.routeTask(input, { modelAway: null });
    } finally {
      ctx.judging -= 1;
      this.scheduler.kick();
    }
  }

  async reroute(taskId: string, route: Route): Promise<Task> {
    const task = this.get(taskId);
    if (
      !['queued', 'waiting', 'denied', 'failed'].includes(task.status) ||
      (task.swapId && this.ctx.state.swap?.taskIds.includes(taskId))
    ) {
      throw new TaskError(
        'conflict',
        `Task ${taskId} is ${task.status}: only queued, waiting, denied or failed tasks can be re-routed.`,
      );
    }
    // A frontier request waiting for its approval is withdrawn: the new route takes the task over.
    this.frontier.release(taskId);
    if (route !== task.route) await this.correction({ kind: 'reroute', task, from: task.route, to: route });
    await this.ctx.updateTask(taskId, {
      route,
      rule: 'user-override',
      reason: `You re-routed it to ${route}.`,
      agent: route === 'local' ? 'coder' : route === 'planner' ? 'planner' : null,
      status: 'queued',
      waitingFor: null,
      error: null,
      swapId: null,
    });
    this.scheduler.kick();
    return this.get(taskId);
  }

  async cancel(taskId: string): Promise<Task> {
    const task = this.get(taskId);
    if (['done', 'failed', 'denied'].includes(task.status))
      throw new TaskError('conflict', `Task ${taskId} is already ${task.status}.`);
    const inSwap = this.ctx.state.swap?.taskIds.includes(taskId);
    if (inSwap) {
      const swap = this.ctx.state.swap!;
      if (swap.state !== 'awaiting_approval' && swap.state !== 'draining' && swap.state !== 'snapshotting') {
        throw new TaskError(
          'conflict',
          `The Planner is already working on ${taskId} (${swap.state}); it cannot be cancelled now.`,
        );
      }
      if (swap.taskIds.length === 1 && swap.approvalId) this.ctx.ports.approvals.withdraw(swap.approvalId);
    }
    const controller = this.ctx.running.get(taskId);
    if (controller) {
      controller.abort();
      return task; // the runner marks it failed ("Cancelled by you") once the stream stops
    }
    await this.ctx.updateTask(taskId, { status: 'failed', error: say('engine.cancelled'), waitingFor: null });
    this.scheduler.kick();
    return this.get(taskId);
  }

  get(taskId: string): Task {
    const task = this.ctx.state.tasks.get(taskId);
    if (!task) throw new TaskError('not_found', `There is no task "${taskId}".`);
    return task;
  }

  /** Why a queued task is not running, worked out when asked (it changes with every lock). */
  waitingReason(task: Task): EngineMessage | null {
    if (task.waitingFor) return task.waitingFor;
    if (this.ctx.state.stages.get(task.id) === 'review_pending') {
      return say(this.ctx.state.swap ? 'waiting.reviewAfterSwap' : 'waiting.reviewer');
    }
    if (task.status !== 'queued') return null;
    if (this.ctx.state.swap) return say('waiting.swap');
    if (task.route === 'local') {
      const role = task.agent ?? 'coder';
      if (this.ctx.state.agents[role].lock === 'BUSY')
        return say(role === 'coder' ? 'waiting.coder' : role === 'reviewer' ? 'waiting.reviewer' : 'waiting.router');
    }
    return null;
  }
}

import { blueprintSchema, followUpInstruction, renderBlueprint } from '../../../shared/blueprint';
import type { Role } from '../../../shared/domain';
import { hostSaid, inEnglish, sameMessage, say, type EngineMessage } from '../../../shared/engine-message';
import type { Swap } from '../../../shared/swap';
import { chatStructured } from '../models/structured';
import { currentTaskPath, tempContextPath } from '../snapshot/snapshot';
import { isPastApproval, transition, type SwapEvent } from '../protocol/transitions';
import { plannerApproval } from './approval-text';
import { checkFitNow } from './fit';
import type { Context } from './context';
import { plannerMessages as plannerMessagesFor } from './prompts';
import { buildSnapshot } from './snapshot-builder';
import { queuedTasks } from '../state';

// In the order they come back after a swap: the Router and the Coder first.
const residents: readonly Role[] = ['router', 'coder', 'reviewer'];
export const blueprintPath = 'shared/blueprint.md';

const fitRecheckMs = 30_000;

/**
 * The fit gate (live memory vs the plan) before the user is asked: a swap that would push the
 * machine into swap is not put to the user at all. The tasks wait with the numbers and the gate
 * looks again every 30 s, until it fits or the approval window closes.
 */
async function waitForFit(
  ctx: Context,
  swap: Swap,
  deadline: number,
): Promise<{ ok: true; note: string; memoryUnknown: boolean } | { ok: false; reason: EngineMessage }> {
  for (;;) {
    const fit = await checkFitNow(ctx);
    // Unknown is not "fits": the user is told plainly and must choose "Approve anyway" (fail closed).
    if (!fit) return { ok: true, note: inEnglish(say('engine.memoryUnknown')), memoryUnknown: true };
    if (fit.allowed) return { ok: true, note: fit.message.en, memoryUnknown: false };
    // The fit gate's numbers and advice stay in English inside the message (the catalogue says so).
    const reason = say('engine.fitHeld', { detail: fit.message.en });
    for (const id of swap.taskIds) {
      const task = ctx.state.tasks.get(id);
      if (task && !sameMessage(task.waitingFor, reason))
        await ctx.updateTask(id, { status: 'waiting', waitingFor: reason });
    }
    if (ctx.ports.clock.now() + fitRecheckMs > deadline)
      return { ok: false, reason: say('engine.plannerNotStarted', { reason }) };
    await ctx.ports.clock.sleep(fitRecheckMs);
  }
}

async function raceApproval(ctx: Context, swap: Swap): Promise<SwapEvent> {
  const deadline = ctx.ports.clock.now() + ctx.options.approvalTimeoutMs;
  const fit = await waitForFit(ctx, swap, deadline);
  if (!fit.ok) return { type: 'denied', reason: fit.reason };
  // What is loaded now is what will leave; if Ollama cannot say, the plan's list stands.
  const unloading = await ctx.refreshLoaded().then(
    () => swap.evict.filter((role) => ctx.isLoaded(role)),
    () => [...swap.evict],
  );
  const approval = plannerApproval(ctx, swap.evict, unloading, swap.taskIds, fit.memoryUnknown);
  // One list of what unloads, everywhere: the swap keeps what this approval says.
  await ctx.commit({
    type: 'swap.updated',
    data: { swap: { ...(ctx.state.swap ?? swap), unloading: [...unloading] } },
  });
  const message = `${approval.message}\n${fit.note}`;
  const detail = approval.detail;
  const id = swap.approvalId ?? `approval-${swap.id}`;
  await markTasks(ctx, swap, say('waiting.approval'));
  const answer = ctx.ports.approvals.ask({ id, kind: 'planner', message, said: approval.said, planner: detail });
  const timeout = ctx.ports.clock.sleep(Math.max(0, deadline - ctx.ports.clock.now())).then(() => 'timeout' as const);
  const decision = await Promise.race([answer, timeout]);
  if (decision === 'timeout') {
    ctx.ports.approvals.withdraw(id);
    return {
      type: 'denied',
      reason: say('engine.plannerNoAnswer', { minutes: Math.round(ctx.options.approvalTimeoutMs / 60_000) }),
    };
  }
  if (decision === 'approve') return { type: 'approved' };
  if (decision === 'expired') return { type: 'denied', reason: say('engine.plannerExpired') };
  return { type: 'denied', reason: say('engine.plannerDenied') };
}

async function plan(ctx: Context): Promise<void> {
  const written: string[] = [];
  const swap = ctx.state.swap!;
  const since = swap.enteredAt['planning'] ?? ctx.ports.clock.now();
  for (let served = 0; ; served++) {
    const open = swap.taskIds
      .map((id) => ctx.state.tasks.get(id))
      .filter((t) => t && t.status !== 'done' && t.status !== 'failed' && t.status !== 'queued');
    const task = open[0];
    if (!task) return;
    if (served > 0 && ctx.ports.clock.now() - since >= ctx.options.maxPlannerStayMs) {
      // The residents have been out long enough: the rest waits for a later swap (and approval).
      for (const rest of open) await ctx.updateTask(rest!.id, { status: 'queued', waitingFor: null, swapId: null });
      ctx.events.emit('notice', {
        level: 'info',
        said: say('engine.plannerStayCapped', {
          minutes: Math.round(ctx.options.maxPlannerStayMs / 60_000),
          left: open.length,
        }),
        swapId: swap.id,
      });
      return;
    }
    const taskId = task.id;
    await ctx.lock('planner', taskId);
    try {
      const [tempContext, currentTask] = await Promise.all([
        ctx.ports.workspace.readText(tempContextPath),
        ctx.ports.workspace.readText(currentTaskPath),
      ]);
      const blueprint = await chatStructured(
        ctx.ports.modelHost,
        {
          model: ctx.model('planner'),
          messages: plannerMessagesFor(task.text, tempContext ?? '', currentTask ?? '{}'),
          options: { numCtx: ctx.roles.planner.numCtx, keepAlive: -1 },
        },
        blueprintSchema,
        { attempts: ctx.options.plannerAttempts },
      );
      const markdown = renderBlueprint(blueprint, taskId, task.text);
      written.push(markdown);
      const resultPath = `shared/results/${taskId}.md`;
      const instruction = followUpInstruction(blueprint, 1);
      await ctx.ports.workspace.writeTextAtomic(resultPath, `${markdown}\n---\nNext: ${instruction}\n`);
      await ctx.ports.workspace.writeTextAtomic(blueprintPath, written.join('\n\n---\n\n'));
      await ctx.conversation.add({
        at: ctx.ports.clock.now(),
        taskId,
        speaker: 'planner',
        text: `Blueprint written to ${blueprintPath}: ${blueprint.title}. ${instruction}`,
      });
      await ctx.updateTask(taskId, { status: 'done', resultPath, waitingFor: null });
      if (ctx.options.autoFollowUp) await ctx.followUp(task, instruction);
    } finally {
      await ctx.unlock('planner');
    }
  }
}

function needsReviewer(ctx: Context): boolean {
  return (
    !queuedTasks(ctx.state, 'local', 'reviewer').next().done ||
    [...ctx.state.stages.values()].includes('review_pending')
  );
}

/** Runs the current state's effect and says what happened; null means "not yet" (draining). */
async function effect(ctx: Context, swap: Swap): Promise<SwapEvent | null> {
  switch (swap.state) {
    case 'draining':
      // A Router judgment in flight is resident work too: the swap goes on once it has its answer.
      return residents.every((r) => ctx.state.agents[r].lock === 'IDLE') && ctx.judging === 0
        ? { type: 'drained' }
        : null;
    case 'snapshotting': {
      const { current, tempContext } = await buildSnapshot(ctx, swap);
      const saved = await ctx.snapshots.save(current, tempContext);
      return { type: 'snapshot_saved', version: saved.version };
    }
    case 'awaiting_approval':
      return raceApproval(ctx, swap);
    case 'unloading':
      for (const role of swap.evict) await ctx.unloadIfLoaded(role);
      return { type: 'unloaded' };
    case 'loading_planner': {
      await ctx.refreshLoaded();
      if (!ctx.isLoaded('planner')) {
        const started = ctx.ports.clock.now();
        await ctx.ports.modelHost.load(ctx.model('planner'), { numCtx: ctx.roles.planner.numCtx, keepAlive: -1 }, (p) =>
          ctx.events.emit('swap.progress', {
            swapId: swap.id,
            bytesExpected: p.bytesExpected,
            elapsedMs: p.elapsedMs,
            estimatedRemainingMs: p.estimatedRemainingMs,
          }),
        );
        ctx.recordLoad(ctx.model('planner'), started);
        await ctx.refreshLoaded();
      }
      return { type: 'planner_loaded' };
    }
    case 'planning':
      await ctx.ensureLoaded('planner'); // after a restart the planner may be gone
      await plan(ctx);
      return { type: 'planned' };
    case 'unloading_planner':
      await ctx.unloadIfLoaded('planner');
      return { type: 'planner_unloaded' };
    case 'restoring': {
      // The Router and the Coder come back first (docs/architecture.md, "The baton-pass workflow", step 8); with the lazy policy
      // the Reviewer waits until a review needs it, with the eager (seed) one it comes back too.
      const back =
        ctx.options.policy.reload === 'eager'
          ? residents
          : residents.filter((role) => role !== 'reviewer' || needsReviewer(ctx));
      for (const role of back) await ctx.ensureLoaded(role);
      return { type: 'restored' };
    }
    default:
      return null;
  }
}

async function markTasks(ctx: Context, swap: Swap, waitingOverride?: EngineMessage): Promise<void> {
  // Past the approval, a task of the batch that is queued again (the Planner's stay was capped)
  // belongs to a later swap: this one leaves it alone.
  // (Before planning every task of the batch is still queued or waiting for this swap; after it, a
  // queued task with no swapId was handed back by the stay cap, whatever state the swap ends in.)
  const released = (t: { status: string; swapId: string | null }) =>
    swap.enteredAt['planning'] !== undefined && t.status === 'queued' && t.swapId !== swap.id;
  const open = swap.taskIds
    .map((id) => ctx.state.tasks.get(id))
    .filter((t) => t && t.status !== 'done' && !released(t));
  for (const task of open) {
    if (swap.state === 'denied')
      await ctx.updateTask(task!.id, { status: 'denied', error: swap.error, waitingFor: null });
    else if (swap.state === 'failed')
      await ctx.updateTask(task!.id, { status: 'failed', error: swap.error, waitingFor: null });
    else {
      const waitingFor =
        waitingOverride ??
        (swap.state === 'draining'
          ? say('waiting.drain')
          : swap.state === 'snapshotting'
            ? say('waiting.snapshot')
            : swap.state === 'awaiting_approval'
              ? say('waiting.fitCheck')
              : null);
      const status = waitingFor ? 'waiting' : 'running';
      if (task!.status !== status || !sameMessage(task!.waitingFor, waitingFor))
        await ctx.updateTask(task!.id, { status, waitingFor, swapId: swap.id });
    }
  }
}

/**
 * Drives the current swap from its state until it ends or must wait (draining). Each new state
 * is journalled before its effect runs, so a crash at any point leaves a record to resume from.
 * Returns whether the swap moved (a swap that waits for agents is moved on by their next kick).
 */
export async function advanceSwap(ctx: Context): Promise<boolean> {
  let moved = false;
  for (;;) {
    const swap = ctx.state.swap;
    if (!swap) return moved;
    await markTasks(ctx, swap);
    let event: SwapEvent | null;
    try {
      event = await effect(ctx, swap);
    } catch (error) {
      await failSwap(ctx, swap, error);
      return true;
    }
    if (!event) return moved;
    const next = transition(ctx.state.swap ?? swap, event, ctx.ports.clock.now());
    await ctx.commit({ type: 'swap.updated', data: { swap: next } });
    moved = true;
    if (next.state === 'denied' || next.state === 'done') {
      await markTasks(ctx, next);
      ctx.events.emit('notice', {
        level: next.state === 'done' ? 'info' : 'warn',
        said: next.state === 'done' ? say('engine.swapOver') : (next.error ?? say('engine.plannerDenied')),
        swapId: next.id,
      });
      return true;
    }
  }
}

async function failSwap(ctx: Context, swap: Swap, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  const failed = transition(
    swap,
    {
      type: 'failed',
      error: say('engine.swapFailed', { state: swap.state.replaceAll('_', ' '), error: message }),
    },
    ctx.ports.clock.now(),
  );
  await ctx.commit({ type: 'swap.updated', data: { swap: failed } });
  await markTasks(ctx, failed);
  ctx.events.emit('notice', { level: 'error', said: failed.error ?? hostSaid(message), swapId: swap.id });
  if (isPastApproval(swap.state)) {
    // Never leave the user with the residents gone: put the planner away and bring them back.
    try {
      if (ctx.state.agents.planner.lock === 'BUSY') await ctx.unlock('planner');
      await ctx.unloadIfLoaded('planner');
      for (const role of ['router', 'coder'] as const) await ctx.ensureLoaded(role);
    } catch (restoreError) {
      ctx.events.emit('notice', {
        level: 'error',
        said: say('engine.restoreFailed', {
          error: restoreError instanceof Error ? restoreError.message : String(restoreError),
        }),
        swapId: swap.id,
      });
    }
  }
}

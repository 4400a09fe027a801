import type { Role } from '../../../shared/domain';
import { say } from '../../../shared/engine-message';
import type { Swap } from '../../../shared/swap';
import { isPastApproval } from '../protocol/transitions';
import { apply } from '../state';
import type { Context } from './context';

export interface RecoveryReport {
  records: number;
  tornTail: boolean;
  /** Where the torn last line was kept (it was cut from the journal before anything was appended). */
  keptAside: string | null;
  requeued: string[];
  resumedSwap: string | null;
  restartedSwap: string | null;
}

/**
 * Rebuilds the state from the journal, then repairs what a crash interrupted: work that was in
 * flight is queued again (its output never reached disk), and a swap either starts over (if
 * nothing was unloaded yet) or is carried to its end (if the user had already approved it).
 */
export async function recover(ctx: Context): Promise<RecoveryReport> {
  const { records, tornTail, keptAside } = await ctx.journal.readAll();
  for (const record of records) apply(ctx.state, record);
  await ctx.conversation.load();
  const report: RecoveryReport = {
    records: records.length,
    tornTail,
    keptAside,
    requeued: [],
    resumedSwap: null,
    restartedSwap: null,
  };
  if (keptAside) {
    ctx.events.emit('notice', {
      level: 'warn',
      said: say('engine.journalTornTail', { path: keptAside }),
    });
  }

  for (const role of Object.keys(ctx.state.agents) as Role[]) {
    if (ctx.state.agents[role].lock === 'BUSY') await ctx.unlock(role);
  }
  for (const [id, stage] of [...ctx.state.stages]) {
    if (stage === 'coding') {
      await ctx.commit({ type: 'task.stage', data: { id, stage: null } });
      await ctx.updateTask(id, { status: 'queued', waitingFor: null });
      report.requeued.push(id);
    } else if (stage === 'reviewing') {
      // The Coder's answer is on disk: only the review has to run again.
      await ctx.commit({ type: 'task.stage', data: { id, stage: 'review_pending' } });
    }
  }

  const swap = ctx.state.swap;
  if (swap) {
    if (isPastApproval(swap.state)) {
      report.resumedSwap = swap.id;
    } else {
      // Nothing was unloaded yet: ask again from the start, with a fresh snapshot and approval.
      const closed: Swap = { ...swap, state: 'failed', error: say('engine.interrupted') };
      await ctx.commit({ type: 'swap.updated', data: { swap: closed } });
      for (const id of swap.taskIds) {
        const task = ctx.state.tasks.get(id);
        if (task && task.status !== 'done') {
          await ctx.updateTask(id, { status: 'queued', waitingFor: null, swapId: null, error: null });
          report.requeued.push(id);
        }
      }
      report.restartedSwap = swap.id;
    }
  }
  // Planner tasks caught running outside any live swap (e.g. a swap that failed mid-write).
  for (const task of ctx.tasksWhere(
    (t) => t.route === 'planner' && (t.status === 'running' || t.status === 'waiting') && !ctx.state.swap,
  )) {
    await ctx.updateTask(task.id, { status: 'queued', waitingFor: null, swapId: null });
    report.requeued.push(task.id);
  }
  try {
    await ctx.refreshLoaded();
  } catch (error) {
    // Without Ollama the dashboard still opens and says so; work waits until it answers.
    ctx.events.emit('notice', {
      level: 'warn',
      said: say('engine.hostUnknown', { error: error instanceof Error ? error.message : String(error) }),
    });
  }
  return report;
}

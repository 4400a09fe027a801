import type { Task } from '../../../shared/tasks';
import { isModelHostError } from '../model-host-error';
import type { Context } from './context';
import { coderMessages, reviewerMessages } from './prompts';

const resultPathOf = (id: string) => `shared/results/${id}.md`;

function describe(error: unknown): string {
  if (isModelHostError(error, 'aborted')) return 'Cancelled by you.';
  return error instanceof Error ? error.message : String(error);
}

/**
 * Takes the Coder for a task. Awaited by the scheduler (the lock is journalled before the work
 * starts); the work itself then runs in the background and calls `done` when the lock is free.
 */
export async function startCoding(ctx: Context, task: Task, done: () => void): Promise<void> {
  await ctx.lock('coder', task.id);
  await ctx.commit({ type: 'task.stage', data: { id: task.id, stage: 'coding' } });
  await ctx.updateTask(task.id, { status: 'running', waitingFor: null, agent: 'coder' });
  const controller = new AbortController();
  ctx.running.set(task.id, controller);
  void (async () => {
    try {
      await ctx.ensureLoaded('coder');
      const answer = await ctx.ports.modelHost.chat({
        model: ctx.model('coder'),
        messages: coderMessages(task.text, null),
        options: { numCtx: ctx.roles.coder.numCtx, keepAlive: -1 },
        signal: controller.signal,
        onToken: (text) => ctx.events.emit('token', { taskId: task.id, role: 'coder', text }),
      });
      // The lock is released only once the output is on disk (Rule 1's definition of IDLE).
      await ctx.ports.workspace.writeTextAtomic(resultPathOf(task.id), `# ${task.text.split('\n')[0]?.slice(0, 120)}\n\n## Answer (Coder, ${ctx.model('coder')})\n\n${answer.content}\n`);
      await ctx.conversation.add({ at: ctx.ports.clock.now(), taskId: task.id, speaker: 'coder', text: answer.content });
      if (ctx.options.review) {
        await ctx.commit({ type: 'task.stage', data: { id: task.id, stage: 'review_pending' } });
        await ctx.updateTask(task.id, { status: 'waiting', resultPath: resultPathOf(task.id) });
      } else {
        await ctx.commit({ type: 'task.stage', data: { id: task.id, stage: null } });
        await ctx.updateTask(task.id, { status: 'done', resultPath: resultPathOf(task.id) });
      }
    } catch (error) {
      await ctx.commit({ type: 'task.stage', data: { id: task.id, stage: null } });
      await ctx.updateTask(task.id, { status: 'failed', error: describe(error) });
    } finally {
      ctx.running.delete(task.id);
      await ctx.unlock('coder');
      done();
    }
  })();
}

export async function startReview(ctx: Context, task: Task, done: () => void): Promise<void> {
  await ctx.lock('reviewer', task.id);
  await ctx.commit({ type: 'task.stage', data: { id: task.id, stage: 'reviewing' } });
  await ctx.updateTask(task.id, { status: 'running', waitingFor: null, agent: 'reviewer' });
  const controller = new AbortController();
  ctx.running.set(task.id, controller);
  void (async () => {
    try {
      await ctx.ensureLoaded('reviewer');
      const draft = (await ctx.ports.workspace.readText(resultPathOf(task.id))) ?? '';
      const review = await ctx.ports.modelHost.chat({
        model: ctx.model('reviewer'),
        messages: reviewerMessages(task.text, draft),
        options: { numCtx: ctx.roles.reviewer.numCtx, keepAlive: -1 },
        signal: controller.signal,
        onToken: (text) => ctx.events.emit('token', { taskId: task.id, role: 'reviewer', text }),
      });
      await ctx.ports.workspace.writeTextAtomic(resultPathOf(task.id), `${draft}\n## Review (Reviewer, ${ctx.model('reviewer')})\n\n${review.content}\n`);
      await ctx.conversation.add({ at: ctx.ports.clock.now(), taskId: task.id, speaker: 'reviewer', text: review.content });
      await ctx.commit({ type: 'task.stage', data: { id: task.id, stage: null } });
      await ctx.updateTask(task.id, { status: 'done', resultPath: resultPathOf(task.id) });
    } catch (error) {
      await ctx.commit({ type: 'task.stage', data: { id: task.id, stage: null } });
      await ctx.updateTask(task.id, { status: 'failed', error: `The review failed: ${describe(error)} (the Coder's answer is in ${resultPathOf(task.id)}).` });
    } finally {
      ctx.running.delete(task.id);
      await ctx.unlock('reviewer');
      done();
    }
  })();
}

import { hostSaid, say, type EngineMessage } from '../../../shared/engine-message';
import type { Task } from '../../../shared/tasks';
import { isModelHostError } from '../model-host-error';
import type { Context } from './context';
import { coderMessages, reviewerMessages } from './prompts';

const resultPathOf = (id: string) => `shared/results/${id}.md`;

/** Why local work stopped: a cancel in the engine's words, anything else as the model host said it. */
function describe(error: unknown): EngineMessage {
  if (isModelHostError(error, 'aborted')) return say('engine.cancelled');
  return hostSaid(error instanceof Error ? error.message : String(error));
}

/**
 * Takes a resident (the Coder, unless the task names another) for a task. Awaited by the
 * scheduler (the lock is journalled before the work starts); the work itself then runs in the
 * background and calls `done` when the lock is free again.
 */
export async function startWork(
  ctx: Context,
  task: Task,
  role: 'coder' | 'reviewer' | 'router',
  done: () => void,
): Promise<void> {
  await ctx.lock(role, task.id);
  await ctx.commit({ type: 'task.stage', data: { id: task.id, stage: 'coding' } });
  await ctx.updateTask(task.id, { status: 'running', waitingFor: null, agent: role });
  const controller = new AbortController();
  ctx.running.set(task.id, controller);
  void (async () => {
    try {
      await ctx.ensureLoaded(role);
      const answer = await ctx.ports.modelHost.chat({
        model: ctx.model(role),
        messages: coderMessages(task.text, null),
        options: { numCtx: ctx.roles[role].numCtx, keepAlive: -1 },
        signal: controller.signal,
        onToken: (text) => ctx.events.emit('token', { taskId: task.id, role, text }),
      });
      // The lock is released only once the output is on disk (Rule 1's definition of IDLE).
      const who = role === 'coder' ? 'Coder' : role === 'reviewer' ? 'Reviewer' : 'Router';
      await ctx.ports.workspace.writeTextAtomic(
        resultPathOf(task.id),
        `# ${task.text.split('\n')[0]?.slice(0, 120)}\n\n## Answer (${who}, ${ctx.model(role)})\n\n${answer.content}\n`,
      );
      await ctx.conversation.add({
        at: ctx.ports.clock.now(),
        taskId: task.id,
        speaker: role === 'router' ? 'system' : role,
        text: answer.content,
      });
      // The Reviewer reviews the Coder's work; work a task addressed to another resident is its own.
      if (ctx.options.review && role === 'coder') {
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
      await ctx.unlock(role);
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
      await ctx.ports.workspace.writeTextAtomic(
        resultPathOf(task.id),
        `${draft}\n## Review (Reviewer, ${ctx.model('reviewer')})\n\n${review.content}\n`,
      );
      await ctx.conversation.add({
        at: ctx.ports.clock.now(),
        taskId: task.id,
        speaker: 'reviewer',
        text: review.content,
      });
      await ctx.commit({ type: 'task.stage', data: { id: task.id, stage: null } });
      await ctx.updateTask(task.id, { status: 'done', resultPath: resultPathOf(task.id) });
    } catch (error) {
      await ctx.commit({ type: 'task.stage', data: { id: task.id, stage: null } });
      await ctx.updateTask(task.id, {
        status: 'failed',
        error: say('engine.reviewFailed', { error: describe(error), path: resultPathOf(task.id) }),
      });
    } finally {
      ctx.running.delete(task.id);
      await ctx.unlock('reviewer');
      done();
    }
  })();
}

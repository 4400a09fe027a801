import type { CurrentTask } from '../../../shared/current-task';
import type { Role } from '../../../shared/domain';
import type { Swap } from '../../../shared/swap';
import type { Context } from './context';

const roles: readonly Role[] = ['router', 'coder', 'reviewer', 'planner'];

/** Paths mentioned in the conversation: what the work is about, for the next model to open. */
export function mentionedFiles(texts: readonly string[]): string[] {
  const found = new Set<string>();
  const pattern =
    /(?:^|[\s`'"(])((?:[\w.-]+\/)*[\w.-]+\.(?:ts|tsx|js|mjs|cjs|jsx|py|go|rs|java|kt|swift|rb|php|cs|cpp|c|h|hpp|json|ya?ml|toml|md|sql|sh|css|html|vue|svelte))(?=$|[\s`'"),:;])/gm;
  for (const text of texts) for (const match of text.matchAll(pattern)) if (match[1]) found.add(match[1]);
  return [...found].slice(0, 50);
}

/** The last thing in the conversation that looks like an error log or stack trace. */
export function lastErrorLog(texts: readonly string[]): string | null {
  for (let i = texts.length - 1; i >= 0; i--) {
    const text = texts[i]!;
    if (/(Error|Exception|Traceback|panic:|FATAL|failed|오류|에러|\bat .+:\d+:\d+)/.test(text))
      return text.slice(0, 4000);
  }
  return null;
}

const summaryTimeoutMs = 60_000;

/**
 * The Router's own pass over the context (docs/architecture.md, "Context sharing": the Router compacts long conversations):
 * a short summary for the next model, added to the rule-based compaction, which keeps the exact
 * requirement, error, files and decisions whatever the model writes. The Router is BUSY while it
 * works; a failure or a slow answer only leaves the summary out, and the file says so.
 */
async function routerSummary(ctx: Context, swap: Swap, context: string): Promise<string> {
  if (!ctx.options.routerSummary || !ctx.isLoaded('router') || ctx.state.agents.router.lock === 'BUSY') return '';
  await ctx.lock('router', swap.id);
  const controller = new AbortController();
  try {
    const answer = ctx.ports.modelHost.chat({
      model: ctx.model('router'),
      messages: [
        {
          role: 'system',
          content:
            'You are the Router. Condense the context below for another model in at most 150 words: the goal, the current state, the open problem, the next step. Plain text, no preamble.',
        },
        { role: 'user', content: context },
      ],
      options: { numCtx: ctx.roles.router.numCtx, keepAlive: -1 },
      signal: controller.signal,
    });
    const timeout = ctx.ports.clock.sleep(summaryTimeoutMs).then(() => null);
    const result = await Promise.race([answer, timeout]);
    if (!result) {
      controller.abort();
      // Aborted just above: its rejection is the abort itself, already accounted for by this answer.
      answer.catch(() => undefined);
      return '\n## Router summary\n\n(The Router did not answer within 60 s; the sections above are complete without it.)\n';
    }
    return `\n## Router summary\n\n${result.content.trim()}\n`;
  } catch (error) {
    return `\n## Router summary\n\n(The Router could not summarise: ${error instanceof Error ? error.message : String(error)}. The sections above are complete without it.)\n`;
  } finally {
    await ctx.unlock('router');
  }
}

/** Rule 2's files: current_task.json (validated on save) and temp_context.md. */
export async function buildSnapshot(
  ctx: Context,
  swap: Swap | null,
): Promise<{ current: CurrentTask; tempContext: string }> {
  const entries = ctx.conversation.all();
  const userTexts = entries.filter((e) => e.speaker === 'user').map((e) => e.text);
  const allTexts = entries.map((e) => e.text);
  const focus = swap ? ctx.state.tasks.get(swap.taskIds[0] ?? '') : undefined;
  const lastRequirement = userTexts.at(-1) ?? focus?.text ?? '';
  const lastError = lastErrorLog(userTexts.length ? userTexts : allTexts);
  const current: CurrentTask = {
    schemaVersion: 1,
    savedAt: new Date(ctx.ports.clock.now()).toISOString(),
    swapId: swap?.id ?? null,
    lastRequirement,
    lastErrorLog: lastError,
    currentFiles: mentionedFiles(allTexts),
    task: focus ? { id: focus.id, text: focus.text, route: focus.route, rule: focus.rule, status: focus.status } : null,
    pending: ctx
      .tasksWhere((t) => t.status === 'queued' || t.status === 'waiting' || t.status === 'running')
      .map((t) => ({ id: t.id, route: t.route, status: t.status, text: t.text.slice(0, 500) })),
    agents: roles.map((role) => ({
      role,
      model: ctx.model(role),
      lock: ctx.state.agents[role].lock,
      loaded: ctx.isLoaded(role),
      currentTaskId: ctx.state.agents[role].taskId,
    })),
  };
  const compacted = ctx.compact({ entries, lastRequirement, lastError });
  const tempContext = swap ? compacted + (await routerSummary(ctx, swap, compacted)) : compacted;
  return { current, tempContext };
}

import { noticeEvent } from '../../shared/contract';
import type { Core } from '../core/index';
import type { Publish } from './http-host';

/**
 * Connects the core's events to a host's event stream. State pushes are coalesced (at most one
 * per `intervalMs`): a burst of changes becomes one update, so a long queue never floods the page.
 */
export function coreEventSource(core: Core, intervalMs = 100): (publish: Publish) => () => void {
  return (publish) => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let dirty = false;
    let changedTasks = new Set<string>();
    const flush = async () => {
      timer = null;
      if (!dirty) return;
      dirty = false;
      const ids = changedTasks;
      changedTasks = new Set();
      try {
        // A delta: the page loaded the full state when it connected (state.get) and merges by id.
        publish('state.delta', await core.getDelta(ids));
      } catch (error) {
        // Said, not swallowed: the next change sends the state again.
        process.emitWarning(
          `frontier-sos: a state push failed (${error instanceof Error ? error.message : String(error)}); the next change tries again`,
        );
      }
    };
    const offs = [
      core.on('changed', ({ taskId }) => {
        dirty = true;
        if (taskId) changedTasks.add(taskId);
        timer ??= setTimeout(() => void flush(), intervalMs);
      }),
      core.on('token', (t) => publish('task.token', { taskId: t.taskId, role: t.role, text: t.text })),
      core.on('notice', (n) => publish('notice', noticeEvent(n))),
      core.on('swap.progress', (p) => publish('swap.progress', p)),
    ];
    return () => {
      if (timer) clearTimeout(timer);
      offs.forEach((off) => off());
    };
  };
}

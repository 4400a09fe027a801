import { noticeEvent, type EventName, type EventPayload } from '../../shared/contract';
import type { AppState } from '../../shared/domain';
import type { Core, CoreEvents } from '../core/index';

export interface PushSinks {
  /** To the dashboard window (webContents.send on the event channel). */
  send<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** The same fresh state, for the tray, the approval prompts and the notifications. */
  state(state: AppState): void;
  notice(notice: CoreEvents['notice']): void;
}

export type Schedule = (run: () => void, ms: number) => { cancel(): void };
const realSchedule: Schedule = (run, ms) => {
  const timer = setTimeout(run, ms);
  return { cancel: () => clearTimeout(timer) };
};

/**
 * Connects the core's events to the desktop, the way the headless host feeds its SSE stream:
 * tokens, notices and swap progress pass straight through; state pushes are coalesced (at most one
 * per `intervalMs`), so a burst of changes becomes one update for the window and the tray alike.
 */
export function connectPushes(
  core: Pick<Core, 'on' | 'getState'>,
  sinks: PushSinks,
  options: { intervalMs?: number; schedule?: Schedule } = {},
) {
  const intervalMs = options.intervalMs ?? 100;
  const schedule = options.schedule ?? realSchedule;
  let timer: { cancel(): void } | null = null;
  let dirty = false;
  let closed = false;

  const flush = async () => {
    timer = null;
    if (!dirty || closed) return;
    dirty = false;
    try {
      const state = await core.getState();
      if (closed) return;
      sinks.send('state.changed', state);
      sinks.state(state);
    } catch {
      /* the next change tries again */
    }
  };
  const refresh = () => {
    dirty = true;
    timer ??= schedule(() => void flush(), intervalMs);
  };

  const offs = [
    core.on('changed', refresh),
    core.on('token', (t) => sinks.send('task.token', { taskId: t.taskId, role: t.role, text: t.text })),
    core.on('notice', (n) => {
      sinks.send('notice', noticeEvent(n));
      sinks.notice(n);
    }),
    core.on('swap.progress', (p) => sinks.send('swap.progress', p)),
  ];
  return {
    /** Ask for a state push now-ish (coalesced like the rest): after start-up, an answer, a pause. */
    refresh,
    dispose() {
      closed = true;
      timer?.cancel();
      offs.forEach((off) => off());
    },
  };
}

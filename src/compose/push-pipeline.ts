import { noticeEvent, type EventName, type EventPayload } from '../../shared/contract';
import type { Core } from '../core/index';

/** One event as the pipeline emits it: a name and its payload, checked together. */
export type PushArgs = { [E in EventName]: [event: E, payload: EventPayload<E>] }[EventName];

/** Receives what the pipeline emits: the Electron host sends it over IPC, the headless host over SSE. */
export type PushSink = (...args: PushArgs) => void;

/** Runs `run` once after `ms`; tests pass their own to step frames by hand. */
export type FrameScheduler = (run: () => void, ms: number) => { cancel(): void };

export const realFrameScheduler: FrameScheduler = (run, ms) => {
  const timer = setTimeout(run, ms);
  return { cancel: () => clearTimeout(timer) };
};

export interface PushPipelineOptions {
  /** One frame: changes and tokens within it go out together. About one display frame by default. */
  frameMs?: number;
  schedule?: FrameScheduler;
  /** Where problems are said (a failed state read, a sink that threw); one line each. */
  log?: (line: string) => void;
}

export interface PushPipeline {
  /** Adds a receiver of every event from now on; returns its removal. */
  connect(sink: PushSink): () => void;
  /**
   * Asks for a state push in the next frame, as a change does: for what changes without a core
   * event (an approval asked or answered, the engine started).
   */
  refresh(): void;
  /**
   * Sends an event of the host's own (the language changed) to every receiver, after any tokens
   * still held: what the dashboard hears comes from this one place.
   */
  emit: PushSink;
  /** Stops: no event reaches a sink after this, a read still under way included. Idempotent. */
  dispose(): void;
}

const defaultLog = (line: string) => process.stderr.write(`${line}\n`);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The one way the engine's events reach a dashboard, for both hosts (docs/architecture.md, "Pushes").
 *
 * - State: every `changed` in a frame is coalesced into one `state.delta` (Core.getDelta: the
 *   tasks that changed plus every task still in play; the page merges it by id into the state it
 *   loaded with `state.get`). One read at a time: changes during a read go out in the frame after
 *   it, so deltas never arrive out of order.
 * - Tokens: several `task.token` for the same task in a frame become one event with their text
 *   joined in order; they go out before the frame's state, so a finished task's last words come
 *   before its status.
 * - Notices and swap progress pass straight through, after any tokens still held (order kept).
 * - A failed state read is said (with how many tasks it carried) and not retried on its own: its
 *   tasks join the next change's delta, which tries again.
 */
export function createPushPipeline(
  core: Pick<Core, 'on' | 'getDelta'>,
  options: PushPipelineOptions = {},
): PushPipeline {
  const frameMs = options.frameMs ?? 16;
  const schedule = options.schedule ?? realFrameScheduler;
  const log = options.log ?? defaultLog;
  const sinks = new Set<PushSink>();
  let disposed = false;

  let frame: { cancel(): void } | null = null;
  let stateDirty = false;
  let changedTasks = new Set<string>();
  let reading = false;
  // Keyed by task and role, in the order each first spoke this frame.
  const tokens = new Map<string, { taskId: string; role: string; text: string[] }>();

  const emit: PushSink = (...args) => {
    if (disposed) return;
    for (const sink of [...sinks]) {
      try {
        sink(...args);
      } catch (error) {
        // One broken receiver (a destroyed window, a closed socket) must not starve the others.
        log(`frontier-sos: a push of ${args[0]} could not be delivered: ${messageOf(error)}`);
      }
    }
  };

  const flushTokens = () => {
    if (tokens.size === 0) return;
    const held = [...tokens.values()];
    tokens.clear();
    for (const t of held) emit('task.token', { taskId: t.taskId, role: t.role, text: t.text.join('') });
  };

  const requestFrame = () => {
    if (disposed || frame) return;
    frame = schedule(runFrame, frameMs);
  };

  function runFrame(): void {
    frame = null;
    flushTokens();
    if (stateDirty && !reading) void pushState();
  }

  async function pushState(): Promise<void> {
    stateDirty = false;
    const ids = changedTasks;
    changedTasks = new Set();
    reading = true;
    try {
      const delta = await core.getDelta(ids);
      emit('state.delta', delta);
    } catch (error) {
      if (!disposed) {
        log(
          `frontier-sos: a state push failed (${messageOf(error)}; ${ids.size} changed task(s) held for the next one); the next change tries again`,
        );
        // Not lost: whatever changes next carries these tasks too.
        for (const id of ids) changedTasks.add(id);
      }
    } finally {
      reading = false;
      // Changes that came in during the read get their own frame now.
      if (stateDirty) requestFrame();
    }
  }

  const markChanged = (taskId?: string) => {
    stateDirty = true;
    if (taskId) changedTasks.add(taskId);
    if (!reading) requestFrame();
  };

  const offs = [
    core.on('changed', ({ taskId }) => markChanged(taskId)),
    core.on('token', (t) => {
      const key = `${t.taskId}\u0000${t.role}`;
      const held = tokens.get(key);
      if (held) held.text.push(t.text);
      else tokens.set(key, { taskId: t.taskId, role: t.role, text: [t.text] });
      requestFrame();
    }),
    core.on('notice', (n) => {
      flushTokens();
      emit('notice', noticeEvent(n));
    }),
    core.on('swap.progress', (p) => {
      flushTokens();
      emit('swap.progress', p);
    }),
  ];

  return {
    connect(sink) {
      sinks.add(sink);
      return () => void sinks.delete(sink);
    },
    refresh: () => markChanged(),
    emit(...args) {
      flushTokens();
      emit(...args);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      frame?.cancel();
      frame = null;
      // Held tokens are dropped with the receivers: nobody is left to show them.
      tokens.clear();
      offs.forEach((off) => off());
      sinks.clear();
    },
  };
}

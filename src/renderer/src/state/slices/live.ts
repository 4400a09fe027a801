import type { StateCreator } from 'zustand';
import type { EventPayload } from '../../../../../shared/contract';
import type { Role } from '../../../../../shared/domain';
import type { EngineMessage } from '../../../../../shared/engine-message';
import { withEarlierHistory, type MemorySample } from '../../lib/memory';
import type { Store } from '../store';

/** Streamed text per task and per speaker (a resident role, or the frontier model). */
export type TokenStreams = Record<string, Partial<Record<Role | 'frontier', string>>>;

export interface Notice {
  id: number;
  level: 'info' | 'warn' | 'error';
  /** Shown in the dashboard's language; the event's English `message` is for other clients. */
  said: EngineMessage;
  at: number;
}

/** Answers streamed for this many tasks are kept; older ones are in their result files. */
const streamedTasksKept = 50;
const noticesKept = 5;

export interface LiveSlice {
  /** Streamed answer text per task and role, as `task.token` events arrive. */
  streams: TokenStreams;
  memoryHistory: MemorySample[];
  /** Adds the engine monitor's earlier readings in front of the page's own. */
  addEarlierMemory(samples: readonly MemorySample[]): void;
  swapProgress: EventPayload<'swap.progress'> | null;
  notices: Notice[];
  /** The task the user just filed, so its routing decision shows under the form. */
  lastCreatedTaskId: string | null;
  appendToken(token: EventPayload<'task.token'>): void;
  setSwapProgress(progress: EventPayload<'swap.progress'>): void;
  pushNotice(notice: EventPayload<'notice'>): void;
  dismissNotice(id: number): void;
  setLastCreated(taskId: string): void;
}

let noticeId = 0;

export const createLiveSlice: StateCreator<Store, [], [], LiveSlice> = (set, get) => ({
  streams: {},
  memoryHistory: [],
  addEarlierMemory(samples) {
    set({ memoryHistory: withEarlierHistory(get().memoryHistory, samples) });
  },
  swapProgress: null,
  notices: [],
  lastCreatedTaskId: null,
  appendToken({ taskId, role, text }) {
    const streams = get().streams;
    const known = streams[taskId];
    const key = role as Role | 'frontier';
    let next: TokenStreams = { ...streams, [taskId]: { ...known, [key]: (known?.[key] ?? '') + text } };
    if (!known) {
      const ids = Object.keys(next);
      if (ids.length > streamedTasksKept)
        next = Object.fromEntries(ids.slice(-streamedTasksKept).map((id) => [id, next[id]!]));
    }
    set({ streams: next });
  },
  setSwapProgress(progress) {
    set({ swapProgress: progress });
  },
  pushNotice({ level, said }) {
    noticeId += 1;
    set({ notices: [...get().notices, { id: noticeId, level, said, at: Date.now() }].slice(-noticesKept) });
  },
  dismissNotice(id) {
    set({ notices: get().notices.filter((n) => n.id !== id) });
  },
  setLastCreated(taskId) {
    set({ lastCreatedTaskId: taskId });
  },
});

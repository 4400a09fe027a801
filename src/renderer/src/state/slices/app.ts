import type { StateCreator } from 'zustand';
import type { AppState } from '../../../../../shared/domain';
import type { Task } from '../../../../../shared/tasks';
import { call } from '../../api/client';
import type { StreamStatus } from '../../api/events';
import { keepEqual } from '../../lib/keep-equal';
import { addSample } from '../../lib/memory';
import { perfMark } from '../../lib/perf';
import { applyQueueDelta, loadQueue, type QueueState } from '../../lib/queue';
import type { Store } from '../store';

export interface AppSlice {
  /** The engine's state as last pushed; null until the first answer. Its queue is `queue.tasks`. */
  state: AppState | null;
  /** The queue, indexed: tasks by id and the count behind each filter; null with `state`. */
  queue: QueueState | null;
  /** Why the state could not be loaded (the host is down, the token is wrong). */
  loadError: string | null;
  stream: StreamStatus;
  refresh(): Promise<void>;
  applyState(next: AppState): void;
  /** A push with only the changed tasks (and those in play) in its queue. */
  applyDelta(delta: AppState): void;
  setStream(status: StreamStatus): void;
}

export const createAppSlice: StateCreator<Store, [], [], AppSlice> = (set, get) => {
  /**
   * Takes a pushed state with its queue already merged. Everything else in a push is a fresh
   * parse: parts equal to what the page holds keep their objects, so only the components whose
   * part changed render again (a push that moved one task renders that row and the queue).
   */
  const commit = (next: AppState, queue: QueueState) => {
    const { state: previous, memoryHistory } = get();
    const { queue: _pushed, ...rest } = next;
    const { queue: _held, ...held } = previous ?? { queue: null };
    const kept = keepEqual(previous ? held : undefined, rest);
    const unchanged = previous !== null && kept === held && previous.queue === queue.tasks;
    set({
      ...(unchanged ? {} : { state: { ...kept, queue: queue.tasks as Task[] }, queue }),
      memoryHistory: addSample(memoryHistory, {
        t: Date.now() / 1000,
        usedBytes: next.memory.usedBytes,
        budgetBytes: next.memory.budgetBytes,
      }),
      // Load progress belongs to the swap that is loading; drop it once that swap moved on.
      ...(next.swap?.state === 'loading_planner' ? {} : { swapProgress: null }),
    });
  };
  return {
    state: null,
    queue: null,
    loadError: null,
    stream: 'connecting',
    async refresh() {
      try {
        const loaded = await call('state.get', {});
        // The bench's "dashboard up" splits here: fetched, parsed and checked; then rendered.
        perfMark('fsos:state.loaded');
        get().applyState(loaded);
        set({ loadError: null });
      } catch (error) {
        set({ loadError: error instanceof Error ? error.message : String(error) });
      }
    },
    applyState(next) {
      commit(next, loadQueue(get().queue, next.queue));
    },
    applyDelta(delta) {
      const queue = get().queue;
      if (!queue) return; // the full state is on its way (state.get on connect)
      commit(delta, applyQueueDelta(queue, delta.queue));
    },
    setStream(status) {
      set({ stream: status });
    },
  };
};

import { create } from 'zustand';
import { eventStream } from '../api/events';
import { createAppSlice, type AppSlice } from './slices/app';
import { createLiveSlice, type LiveSlice } from './slices/live';

export type Store = AppSlice & LiveSlice;

/** The dashboard's one store, made of slices; components select the little they show. */
export const useStore = create<Store>()((...a) => ({
  ...createAppSlice(...a),
  ...createLiveSlice(...a),
}));

let started = false;

/**
 * Loads the state and follows the host's events. After the stream was lost and comes back, the
 * state is loaded again: pushes missed in between are not replayed.
 */
export function startLiveUpdates(): void {
  if (started) return;
  started = true;
  const store = useStore.getState();
  const events = eventStream();
  events.on('state.delta', (delta) => store.applyDelta(delta));
  events.on('task.token', (token) => store.appendToken(token));
  events.on('notice', (notice) => store.pushNotice(notice));
  events.on('swap.progress', (progress) => store.setSwapProgress(progress));
  events.onStatus((status) => {
    store.setStream(status);
    if (status === 'open') void store.refresh();
  });
  void store.refresh();
}

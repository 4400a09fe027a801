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
 * Follows the host's events and loads the state once the stream is open, so every change after
 * the load arrives as a push; after the stream was lost and comes back, the state is loaded again
 * (pushes missed in between are not replayed). One load, not two: the full state is megabytes with
 * a long queue, and a second copy on the way in cost the page as much as the first. A stream that
 * fails before any state came still loads it once, so the page says why (no host, wrong token).
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
    if (status === 'open' || (status === 'reconnecting' && useStore.getState().state === null)) void store.refresh();
  });
}

import type { ChannelInput, ChannelName, EventName, EventPayload } from './contract';
import type { Envelope } from './envelope';

/** The one IPC channel name the preload bridge and the main process share. */
export const invokeChannel = 'fsos:invoke';
export const eventChannel = 'fsos:event';

/** What the preload exposes on `window.frontierSos`; the renderer's IPC client wraps it. */
export interface FrontierBridge {
  invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Envelope<unknown>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

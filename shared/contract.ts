import { z } from 'zod';
import { appStateSchema } from './domain';

/**
 * The one contract every host serves: the Electron main process registers these channels over
 * IPC, the headless host over HTTP. Input and output are validated with the same schemas on both.
 */
export const channels = {
  'state.get': {
    input: z.object({}).strict(),
    output: appStateSchema,
    http: { method: 'GET', path: '/api/state' },
  },
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.infer<Channels[C]['output']>;

/** A handler for every channel; the compiler fails when a host misses one. */
export type HandlerMap = {
  [C in ChannelName]: (input: z.infer<Channels[C]['input']>) => Promise<ChannelOutput<C>>;
};

/** Events pushed to the dashboard (IPC webContents.send or SSE). */
export const events = {
  'state.changed': appStateSchema,
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

export const channelNames = Object.keys(channels) as ChannelName[];

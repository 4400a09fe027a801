import { z } from 'zod';
import { appStateSchema, routeSchema } from './domain';
import { newTaskSchema, taskSchema } from './tasks';

const id = z.string().min(1).max(200);

/**
 * The one contract every host serves: the Electron main process registers these channels over
 * IPC, the headless host over HTTP. Input and output are validated with the same schemas on both.
 * HTTP path parameters (":id") are merged into the input.
 */
export const channels = {
  'state.get': {
    input: z.object({}).strict(),
    output: appStateSchema,
    http: { method: 'GET', path: '/api/state' },
  },
  'tasks.create': {
    input: newTaskSchema,
    output: taskSchema,
    http: { method: 'POST', path: '/api/tasks' },
  },
  'tasks.get': {
    input: z.object({ id }).strict(),
    output: taskSchema,
    http: { method: 'GET', path: '/api/tasks/:id' },
  },
  'tasks.reroute': {
    input: z.object({ id, route: routeSchema }).strict(),
    output: taskSchema,
    http: { method: 'POST', path: '/api/tasks/:id/reroute' },
  },
  'tasks.cancel': {
    input: z.object({ id }).strict(),
    output: taskSchema,
    http: { method: 'POST', path: '/api/tasks/:id/cancel' },
  },
  'tasks.stillBroken': {
    input: z.object({ id, note: z.string().max(200_000).default('') }).strict(),
    output: taskSchema,
    http: { method: 'POST', path: '/api/tasks/:id/still-broken' },
  },
  'approvals.answer': {
    input: z.object({ id, decision: z.enum(['approve', 'deny']) }).strict(),
    output: z.object({ id, accepted: z.boolean(), message: z.string() }),
    http: { method: 'POST', path: '/api/approvals/:id' },
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
  'task.token': z.object({ taskId: z.string(), role: z.string(), text: z.string() }),
  notice: z.object({ level: z.enum(['info', 'warn', 'error']), message: z.string() }),
  'swap.progress': z.object({ swapId: z.string(), bytesExpected: z.number(), elapsedMs: z.number(), estimatedRemainingMs: z.number().nullable() }),
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

export const channelNames = Object.keys(channels) as ChannelName[];

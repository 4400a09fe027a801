import { z } from 'zod';
import { engineMessageSchema, inEnglish, type EngineMessage } from './engine-message';
import { appStateSchema, memoryPointSchema, roleSchema, routeSchema } from './domain';
import { profileIdSchema } from './engine-settings';
import { roleOverridesSchema } from './roles';
import { swapSchema } from './swap';
import { newTaskSchema, taskSchema } from './tasks';
import { frontierKeyNames } from './frontier/prices';
import { localeSettingSchema, localeViewSchema } from './locale';

const id = z.string().min(1).max(200);

/**
 * The hand-off files the dashboard may read, by name. Read-only channels take one of these names
 * (or a task id, or a snapshot version) and never a path, so no request can reach another file.
 */
export const workspaceFiles = {
  blueprint: 'shared/blueprint.md',
  tempContext: 'shared/temp_context.md',
  currentTask: 'shared/current_task.json',
} as const;
export const workspaceFileSchema = z.enum(['blueprint', 'tempContext', 'currentTask']);
export type WorkspaceFile = z.infer<typeof workspaceFileSchema>;

/** Task ids as the core makes them; anything else (a slash, "..") is refused before a file is named. */
export const safeIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,199}$/, 'An id has only letters, digits, "-" and "_".');

const fileTextSchema = z.object({ path: z.string(), text: z.string().nullable() });

export const snapshotVersionSchema = z.object({
  version: z.number().int(),
  savedAt: z.string(),
  swapId: z.string().nullable(),
});
export type SnapshotVersionView = z.infer<typeof snapshotVersionSchema>;

export const settingsSchema = z.object({
  roles: z.array(z.object({ role: roleSchema, model: z.string(), numCtx: z.number().int(), resident: z.boolean() })),
  memoryBudgetBytes: z.number().nonnegative(),
  workspaceRoot: z.string(),
  /** The machine profile the memory plan is made for. */
  profile: z.string(),
});
export type SettingsView = z.infer<typeof settingsSchema>;

/** The memory plan for proposed role settings, and whether they were saved for the next start. */
export const rolePlanSchema = z.object({
  profile: z.string(),
  budgetBytes: z.number(),
  residentsTotalBytes: z.number(),
  residentsFit: z.boolean(),
  plannerFits: z.boolean(),
  plannerSwapEvicts: z.array(roleSchema),
  models: z.array(z.object({ role: roleSchema, model: z.string(), numCtx: z.number().int(), totalBytes: z.number() })),
  /** Roles Ollama would partly run on the CPU: such settings are refused (shared/memory/offload.ts). */
  cpuOffload: z.array(
    z.object({
      role: roleSchema,
      model: z.string(),
      numCtx: z.number().int(),
      overBytes: z.number(),
      /** The largest num_ctx that fits; null when only a smaller model does. */
      fitsAtNumCtx: z.number().int().nullable(),
      message: z.string(),
    }),
  ),
  saved: z.boolean(),
});
export type RolePlan = z.infer<typeof rolePlanSchema>;

/** The frontier providers whose API keys the host keeps (never shown to the dashboard). */
export const secretProviderSchema = z.enum(['openai', 'anthropic']);
export type SecretProvider = z.infer<typeof secretProviderSchema>;
/** The names the Secrets port keeps each key under: the environment names the headless host reads. */
export const secretNames: Record<SecretProvider, string> = frontierKeyNames;
/** Whether a key is set, per provider: all the dashboard ever learns about a key. */
export const secretsStatusSchema = z.object({ openai: z.boolean(), anthropic: z.boolean() });
// The messages never quote the input: a rejected key must not come back in an error.
const apiKeySchema = z
  .string()
  .trim()
  .min(20, 'An API key is at least 20 characters long.')
  .max(500, 'An API key is at most 500 characters long.')
  .regex(/^[\x21-\x7e]+$/, 'An API key has no spaces and only printable ASCII characters.');

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
    // "approve-anyway" is the explicit second choice an approval with memoryUnknown requires.
    input: z.object({ id, decision: z.enum(['approve', 'deny', 'approve-anyway']) }).strict(),
    output: z.object({ id, accepted: z.boolean(), message: z.string() }),
    http: { method: 'POST', path: '/api/approvals/:id' },
  },
  // Read-only views for the dashboard (snapshots, blueprint, results, settings, past swaps).
  'memory.history': {
    input: z
      .object({
        rangeMs: z
          .number()
          .int()
          .min(1000)
          .max(24 * 3600_000),
        maxPoints: z.number().int().min(2).max(5000).optional(),
      })
      .strict(),
    output: z.object({ points: z.array(memoryPointSchema) }),
    http: { method: 'POST', path: '/api/memory/history' },
  },
  'files.read': {
    input: z.object({ file: workspaceFileSchema }).strict(),
    output: fileTextSchema,
    http: { method: 'GET', path: '/api/files/:file' },
  },
  'tasks.result': {
    input: z.object({ id: safeIdSchema }).strict(),
    output: fileTextSchema,
    http: { method: 'GET', path: '/api/tasks/:id/result' },
  },
  'snapshots.list': {
    input: z.object({}).strict(),
    output: z.object({ versions: z.array(snapshotVersionSchema) }),
    http: { method: 'GET', path: '/api/snapshots' },
  },
  'snapshots.get': {
    // A path parameter arrives as a string over HTTP and as a number over IPC.
    input: z.object({ version: z.coerce.number().int().min(1).max(1_000_000) }).strict(),
    output: z.object({ version: z.number().int(), currentTask: z.string(), tempContext: z.string() }),
    http: { method: 'GET', path: '/api/snapshots/:version' },
  },
  'swaps.recent': {
    input: z.object({}).strict(),
    output: z.object({ swaps: z.array(swapSchema) }),
    http: { method: 'GET', path: '/api/swaps' },
  },
  'settings.get': {
    input: z.object({}).strict(),
    output: settingsSchema,
    http: { method: 'GET', path: '/api/settings' },
  },
  // Checks role settings against the memory plan; with save, writes them to
  // .frontier-sos/settings.json for the next start (models never change under running work).
  'settings.roles': {
    input: z.object({ roles: roleOverridesSchema, profile: profileIdSchema.optional(), save: z.boolean() }).strict(),
    output: rolePlanSchema,
    http: { method: 'POST', path: '/api/settings/roles' },
  },
  // Pause stops new work from starting (local tasks and planner swaps); running work finishes.
  'queue.pause': {
    input: z.object({ paused: z.boolean() }).strict(),
    output: z.object({ paused: z.boolean() }),
    http: { method: 'POST', path: '/api/queue/pause' },
  },
  'secrets.status': {
    input: z.object({}).strict(),
    output: secretsStatusSchema,
    http: { method: 'GET', path: '/api/secrets' },
  },
  'secrets.set': {
    input: z.object({ provider: secretProviderSchema, key: apiKeySchema }).strict(),
    output: secretsStatusSchema,
    http: { method: 'POST', path: '/api/secrets/:provider' },
  },
  // The dashboard's language belongs to the host (its settings), not to the page nor the engine:
  // the Electron tray and the dashboard, or every tab of the headless host, show the same choice.
  'locale.get': {
    input: z.object({}).strict(),
    output: localeViewSchema,
    http: { method: 'GET', path: '/api/locale' },
  },
  'locale.set': {
    input: z.object({ setting: localeSettingSchema }).strict(),
    output: localeViewSchema,
    http: { method: 'POST', path: '/api/locale' },
  },
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.infer<Channels[C]['output']>;

type Handler<C extends ChannelName> = (input: z.infer<Channels[C]['input']>) => Promise<ChannelOutput<C>>;

/** Channels each host answers from its own settings rather than the engine's. */
export const hostChannelNames = ['locale.get', 'locale.set'] as const satisfies readonly ChannelName[];
export type HostChannelName = (typeof hostChannelNames)[number];

/** The engine's handlers: every channel but the host's own; the compiler fails when the core misses one. */
export type HandlerMap = { [C in Exclude<ChannelName, HostChannelName>]: Handler<C> };

/** What a host serves (IPC, HTTP): the engine's handlers and its own; the compiler fails when one is missing. */
export type ContractHandlers = { [C in ChannelName]: Handler<C> };

/** Events pushed to the dashboard (IPC webContents.send or SSE), by src/compose/push-pipeline.ts. */
export const events = {
  /** The state with only the tasks that changed (and those still in play) in its queue: merge by id. */
  'state.delta': appStateSchema,
  'task.token': z.object({ taskId: z.string(), role: z.string(), text: z.string() }),
  // `message` is the English text the stable contract promises; `said` is the same as data, for
  // surfaces that show it in their own language.
  notice: z.object({ level: z.enum(['info', 'warn', 'error']), message: z.string(), said: engineMessageSchema }),
  'swap.progress': z.object({
    swapId: z.string(),
    bytesExpected: z.number(),
    elapsedMs: z.number(),
    estimatedRemainingMs: z.number().nullable(),
  }),
  /** The host's language setting changed (from the tray, the menu, or another dashboard). */
  'locale.changed': localeViewSchema,
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

/** A core notice as both hosts send it: the English text the contract promises, and the data beside it. */
export function noticeEvent(notice: {
  level: EventPayload<'notice'>['level'];
  said: EngineMessage;
}): EventPayload<'notice'> {
  return { level: notice.level, message: inEnglish(notice.said), said: notice.said };
}

export const channelNames = Object.keys(channels) as ChannelName[];

import { z } from 'zod';
import { engineMessageSchema } from './engine-message';
import { frontierApprovalFields, spendStateSchema } from './frontier/view';
import { swapSchema } from './swap';
import { taskSchema } from './tasks';

/** The roles of the local team (docs/architecture.md, "Roles"). Frontier is remote and has no lock. */
export const roleSchema = z.enum(['router', 'coder', 'reviewer', 'planner']);
export type Role = z.infer<typeof roleSchema>;

export const lockSchema = z.enum(['IDLE', 'BUSY']);
export type Lock = z.infer<typeof lockSchema>;

export const routeSchema = z.enum(['local', 'planner', 'frontier']);
export type Route = z.infer<typeof routeSchema>;

export const taskStatusSchema = z.enum(['queued', 'waiting', 'running', 'done', 'failed', 'denied']);
export type TaskStatus = z.infer<typeof taskStatusSchema>;

export const approvalStatusSchema = z.enum(['pending', 'approved', 'denied', 'expired']);

export const agentStateSchema = z.object({
  role: roleSchema,
  model: z.string(),
  lock: lockSchema,
  loaded: z.boolean(),
  currentTaskId: z.string().nullable(),
});
export type AgentState = z.infer<typeof agentStateSchema>;

export const approvalSchema = z.object({
  id: z.string(),
  kind: z.enum(['planner', 'frontier']),
  status: approvalStatusSchema,
  /** In English, for scripts and logs (docs/interfaces.md keeps it a string); surfaces render `said`. */
  message: z.string(),
  /** What the approval says as data: the question while pending, the outcome once answered. */
  said: engineMessageSchema,
  askedAt: z.number().nullable(),
  taskIds: z.array(z.string()),
  planner: z
    .object({
      warningKo: z.string(),
      warningEn: z.string(),
      plannerModel: z.string(),
      unloadModels: z.array(z.string()),
      freesBytes: z.number(),
      expectedSwapSeconds: z.number(),
      expectedRestoreSeconds: z.number().default(0),
      plannerWarm: z.boolean().default(false),
      typicalPlanningSeconds: z.number().nullable().default(null),
      /** Live memory could not be read: Deny is the default, "Approve anyway" an explicit choice. */
      memoryUnknown: z.boolean().default(false),
    })
    .nullable(),
  ...frontierApprovalFields,
});
export type ApprovalView = z.infer<typeof approvalSchema>;

export const pressureSchema = z.enum(['normal', 'warn', 'critical']);

/** The live reading of the memory monitor: the machine, not only what the models take. */
export const liveMemorySchema = z.object({
  at: z.number(),
  totalBytes: z.number().nonnegative(),
  freeBytes: z.number().nonnegative(),
  otherAppsBytes: z.number().nonnegative(),
  budgetBytes: z.number().nonnegative(),
  budgetSource: z.string(),
  pressure: pressureSchema,
  pressureDetail: z.string(),
  swapUsedBytes: z.number().nullable(),
  profileId: z.string().nullable(),
  problems: z.array(z.string()),
});

export const memoryStateSchema = z.object({
  budgetBytes: z.number().nonnegative(),
  usedBytes: z.number().nonnegative(),
  models: z.array(z.object({ name: z.string(), sizeBytes: z.number().nonnegative() })),
  /** Null until the monitor's first sample (or when no monitor runs, as in tests). */
  live: liveMemorySchema.nullish(),
});

export const memoryPointSchema = z.object({
  at: z.number(),
  freeBytes: z.number(),
  usedBytes: z.number(),
  modelsBytes: z.number(),
  otherAppsBytes: z.number(),
  swapUsedBytes: z.number(),
  pressure: pressureSchema,
});

export { spendStateSchema };

/** Share of recent tasks sent to the Planner or a frontier model, against the ~10% target. */
export const escalationSchema = z.object({
  window: z.number().int(),
  samples: z.number().int(),
  escalated: z.number().int(),
  share: z.number(),
  target: z.number(),
  status: z.enum(['warming-up', 'on-target', 'above-target', 'below-target']),
  byRoute: z.object({ local: z.number(), planner: z.number(), frontier: z.number() }),
});

/** What the Router learned from the user's corrections at start (docs/router.md, "Learning from corrections"). */
export const routerLearningSchema = z.object({
  corrections: z.number().int(),
  used: z.number().int(),
  agreedBefore: z.number().int(),
  agreedAfter: z.number().int(),
  recent: z.array(
    z.object({ taskId: z.string(), text: z.string(), to: routeSchema, before: routeSchema, now: routeSchema }),
  ),
  problems: z.array(z.object({ line: z.number().int(), message: z.string() })),
});
export type RouterLearning = z.infer<typeof routerLearningSchema>;

/** What GET /api/state and the `state.get` channel return (docs/interfaces.md). */
export const appStateSchema = z.object({
  agents: z.array(agentStateSchema),
  queue: z.array(taskSchema),
  approvals: z.array(approvalSchema),
  swap: swapSchema.nullable(),
  memory: memoryStateSchema,
  spend: spendStateSchema,
  escalation: escalationSchema,
  /** Null until the engine has started (and read the corrections file). */
  routerLearning: routerLearningSchema.nullable(),
  /** The queue is paused (tray or dashboard): no new work starts until it is resumed. */
  paused: z.boolean(),
  simulated: z.boolean(),
  ollama: z.object({ url: z.string().nullable(), reachable: z.boolean(), error: z.string().nullable() }),
});
export type AppState = z.infer<typeof appStateSchema>;

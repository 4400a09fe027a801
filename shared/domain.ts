import { z } from 'zod';

/** The roles of the local team (product.md §1). Frontier is remote and has no lock. */
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
});
export type AgentState = z.infer<typeof agentStateSchema>;

export const queueEntrySchema = z.object({
  id: z.string(),
  route: routeSchema,
  status: taskStatusSchema,
});

export const approvalSchema = z.object({
  id: z.string(),
  kind: z.enum(['planner', 'frontier']),
  status: approvalStatusSchema,
  message: z.string(),
});

export const memoryStateSchema = z.object({
  budgetBytes: z.number().nonnegative(),
  usedBytes: z.number().nonnegative(),
});

export const spendStateSchema = z.object({
  todayUsd: z.number().nonnegative(),
  monthUsd: z.number().nonnegative(),
});

/** What GET /api/state and the `state.get` channel return (interfaces.md). */
export const appStateSchema = z.object({
  agents: z.array(agentStateSchema),
  queue: z.array(queueEntrySchema),
  approvals: z.array(approvalSchema),
  swap: z.object({ state: z.string() }).nullable(),
  memory: memoryStateSchema,
  spend: spendStateSchema,
  simulated: z.boolean(),
});
export type AppState = z.infer<typeof appStateSchema>;

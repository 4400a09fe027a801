import { z } from 'zod';
import { engineMessageSchema } from './engine-message';

/** A task as every host shows it (docs/interfaces.md: GET /api/tasks/:id and the queue). */
export const taskSchema = z.object({
  id: z.string(),
  text: z.string(),
  route: z.enum(['local', 'planner', 'frontier']),
  rule: z.string(),
  reason: z.string(),
  /** The role that does the work: the Coder for local work, the Planner for planner requests. */
  agent: z.enum(['router', 'coder', 'reviewer', 'planner']).nullable(),
  priority: z.number().int(),
  status: z.enum(['queued', 'waiting', 'running', 'done', 'failed', 'denied']),
  /** Why a task is not running yet (e.g. `waiting.coder`), as a message each surface renders in its language. */
  waitingFor: engineMessageSchema.nullable(),
  failedAttempts: z.number().int().nonnegative(),
  /** Tasks about the same problem share this; "still broken" follow-ups count failures on it. */
  problemId: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  resultPath: z.string().nullable(),
  /** Why it failed or was denied, as a message (the engine's own words, or a host's error carried whole). */
  error: engineMessageSchema.nullable(),
  /** The swap that served a planner task. */
  swapId: z.string().nullable(),
});
export type Task = z.infer<typeof taskSchema>;

export const newTaskSchema = z
  .object({
    text: z
      .string()
      .trim()
      .min(1, 'Describe the task: the text is empty.')
      .max(200_000, 'The task text is longer than 200,000 characters.'),
    failedAttempts: z.number().int().min(0).max(1000).optional(),
    /** Overrides the Router's decision. */
    route: z.enum(['local', 'planner', 'frontier']).optional(),
    priority: z.number().int().min(-10).max(10).optional(),
    /** Local work only: the resident that does it (default: the Coder, then the Reviewer reviews). */
    agent: z.enum(['coder', 'reviewer', 'router']).optional(),
  })
  .strict();
export type NewTask = z.infer<typeof newTaskSchema>;

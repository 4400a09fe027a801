import { z } from 'zod';
import { lockSchema, roleSchema } from './domain';

/**
 * `shared/current_task.json`: everything a model needs to pick the work up again after it was
 * unloaded (docs/architecture.md ("What the product promises") Rule 2). Written atomically before any swap is even asked for.
 */
export const currentTaskSchema = z.object({
  schemaVersion: z.literal(1),
  savedAt: z.string(),
  swapId: z.string().nullable(),
  /** The user's last requirement, word for word. */
  lastRequirement: z.string(),
  /** The last error log seen (a failed run, a stack trace), or null. */
  lastErrorLog: z.string().nullable(),
  /** Files the work is about, as mentioned in the conversation. */
  currentFiles: z.array(z.string()),
  task: z
    .object({ id: z.string(), text: z.string(), route: z.string(), rule: z.string(), status: z.string() })
    .nullable(),
  pending: z.array(z.object({ id: z.string(), route: z.string(), status: z.string(), text: z.string() })),
  agents: z.array(
    z.object({
      role: roleSchema,
      model: z.string(),
      lock: lockSchema,
      loaded: z.boolean(),
      currentTaskId: z.string().nullable(),
    }),
  ),
});
export type CurrentTask = z.infer<typeof currentTaskSchema>;

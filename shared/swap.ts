import { z } from 'zod';
import { engineMessageSchema } from './engine-message';

/**
 * The baton pass (docs/architecture.md, "The baton-pass workflow") as explicit states. Terminal: done, denied, failed.
 * Every transition is journalled before its effect runs.
 */
export const swapStates = [
  'draining',
  'snapshotting',
  'awaiting_approval',
  'unloading',
  'loading_planner',
  'planning',
  'unloading_planner',
  'restoring',
  'done',
  'denied',
  'failed',
] as const;

/** The states a swap passes through in order, before it ends (done, denied, failed). */
export const runningSwapStates = swapStates.slice(0, 8) as readonly Exclude<
  (typeof swapStates)[number],
  'done' | 'denied' | 'failed'
>[];
export const swapStateSchema = z.enum(swapStates);
export type SwapState = z.infer<typeof swapStateSchema>;

export const terminalSwapStates: readonly SwapState[] = ['done', 'denied', 'failed'];

export const swapSchema = z.object({
  id: z.string(),
  state: swapStateSchema,
  /** The planner tasks this swap serves: one approval covers the whole batch. */
  taskIds: z.array(z.string()),
  /** Residents the memory plan says must unload (the fewest that make room). */
  evict: z.array(z.enum(['router', 'coder', 'reviewer', 'planner'])),
  /**
   * What the approval said will unload: those of `evict` loaded when the user was asked (a
   * Reviewer that is not loaded is not "unloaded"). Null until asked. Every surface shows this list.
   */
  unloading: z
    .array(z.enum(['router', 'coder', 'reviewer', 'planner']))
    .nullable()
    .default(null),
  approvalId: z.string().nullable(),
  snapshotVersion: z.number().int().nullable(),
  startedAt: z.number(),
  /** When each state was entered (virtual or real ms), for the timings the dashboard shows. */
  enteredAt: z.record(z.string(), z.number()),
  /** Why it was denied or failed, as a message; its key tells an expiry from a denial. */
  error: engineMessageSchema.nullable(),
  /** Planner load progress while loading. */
  progress: z
    .object({ bytesExpected: z.number(), elapsedMs: z.number(), estimatedRemainingMs: z.number().nullable() })
    .nullable(),
});
export type Swap = z.infer<typeof swapSchema>;

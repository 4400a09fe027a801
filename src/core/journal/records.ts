import { z } from 'zod';
import { lockSchema, roleSchema } from '../../../shared/domain';
import { engineMessageSchema } from '../../../shared/engine-message';
import { frontierProviderSchema } from '../../../shared/frontier/prices';
import { swapSchema } from '../../../shared/swap';
import { taskSchema } from '../../../shared/tasks';
import { journalVersion } from './migrate';

/**
 * The journal's records, checked on replay: a record that is JSON but not one of these (by hand,
 * by a bug, by a disk) is named with its line instead of being applied and breaking the state.
 * Kept in step with CoreRecord (src/core/state.ts); a test replays every record the core writes.
 */
const answeredApprovalSchema = z.object({
  id: z.string(),
  status: z.enum(['approved', 'denied', 'expired']),
  said: engineMessageSchema,
  askedAt: z.number(),
  taskIds: z.array(z.string()),
  provider: frontierProviderSchema,
  model: z.string(),
  estimatedCostUsd: z.number(),
});

const recordData = z.discriminatedUnion('type', [
  z.object({ type: z.literal('task.created'), data: z.object({ task: taskSchema }) }),
  z.object({
    type: z.literal('task.updated'),
    data: z.object({ id: z.string(), patch: taskSchema.omit({ id: true }).partial() }),
  }),
  z.object({
    type: z.literal('task.stage'),
    data: z.object({ id: z.string(), stage: z.enum(['coding', 'review_pending', 'reviewing']).nullable() }),
  }),
  z.object({
    type: z.literal('agent.lock'),
    data: z.object({ role: roleSchema, lock: lockSchema, taskId: z.string().nullable() }),
  }),
  z.object({ type: z.literal('swap.updated'), data: z.object({ swap: swapSchema }) }),
  z.object({ type: z.literal('approval.answered'), data: z.object({ approval: answeredApprovalSchema }) }),
]);

export const journalRecordSchema = z.intersection(
  z.object({ seq: z.number().int().positive(), at: z.number(), v: z.number().int().positive() }),
  recordData,
);

const knownTypes: ReadonlySet<string> = new Set([
  'task.created',
  'task.updated',
  'task.stage',
  'agent.lock',
  'swap.updated',
  'approval.answered',
]);
const envelope = z.object({
  seq: z.number().int().positive(),
  at: z.number(),
  v: z.number().int().positive().optional(),
  type: z.string().min(1),
  data: z.unknown(),
});

/**
 * Why a parsed line (already upgraded, see migrate.ts) is not a record, in a few words, or null
 * when it is one. A type this version does not know (a newer version's, or another module's) is
 * checked only as a record: the reducer skips it, so a downgrade still starts. A known type from
 * a newer journal version is accepted when it still fits this version's schema, and otherwise
 * named as newer, so the message says why rather than only what.
 */
export function recordProblem(value: unknown): string | null {
  const head = envelope.safeParse(value);
  if (head.success && !knownTypes.has(head.data.type)) return null;
  const parsed = journalRecordSchema.safeParse(value);
  if (parsed.success) return null;
  const issues = parsed.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`)
    .join('; ');
  const v = head.success ? head.data.v : undefined;
  return v !== undefined && v > journalVersion
    ? `written by a newer Frontier SOS (journal version ${v}; this one reads up to ${journalVersion}): ${issues}`
    : issues;
}

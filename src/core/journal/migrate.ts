import { legacyText } from '../../../shared/engine-message';

/**
 * The journal's format version, written into every record as `v`.
 *
 * 1 (records without `v`): builds before issue 19 kept what the engine says as English sentences:
 *   a task's `waitingFor` and `error`, a swap's `error`, an answered frontier approval's `message`.
 * 2: those are EngineMessages (shared/engine-message.ts); an answered approval's is `said`.
 *
 * A journal is append-only, so an old workspace holds version-1 records followed by version-2
 * ones. Records are upgraded as they are read, never rewritten in place.
 */
export const journalVersion = 2;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A version-1 sentence becomes a message that renders it unchanged (`engine.legacy`): the old
 * text is shown as it was written, never read for what it meant.
 */
const wrap = (value: unknown): unknown => (typeof value === 'string' ? legacyText(value) : value);

function upgradeTaskFields(task: unknown): unknown {
  if (!isObject(task)) return task;
  const out: Json = { ...task };
  if ('waitingFor' in out) out['waitingFor'] = wrap(out['waitingFor']);
  if ('error' in out) out['error'] = wrap(out['error']);
  return out;
}

function upgradeData(type: unknown, data: unknown): unknown {
  if (!isObject(data)) return data;
  switch (type) {
    case 'task.created':
      return { ...data, task: upgradeTaskFields(data['task']) };
    case 'task.updated':
      return { ...data, patch: upgradeTaskFields(data['patch']) };
    case 'swap.updated':
      return isObject(data['swap']) ? { ...data, swap: { ...data['swap'], error: wrap(data['swap']['error']) } } : data;
    case 'approval.answered': {
      const approval = data['approval'];
      if (!isObject(approval) || !('message' in approval)) return data;
      const { message, ...rest } = approval;
      return { ...data, approval: { ...rest, said: wrap(message) } };
    }
    default:
      return data;
  }
}

/**
 * A parsed journal line in the current version's shape. Records that already carry a `v` are
 * returned as they are (a newer version's are checked as they stand, see recordProblem);
 * anything that is not a record is left for the schema to name.
 */
export function upgradeRecord(value: unknown): unknown {
  if (!isObject(value) || 'v' in value) return value;
  return { ...value, v: journalVersion, data: upgradeData(value['type'], value['data']) };
}

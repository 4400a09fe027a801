/**
 * `next`, with every part equal to the same part of `previous` replaced by that part: a push that
 * parsed a fresh copy of the agents, the memory or the approvals hands back the objects the page
 * already holds where nothing changed, so components selecting them do not render again. For
 * JSON values (what a push is); the work is the size of the value, small beside the queue's.
 */
export function keepEqual<T>(previous: unknown, next: T): T {
  if (Object.is(previous, next)) return next;
  if (typeof previous !== 'object' || typeof next !== 'object' || previous === null || next === null) return next;
  if (Array.isArray(next)) {
    if (!Array.isArray(previous)) return next;
    let same = previous.length === next.length;
    const kept = next.map((item: unknown, i) => {
      const part = keepEqual(previous[i], item);
      if (part !== previous[i]) same = false;
      return part;
    });
    return (same ? previous : kept) as T;
  }
  if (Array.isArray(previous)) return next;
  const before = previous as Record<string, unknown>;
  const after = next as Record<string, unknown>;
  const keys = Object.keys(after);
  let same = keys.length === Object.keys(before).length;
  const kept: Record<string, unknown> = {};
  for (const key of keys) {
    const part = keepEqual(before[key], after[key]);
    if (part !== before[key] || !(key in before)) same = false;
    kept[key] = part;
  }
  return (same ? before : kept) as T;
}

import { z } from 'zod';

/** One request of a workload trace (docs/interfaces.md, `bench`). */
export const traceEntrySchema = z
  .object({
    at: z.number().nonnegative(),
    id: z.string().min(1),
    route: z.enum(['local', 'planner', 'frontier']),
    agent: z.enum(['coder', 'reviewer', 'router']).optional(),
    workMs: z.number().nonnegative(),
  })
  .strict();
export type TraceEntry = z.infer<typeof traceEntrySchema>;

export class TraceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TraceError';
  }
}

/** Parses JSON Lines; every bad line is reported with its number, and nothing runs on a bad trace. */
export function parseTrace(text: string, source = 'trace'): TraceEntry[] {
  const entries: TraceEntry[] = [];
  const problems: string[] = [];
  const ids = new Set<string>();
  text.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problems.push(`line ${index + 1}: not JSON`);
      return;
    }
    const parsed = traceEntrySchema.safeParse(value);
    if (!parsed.success) {
      problems.push(
        `line ${index + 1}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(line)'} ${i.message}`).join('; ')}`,
      );
      return;
    }
    if (ids.has(parsed.data.id)) problems.push(`line ${index + 1}: the id "${parsed.data.id}" is used twice`);
    ids.add(parsed.data.id);
    entries.push(parsed.data);
  });
  if (problems.length)
    throw new TraceError(
      `${source} has ${problems.length} bad line(s): ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? '; …' : ''}`,
    );
  if (!entries.length) throw new TraceError(`${source} has no requests.`);
  return entries.sort((a, b) => a.at - b.at);
}

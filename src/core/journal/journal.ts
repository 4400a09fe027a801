import type { Workspace } from '../ports';
import { journalVersion, upgradeRecord } from './migrate';
import { recordProblem } from './records';

export const journalPath = '.frontier-sos/journal.jsonl';

export interface JournalRecord<T = unknown> {
  seq: number;
  at: number;
  /** The format version the record is in once read (migrate.ts); older records are upgraded. */
  v: number;
  type: string;
  data: T;
}

export interface JournalRead {
  records: JournalRecord[];
  /** A crash cut the last line: it was moved to `keptAside` and the journal ends cleanly again. */
  tornTail: boolean;
  keptAside: string | null;
}

export interface Journal {
  /**
   * Appends; resolves once the record is durable (written and fsynced, together with whatever else
   * arrived meanwhile), so the caller runs the effect the record announces only after that.
   */
  append<T>(type: string, data: T): Promise<JournalRecord<T>>;
  /**
   * Every record, each checked against its schema. A torn last line (a crash mid-write) is moved
   * aside and cut off before anything is appended after it; a bad record anywhere else stops the
   * read with a JournalDamage naming its line (`frontier-sos doctor --repair-journal` mends it).
   */
  readAll(): Promise<JournalRead>;
  /**
   * Shutdown: nothing more is written. An append after this never settles (as after a crash), so
   * work cut off by the shutdown records no failure and is queued again by the next start.
   */
  seal(): void;
}

/** A record that is not one, away from the end: a clear stop, never a silent skip or a fresh start. */
export class JournalDamage extends Error {
  constructor(
    readonly line: number,
    readonly problem: string,
  ) {
    super(
      `The journal ${journalPath} is damaged at line ${line} (${problem}). Nothing was changed. Run \`frontier-sos doctor --repair-journal --workspace <dir>\`: it keeps every valid record and moves the bad lines aside.`,
    );
    this.name = 'JournalDamage';
  }
}

export interface ParsedJournal {
  /** The records, upgraded to the current version (migrate.ts). */
  records: JournalRecord[];
  /** Each record's line as it was written: a rewrite keeps records as they were, whatever their version. */
  texts: string[];
  /** Lines that are not records, with their 1-based number and why. */
  bad: Array<{ line: number; text: string; problem: string }>;
  /** The last line, when it is bad and the file does not end with a newline: a torn write. */
  torn: { line: number; text: string } | null;
  /**
   * Torn fragments an older version glued the next record onto ("{"seq":4,"a{"seq":5,…}"): the
   * record after the fragment is kept, the fragment is reported here to be kept aside.
   */
  fragments: Array<{ line: number; text: string }>;
}

/** Reads a journal's text line by line, sorting records from everything else. */
export function parseJournal(text: string): ParsedJournal {
  const lines = text.split('\n');
  const records: JournalRecord[] = [];
  const texts: string[] = [];
  const bad: ParsedJournal['bad'] = [];
  const fragments: ParsedJournal['fragments'] = [];
  let torn: ParsedJournal['torn'] = null;
  const last = text.endsWith('\n') ? -1 : lines.length - 1;
  lines.forEach((line, index) => {
    if (!line.trim()) return;
    let problem: string | null;
    let value: unknown;
    try {
      value = upgradeRecord(JSON.parse(line));
      problem = recordProblem(value);
    } catch (error) {
      problem = `not JSON: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (problem === null) {
      records.push(value as JournalRecord);
      texts.push(line);
      return;
    }
    const glued = salvage(line);
    if (glued) {
      records.push(glued.record);
      texts.push(glued.text);
      fragments.push({ line: index + 1, text: glued.fragment });
    } else if (index === last) torn = { line: index + 1, text: line };
    else bad.push({ line: index + 1, text: line, problem });
  });
  return { records, texts, bad, torn, fragments };
}

/** A record glued after a torn fragment, if the line ends with one. */
function salvage(line: string): { record: JournalRecord; text: string; fragment: string } | null {
  const start = line.lastIndexOf('{"seq":');
  if (start <= 0) return null;
  try {
    const text = line.slice(start);
    const value: unknown = upgradeRecord(JSON.parse(text));
    return recordProblem(value) === null
      ? { record: value as JournalRecord, text, fragment: line.slice(0, start) }
      : null;
  } catch {
    return null; // not a glued record either: the caller reports the line
  }
}

const stamp = (now: number): string => new Date(now).toISOString().replace(/[:.]/g, '-');

/**
 * Group commit, the way databases do it: appends that arrive while a write is under way wait and
 * go together in the next write, one append and one fsync for all of them. Each caller's promise
 * settles when its own record is durable, so "journal before the effect" holds record by record;
 * records land in the order they were made. Nothing waits on a timer: a lone append is written at
 * once, and the batch grows only as long as the disk is busy.
 */
export function createJournal(workspace: Workspace, now: () => number): Journal {
  let seq = 0;
  let sealed = false;
  let writing = false;
  let batch: Array<{ line: string; settle: (error: unknown) => void }> = [];

  async function writeBatches(): Promise<void> {
    while (batch.length > 0) {
      const taken = batch;
      batch = [];
      let failure: unknown = null;
      try {
        await workspace.appendLine(journalPath, taken.map((b) => b.line).join('\n'));
      } catch (error) {
        failure = error ?? new Error('The journal write failed.');
      }
      for (const b of taken) b.settle(failure);
    }
    writing = false;
  }

  return {
    seal() {
      sealed = true;
    },
    append(type, data) {
      if (sealed) return new Promise<never>(() => undefined);
      const record = { seq: ++seq, at: now(), v: journalVersion, type, data };
      const line = JSON.stringify(record);
      const durable = new Promise<typeof record>((resolve, reject) => {
        batch.push({ line, settle: (error) => (error === null ? resolve(record) : reject(error)) });
      });
      if (!writing) {
        writing = true;
        // After the current turn: appends made in the same turn share the first write too.
        queueMicrotask(() => void writeBatches());
      }
      return durable;
    },
    async readAll() {
      const text = (await workspace.readText(journalPath)) ?? '';
      const { records, texts, bad, torn, fragments } = parseJournal(text);
      if (bad.length) throw new JournalDamage(bad[0]!.line, bad[0]!.problem);
      let keptAside: string | null = null;
      if (torn || fragments.length || (text !== '' && !text.endsWith('\n'))) {
        // Cut the tail before the next append glues a record onto it; keep what was cut.
        const cut = [...fragments, ...(torn ? [torn] : [])];
        if (cut.length) {
          keptAside = `.frontier-sos/journal.torn-${stamp(now())}.txt`;
          await workspace.writeTextAtomic(keptAside, `${cut.map((c) => c.text).join('\n')}\n`);
        }
        const kept = texts.join('\n');
        await workspace.writeTextAtomic(journalPath, kept ? `${kept}\n` : '');
      }
      seq = records.reduce((max, r) => Math.max(max, r.seq), seq);
      return { records, tornTail: torn !== null || fragments.length > 0, keptAside };
    },
  };
}

/**
 * Mends a damaged journal: keeps every valid record in order and moves every other line to a
 * file beside it. Returns what it did; a journal with nothing wrong is left as it is.
 */
export async function repairJournal(
  workspace: Workspace,
  now: number,
): Promise<{ kept: number; movedAside: number; asidePath: string | null }> {
  const text = (await workspace.readText(journalPath)) ?? '';
  const { records, texts, bad, torn, fragments } = parseJournal(text);
  const rejected = [
    ...bad,
    ...fragments.map((f) => ({ ...f, problem: 'torn fragment (the record glued after it was kept)' })),
    ...(torn ? [{ ...torn, problem: 'torn last line' }] : []),
  ].sort((a, b) => a.line - b.line);
  if (rejected.length === 0 && (text === '' || text.endsWith('\n')))
    return { kept: records.length, movedAside: 0, asidePath: null };
  let asidePath: string | null = null;
  if (rejected.length) {
    asidePath = `.frontier-sos/journal.rejected-${stamp(now)}.jsonl`;
    await workspace.writeTextAtomic(
      asidePath,
      `${rejected.map((r) => JSON.stringify({ line: r.line, problem: r.problem, text: r.text })).join('\n')}\n`,
    );
  }
  const kept = texts.join('\n');
  await workspace.writeTextAtomic(journalPath, kept ? `${kept}\n` : '');
  return { kept: records.length, movedAside: rejected.length, asidePath };
}

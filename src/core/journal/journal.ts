import type { Workspace } from '../ports';

export const journalPath = '.frontier-sos/journal.jsonl';

export interface JournalRecord<T = unknown> {
  seq: number;
  at: number;
  type: string;
  data: T;
}

export interface Journal {
  /** Appends (fsynced) before the caller runs the effect the record announces. */
  append<T>(type: string, data: T): Promise<JournalRecord<T>>;
  /** Every intact record; a torn last line (a crash mid-write) is skipped and reported. */
  readAll(): Promise<{ records: JournalRecord[]; tornTail: boolean }>;
}

export function createJournal(workspace: Workspace, now: () => number): Journal {
  let seq = 0;
  // Appends are chained so records land in the order they were made, whatever the I/O does.
  let tail: Promise<unknown> = Promise.resolve();
  return {
    append(type, data) {
      const record = { seq: ++seq, at: now(), type, data };
      const line = JSON.stringify(record);
      const write = tail.then(() => workspace.appendLine(journalPath, line));
      tail = write.catch(() => undefined);
      return write.then(() => record);
    },
    async readAll() {
      const text = (await workspace.readText(journalPath)) ?? '';
      const records: JournalRecord[] = [];
      let tornTail = false;
      const lines = text.split('\n');
      lines.forEach((line, index) => {
        if (!line.trim()) return;
        try {
          records.push(JSON.parse(line) as JournalRecord);
        } catch {
          // Only the last line can be torn by a crash; anything else is damage worth surfacing.
          if (index >= lines.length - 2) tornTail = true;
          else throw new Error(`The journal ${journalPath} is damaged at line ${index + 1}; move it aside to start fresh (tasks in it will be lost from history).`);
        }
      });
      seq = records.reduce((max, r) => Math.max(max, r.seq), seq);
      return { records, tornTail };
    },
  };
}

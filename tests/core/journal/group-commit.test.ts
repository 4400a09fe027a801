import { describe, expect, it } from 'vitest';
import { createMemoryWorkspace } from '../../../src/adapters/workspace/memory-workspace';
import { createJournal, journalPath } from '../../../src/core/journal/journal';
import type { Workspace } from '../../../src/core/ports';

/** A workspace whose appends wait until the test lets them finish, counting each write. */
function slowWorkspace() {
  const inner = createMemoryWorkspace('/ws');
  const writes: string[] = [];
  const gates: Array<() => void> = [];
  let failNext: Error | null = null;
  const workspace: Workspace = {
    ...inner,
    root: inner.root,
    readText: (p) => inner.readText(p),
    writeTextAtomic: (p, t) => inner.writeTextAtomic(p, t),
    appendLine: async (path, line) => {
      writes.push(line);
      await new Promise<void>((resolve) => gates.push(resolve));
      if (failNext) {
        const error = failNext;
        failNext = null;
        throw error;
      }
      await inner.appendLine(path, line);
    },
  };
  return {
    workspace,
    writes,
    /** Lets the oldest write finish. */
    finishOne: async () => {
      gates.shift()?.();
      for (let i = 0; i < 5; i += 1) await Promise.resolve();
    },
    failNextWrite: (error: Error) => (failNext = error),
  };
}

const settled = async <T>(p: Promise<T>) => {
  let done = false;
  void p.then(
    () => (done = true),
    () => (done = true),
  );
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
  return done;
};

describe('group commit', () => {
  it('appends that arrive during a write share the next write; each resolves only when its own is durable', async () => {
    const disk = slowWorkspace();
    const journal = createJournal(disk.workspace, () => 1);
    const first = journal.append('task.created', { n: 1 });
    for (let i = 0; i < 3; i += 1) await Promise.resolve();
    expect(disk.writes).toHaveLength(1);
    const later = [2, 3, 4].map((n) => journal.append('task.created', { n }));
    expect(disk.writes).toHaveLength(1); // they wait for the write under way
    expect(await settled(later[0]!)).toBe(false);
    await disk.finishOne();
    expect(await settled(first)).toBe(true);
    expect(await settled(later[0]!)).toBe(false); // the second write is not durable yet
    expect(disk.writes).toHaveLength(2);
    expect(disk.writes[1]!.split('\n')).toHaveLength(3); // three records, one write
    await disk.finishOne();
    const records = await Promise.all(later);
    expect(records.map((r) => r.seq)).toEqual([2, 3, 4]);
    const text = (await disk.workspace.readText(journalPath)) ?? '';
    expect(
      text
        .trimEnd()
        .split('\n')
        .map((l) => (JSON.parse(l) as { seq: number }).seq),
    ).toEqual([1, 2, 3, 4]);
  });

  it('appends made in the same turn go in one write', async () => {
    const disk = slowWorkspace();
    const journal = createJournal(disk.workspace, () => 1);
    const all = Array.from({ length: 50 }, (_, n) => journal.append('task.created', { n }));
    for (let i = 0; i < 3; i += 1) await Promise.resolve();
    expect(disk.writes).toHaveLength(1);
    await disk.finishOne();
    expect((await Promise.all(all)).map((r) => r.seq)).toEqual(Array.from({ length: 50 }, (_, n) => n + 1));
  });

  it('a failed write rejects exactly its own records; the next batch is written', async () => {
    const disk = slowWorkspace();
    const journal = createJournal(disk.workspace, () => 1);
    disk.failNextWrite(new Error('disk full'));
    const lost = journal.append('task.created', { n: 1 });
    for (let i = 0; i < 3; i += 1) await Promise.resolve();
    const next = journal.append('task.created', { n: 2 });
    await disk.finishOne();
    await expect(lost).rejects.toThrow('disk full');
    await disk.finishOne();
    await expect(next).resolves.toMatchObject({ seq: 2 });
  });

  it('after seal nothing more is written and a new append never settles', async () => {
    const disk = slowWorkspace();
    const journal = createJournal(disk.workspace, () => 1);
    journal.seal();
    const after = journal.append('task.created', { n: 1 });
    expect(await settled(after)).toBe(false);
    expect(disk.writes).toHaveLength(0);
  });
});

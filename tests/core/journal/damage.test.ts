import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryWorkspace } from '../../../src/adapters/workspace/memory-workspace';
import { createJournal, journalPath, JournalDamage, repairJournal } from '../../../src/core/journal/journal';
import { createHarness } from '../../helpers/core-harness';

const lock = (seq: number) =>
  JSON.stringify({ seq, at: seq, type: 'agent.lock', data: { role: 'coder', lock: 'IDLE', taskId: null } });

describe('the journal meets what crashes and disks do', () => {
  it('a torn last line is kept aside and cut off before the next append, so nothing is glued to it', async () => {
    const ws = createMemoryWorkspace();
    await ws.writeTextAtomic(journalPath, `${lock(1)}\n${lock(2)}\n${lock(3).slice(0, 25)}`);
    const journal = createJournal(ws, () => 1_000);
    const read = await journal.readAll();
    expect(read.records.map((r) => r.seq)).toEqual([1, 2]);
    expect(read.tornTail).toBe(true);
    expect(await ws.readText(read.keptAside!)).toBe(`${lock(3).slice(0, 25)}\n`);
    await journal.append('agent.lock', { role: 'coder', lock: 'BUSY', taskId: 't' });
    const again = await createJournal(ws, () => 2_000).readAll();
    expect(again.records.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(again.tornTail).toBe(false);
  });

  it('a record of the wrong shape stops the read with its line; the repair keeps every valid record', async () => {
    const ws = createMemoryWorkspace();
    const wrong = JSON.stringify({ seq: 2, at: 2, type: 'task.created', data: { task: { id: 7 } } });
    await ws.writeTextAtomic(journalPath, `${lock(1)}\n${wrong}\nnot json at all\n${lock(4)}\n`);
    const failure = await createJournal(ws, () => 0)
      .readAll()
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(JournalDamage);
    expect((failure as JournalDamage).line).toBe(2);
    expect((failure as Error).message).toMatch(
      /damaged at line 2 \(data\.task\..*\)\. Nothing was changed\. Run `frontier-sos doctor --repair-journal/,
    );
    const repaired = await repairJournal(ws, 5_000);
    expect(repaired).toMatchObject({ kept: 2, movedAside: 2 });
    const aside = (await ws.readText(repaired.asidePath!))!
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { line: number; text: string });
    expect(aside.map((a) => a.line)).toEqual([2, 3]);
    expect(aside[0]!.text).toBe(wrong);
    expect((await createJournal(ws, () => 0).readAll()).records.map((r) => r.seq)).toEqual([1, 4]);
    expect(await repairJournal(ws, 6_000)).toMatchObject({ kept: 2, movedAside: 0, asidePath: null });
  });

  it('torn last line → start, take new work, restart: all work is there', async () => {
    const h = createHarness();
    await h.start();
    h.core.setPaused(true);
    const first = await h.drive(h.core.orchestrator.submit({ text: 'fix bug #1 in src/a.ts' }), 'first task');
    const second = await h.drive(h.core.orchestrator.submit({ text: 'fix bug #2 in src/b.ts' }), 'second task');
    // A crash in the middle of writing one more record.
    const text = (await h.workspace.readText(journalPath))!;
    await h.workspace.writeTextAtomic(journalPath, `${text}${lock(999).slice(0, 30)}`);
    await h.crashAndRestart();
    h.core.setPaused(true);
    const third = await h.drive(h.core.orchestrator.submit({ text: 'fix bug #3 in src/c.ts' }), 'new work');
    await h.crashAndRestart();
    const state = await h.drive(h.core.getState(), 'state');
    expect(state.queue.map((t) => t.id)).toEqual(expect.arrayContaining([first.id, second.id, third.id]));
  });

  it('a wrong-shape record: the engine does not start, and says which line and what to run', async () => {
    const h = createHarness();
    await h.start();
    await h.workspace.appendLine(
      journalPath,
      JSON.stringify({ seq: 99, at: 1, type: 'swap.updated', data: { swap: { id: 'x' } } }),
    );
    await h.workspace.appendLine(journalPath, lock(100));
    await expect(h.crashAndRestart()).rejects.toThrow(/damaged at line \d+ .*doctor --repair-journal/);
  });
});

describe('frontier-sos doctor --repair-journal', () => {
  it('mends the workspace journal and says what it kept and moved', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fsos-journal-'));
    mkdirSync(join(dir, '.frontier-sos'));
    writeFileSync(join(dir, journalPath), `${lock(1)}\n{"seq": 2, "type": "nope"}\n${lock(3)}\n`);
    const r = spawnSync(process.execPath, ['bin/frontier-sos.mjs', 'doctor', '--repair-journal', '--workspace', dir], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/kept 2 valid records; moved 1 other line to \.frontier-sos\/journal\.rejected-.*\.jsonl/);
    expect(readFileSync(join(dir, journalPath), 'utf8')).toBe(`${lock(1)}\n${lock(3)}\n`);
    expect(readdirSync(join(dir, '.frontier-sos')).some((f) => f.startsWith('journal.rejected-'))).toBe(true);
  });
});

describe('journals older and newer versions wrote', () => {
  it('a record an older version glued onto a torn fragment is kept, the fragment put aside', async () => {
    const ws = createMemoryWorkspace();
    await ws.writeTextAtomic(journalPath, `${lock(1)}\n${lock(2).slice(0, 30)}${lock(3)}\n${lock(4)}\n`);
    const read = await createJournal(ws, () => 7_000).readAll();
    expect(read.records.map((r) => r.seq)).toEqual([1, 3, 4]);
    expect(await ws.readText(read.keptAside!)).toBe(`${lock(2).slice(0, 30)}\n`);
    expect((await createJournal(ws, () => 0).readAll()).keptAside).toBeNull();
  });

  it('a record type this version does not know is accepted (the reducer skips it): a downgrade still starts', async () => {
    const ws = createMemoryWorkspace();
    await ws.writeTextAtomic(
      journalPath,
      `${lock(1)}\n${JSON.stringify({ seq: 2, at: 2, type: 'future.thing', data: { anything: true } })}\n${lock(3)}\n`,
    );
    expect((await createJournal(ws, () => 0).readAll()).records.map((r) => r.seq)).toEqual([1, 2, 3]);
  });
});

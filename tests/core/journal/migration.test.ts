import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { legacyText, renderMessage, say } from '../../../shared/engine-message';
import { createMemoryWorkspace } from '../../../src/adapters/workspace/memory-workspace';
import {
  createJournal,
  journalPath,
  JournalDamage,
  parseJournal,
  repairJournal,
} from '../../../src/core/journal/journal';
import { journalVersion, upgradeRecord } from '../../../src/core/journal/migrate';
import { coreInternals } from '../../../src/core/testing';
import { createHarness } from '../../helpers/core-harness';

// Written by the previous build (tests/fixtures/journal/README.md): version 1, English sentences.
const v1 = readFileSync(new URL('../../fixtures/journal/v1-previous-build.jsonl', import.meta.url), 'utf8');
const ids = {
  done: 'task-mwuix48t-1',
  denied: 'task-mwuix5sd-2',
  expired: 'task-mwuix6k5-4',
  served: 'task-mwuiyhml-6',
  frontier: 'task-mwuiywpx-9',
  cancelled: 'task-mwuiywpx-a',
  noKey: 'task-mwuiywpx-b',
};
const plannerDenied = 'Denied: nothing was unloaded. Re-route the task to the frontier model, or ask again later.';
const plannerNoAnswer = 'No answer within 1 min: nothing was unloaded. Re-route the task, or ask again.';
const frontierDenied = 'Denied: nothing was sent. Re-route the task to local or planner, or to frontier to ask again.';
const noKey =
  'No frontier API key is set: add one for OpenAI (OPENAI_API_KEY) in Settings or the environment, then re-route the task to frontier to ask again.';

describe('a journal the previous build wrote (version 1)', () => {
  it('reads whole: each record is upgraded, each old sentence kept as a message that renders it unchanged', () => {
    const lines = v1.trim().split('\n');
    const { records, texts, bad, torn } = parseJournal(v1);
    expect(bad).toEqual([]);
    expect(torn).toBeNull();
    expect(records).toHaveLength(lines.length);
    expect(texts).toEqual(lines); // what was written stays as written
    expect(records.every((r) => r.v === journalVersion)).toBe(true);
    // Every sentence the old build stored is now data around the same text, in both languages.
    const old = lines.map((l) => JSON.stringify(JSON.parse(l)));
    const sentences = old.flatMap((l) => [...l.matchAll(/"(?:waitingFor|error|message)":"((?:[^"\\]|\\.)*)"/g)]);
    expect(sentences.length).toBeGreaterThan(15);
    const upgraded = JSON.stringify(records);
    for (const [, text] of sentences) {
      const wrapped = legacyText(JSON.parse(`"${text}"`) as string);
      expect(upgraded).toContain(JSON.stringify(wrapped));
      expect(renderMessage(wrapped, 'ko')).toBe(renderMessage(wrapped, 'en'));
      expect(renderMessage(wrapped, 'en')).toBe(JSON.parse(`"${text}"`));
    }
    expect(upgraded).not.toMatch(/"(waitingFor|error)":"/);
    expect(upgraded).toContain(JSON.stringify({ waitingFor: legacyText(noKey) }).slice(1, -1));
    // An answered frontier approval's sentence moved to `said`.
    const answered = records.find((r) => r.type === 'approval.answered')!.data as { approval: object };
    expect(answered.approval).toMatchObject({ status: 'denied', said: legacyText(frontierDenied) });
    expect(answered.approval).not.toHaveProperty('message');
  });

  it('opens with the current build: tasks, swaps and the approval history as the old build showed them', async () => {
    const h = createHarness();
    await h.workspace.writeTextAtomic(journalPath, v1);
    await h.start();
    const task = (id: string) => h.core.orchestrator.get(id);
    expect(task(ids.done)).toMatchObject({ status: 'done', error: null });
    expect(task(ids.denied)).toMatchObject({ status: 'denied', error: legacyText(plannerDenied) });
    expect(task(ids.expired)).toMatchObject({ status: 'denied', error: legacyText(plannerNoAnswer) });
    expect(task(ids.served).status).toBe('done');
    expect(task(ids.frontier)).toMatchObject({ status: 'denied', error: legacyText(frontierDenied) });
    expect(task(ids.cancelled)).toMatchObject({ status: 'failed', error: legacyText('Cancelled by you.') });
    // The old waiting reason replays; the restart then asks this build's way (no provider here).
    expect(
      coreInternals(h.core).ctx.state.swaps.every((s) => s.error === null || s.error.key === 'engine.legacy'),
    ).toBe(true);
    await h.settle();
    expect(task(ids.noKey)).toMatchObject({ status: 'waiting', waitingFor: say('engine.frontierNone') });

    const state = await h.drive(h.core.getState(), 'state');
    const approvals = state.approvals.map((a) => ({
      kind: a.kind,
      status: a.status,
      message: a.message,
      ids: a.taskIds,
    }));
    expect(approvals).toEqual([
      { kind: 'frontier', status: 'denied', message: frontierDenied, ids: [ids.frontier] },
      { kind: 'planner', status: 'denied', message: plannerDenied, ids: [ids.denied] },
      // The old reason carries no key, and its text is never read for one: it counts as a denial
      // (the previous build, which read its own sentence, said "expired"). Its words still say why.
      { kind: 'planner', status: 'denied', message: plannerNoAnswer, ids: [ids.expired] },
      { kind: 'planner', status: 'approved', message: 'Approved.', ids: [ids.served] },
    ]);
    expect(state.approvals.map((a) => a.said.key)).toEqual([
      'engine.legacy',
      'engine.legacy',
      'engine.legacy',
      'engine.plannerApproved',
    ]);

    // Work goes on: new records are version 2, and a restart replays old and new alike.
    const next = await h.drive(h.core.orchestrator.submit({ text: 'fix the failing test in src/b.ts' }), 'new work');
    await h.runUntil(() => task(next.id).status === 'done', 'new work done');
    const lines = (await h.workspace.readText(journalPath))!.trim().split('\n');
    expect(lines.slice(0, v1.trim().split('\n').length).join('\n')).toBe(v1.trim());
    const added = lines.slice(v1.trim().split('\n').length).map((l) => JSON.parse(l) as { v?: number });
    expect(added.length).toBeGreaterThan(0);
    expect(added.every((r) => r.v === journalVersion)).toBe(true);
    await h.crashAndRestart();
    expect(h.core.orchestrator.get(ids.cancelled).error).toEqual(legacyText('Cancelled by you.'));
    expect(h.core.orchestrator.get(next.id).status).toBe('done');
  });

  it('a repair keeps every old record byte for byte', async () => {
    const ws = createMemoryWorkspace();
    await ws.writeTextAtomic(journalPath, `${v1}not a record\n`);
    await expect(createJournal(ws, () => 0).readAll()).rejects.toBeInstanceOf(JournalDamage);
    expect(await repairJournal(ws, 1_000)).toMatchObject({ movedAside: 1 });
    expect(await ws.readText(journalPath)).toBe(v1);
  });
});

describe('upgrading a record', () => {
  const record = (type: string, data: unknown, v?: number) => ({ seq: 1, at: 1, ...(v ? { v } : {}), type, data });

  it('wraps the sentences of version 1 and leaves everything else alone', () => {
    expect(
      upgradeRecord(record('task.updated', { id: 't', patch: { waitingFor: 'Waiting', status: 'waiting' } })),
    ).toEqual(record('task.updated', { id: 't', patch: { waitingFor: legacyText('Waiting'), status: 'waiting' } }, 2));
    // A field the patch does not carry is not added (a patch changes only what it names).
    expect(upgradeRecord(record('task.updated', { id: 't', patch: { status: 'done' } }))).toEqual(
      record('task.updated', { id: 't', patch: { status: 'done' } }, 2),
    );
    expect(upgradeRecord(record('task.updated', { id: 't', patch: { error: null } }))).toEqual(
      record('task.updated', { id: 't', patch: { error: null } }, 2),
    );
    expect(upgradeRecord(record('agent.lock', { role: 'coder', lock: 'IDLE', taskId: null }))).toEqual(
      record('agent.lock', { role: 'coder', lock: 'IDLE', taskId: null }, 2),
    );
    expect(upgradeRecord(record('future.thing', { error: 'kept as it is' }))).toEqual(
      record('future.thing', { error: 'kept as it is' }, 2),
    );
  });

  it('leaves a record that already has a version as it was written', () => {
    const current = record('task.updated', { id: 't', patch: { error: say('engine.cancelled') } }, 2);
    expect(upgradeRecord(current)).toBe(current);
    expect(upgradeRecord('not an object')).toBe('not an object');
  });

  it('names a record from a newer journal version that this one cannot read', async () => {
    const ws = createMemoryWorkspace();
    const newer = JSON.stringify(
      record('task.updated', { id: 't', patch: { error: { key: 'engine.fromTheFuture' } } }, 3),
    );
    const lock = JSON.stringify(record('agent.lock', { role: 'coder', lock: 'IDLE', taskId: null }, 2));
    await ws.writeTextAtomic(journalPath, `${newer}\n${lock.replace('"seq":1', '"seq":2')}\n`);
    const failure = await createJournal(ws, () => 0)
      .readAll()
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(JournalDamage);
    expect((failure as Error).message).toMatch(
      /line 1 \(written by a newer Frontier SOS \(journal version 3; this one reads up to 2\)/,
    );
  });
});

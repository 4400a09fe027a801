import { runningSwapStates } from '../../shared/swap';
import { describe, expect, it } from 'vitest';
import { defaultRoles } from '../../shared/roles';
import { createJournal } from '../../src/core/journal/journal';
import { apply, emptyState, fingerprint } from '../../src/core/state';
import { createHarness, type Harness } from '../helpers/core-harness';
import { coreInternals } from '../../src/core/testing';

const states = runningSwapStates;

async function replayFingerprint(h: Harness): Promise<string> {
  const state = emptyState();
  const { records } = await createJournal(h.workspace, () => 0).readAll();
  for (const r of records) apply(state, r);
  return fingerprint(state);
}

describe('a crash at every swap state', () => {
  it.each(states)(
    'killed while %s: the task ends done, the Coder is loaded, nothing is half-swapped',
    async (crashAt) => {
      const h = createHarness({ orchestrator: { autoFollowUp: false } });
      h.host.chatMs = (r) => (r.model === defaultRoles.coder.model ? 30_000 : 2_000);
      await h.start();
      if (crashAt === 'draining')
        await h.drive(h.core.orchestrator.submit({ text: 'write the parser tests' }), 'local');
      await h.runUntil(
        () => crashAt !== 'draining' || coreInternals(h.core).ctx.state.agents.coder.lock === 'BUSY',
        'coder busy',
      );
      const planTask = await h.drive(
        h.core.orchestrator.submit({ text: 'architecture of a brand-new ledger service' }),
        'plan',
      );
      // The user approves whenever asked, before and after the crash.
      const approveWhenAsked = () => {
        for (const a of h.broker.pending()) h.answer(a.id, 'approve');
        return false;
      };
      await h.runUntil(() => approveWhenAsked() || h.core.currentSwap()?.state === crashAt, `swap reaching ${crashAt}`);

      await h.crashAndRestart();
      const report = h.core.orchestrator.recovery!;
      expect(report.records).toBeGreaterThan(0);

      await h.runUntil(
        () => approveWhenAsked() || (h.core.orchestrator.get(planTask.id).status === 'done' && !h.core.currentSwap()),
        'the task done after restart',
      );
      await h.settle();
      expect(h.host.loaded.has(defaultRoles.coder.model)).toBe(true);
      expect(h.host.loaded.has(defaultRoles.planner.model)).toBe(false);
      expect(Object.values(coreInternals(h.core).ctx.state.agents).every((a) => a.lock === 'IDLE')).toBe(true);
      expect(h.host.violations).toEqual([]);
      expect(h.workspace.files.get('shared/blueprint.md')).toBeTruthy();
      expect(await replayFingerprint(h)).toBe(fingerprint(coreInternals(h.core).ctx.state));
    },
  );

  it('keeps finished tasks queryable after a restart', async () => {
    const h = createHarness();
    await h.start();
    const t = await h.drive(h.core.orchestrator.submit({ text: 'explain this stack trace' }), 'submit');
    await h.runUntil(() => h.core.orchestrator.get(t.id).status === 'done', 'done');
    await h.crashAndRestart();
    expect(h.core.orchestrator.get(t.id)).toMatchObject({ status: 'done', resultPath: `shared/results/${t.id}.md` });
  });

  it('queues again the local work a crash interrupted', async () => {
    const h = createHarness();
    h.host.chatMs = () => 60_000;
    await h.start();
    const t = await h.drive(h.core.orchestrator.submit({ text: 'refactor the cache' }), 'submit');
    await h.runUntil(() => h.core.orchestrator.get(t.id).status === 'running', 'running');
    await h.crashAndRestart();
    expect(h.core.orchestrator.recovery?.requeued).toContain(t.id);
    await h.runUntil(() => h.core.orchestrator.get(t.id).status === 'done', 'done after restart');
  });

  it('skips a torn last journal line (a crash mid-write) and says so', async () => {
    const h = createHarness();
    await h.start();
    await h.drive(h.core.orchestrator.submit({ text: 'hello' }), 'submit');
    await h.settle();
    const journal = await h.workspace.readText('.frontier-sos/journal.jsonl');
    await h.workspace.writeTextAtomic('.frontier-sos/journal.jsonl', `${journal}{"seq":999,"at":1,"ty`);
    await h.crashAndRestart();
    expect(h.core.orchestrator.recovery?.tornTail).toBe(true);
  });
});

describe('starting without Ollama', () => {
  it('starts, says so, and runs work once Ollama answers', async () => {
    const h = createHarness();
    await h.start();
    h.host.down = true;
    await h.crashAndRestart();
    expect(h.core.orchestrator.recovery).not.toBeNull();
    const state = await h.drive(h.core.getState(), 'state');
    expect(state.ollama).toMatchObject({ reachable: false, error: expect.stringMatching(/Ollama is not running/) });
    h.host.down = false;
    const t = await h.drive(h.core.orchestrator.submit({ text: 'add a test' }), 'submit');
    await h.runUntil(() => h.core.orchestrator.get(t.id).status === 'done', 'done');
  });
});

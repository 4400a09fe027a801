import { expect } from 'vitest';
import { defaultRoles } from '../../shared/roles';
import { createJournal } from '../../src/core/journal/journal';
import { apply, emptyState, fingerprint } from '../../src/core/state';
import { seededRng } from '../../src/sim/generator';
import { createHarness } from './core-harness';
import { coreInternals } from '../../src/core/testing';

const minutes = 60_000;

/**
 * One random day in the life of the core: arrivals of local, planner and frontier work, a user
 * who approves, denies or never answers, planner load failures, Ollama going away for a while,
 * and a crash at a random moment. Returns what went wrong (empty when every invariant held).
 */
export async function runSchedule(seed: number): Promise<string[]> {
  const random = seededRng('schedule', seed);
  const problems: string[] = [];
  // The core's own Router, asking the Router model (through the ModelHost port, scripted by
  // keyword) about every task the facts do not decide: the gate that keeps it from loading a model
  // outside the scheduler is exercised on every schedule.
  const h = createHarness({
    route: null,
    routerJudge: true,
    router: { askModelBelow: 1 },
    orchestrator: {
      approvalTimeoutMs: 10 * minutes,
      autoFollowUp: random() < 0.5,
      policy:
        random() < 0.8
          ? { name: 'sos', evict: 'minimal', reload: 'lazy', batch: true }
          : { name: 'seed', evict: 'all', reload: 'eager', batch: false },
    },
  });
  const chatMs = new Map<string, number>();
  h.host.chatMs = (request) => chatMs.get(request.model) ?? 500 + Math.floor(random() * 40_000);
  if (random() < 0.2) h.host.failLoads.add(defaultRoles.planner.model);
  await h.start();

  const arrivals = 2 + Math.floor(random() * 7);
  const horizon = 30 * minutes;
  for (let i = 0; i < arrivals; i++) {
    const kind = random();
    const text =
      kind < 0.6
        ? `fix bug #${i} in src/m${i}.ts`
        : kind < 0.9
          ? `architecture of new system ${i}`
          : `frontier question ${i}`;
    h.clock.setTimer(Math.floor(random() * horizon), () => {
      void h.core.orchestrator.submit({ text }).catch((e: unknown) => problems.push(`submit failed: ${String(e)}`));
    });
  }
  // The user: answers each approval after a while, or never.
  const decisions = new Map<string, { at: number; decision: 'approve' | 'deny' | 'none' }>();
  const user = () => {
    for (const a of h.broker.pending()) {
      if (!decisions.has(a.id)) {
        const r = random();
        decisions.set(a.id, {
          at: h.clock.now() + Math.floor(random() * 5 * minutes),
          decision: r < 0.7 ? 'approve' : r < 0.85 ? 'deny' : 'none',
        });
      }
      const d = decisions.get(a.id)!;
      if (d.decision !== 'none' && h.clock.now() >= d.at) h.answer(a.id, d.decision);
    }
  };
  if (random() < 0.15) {
    const from = Math.floor(random() * horizon);
    h.clock.setTimer(from, () => (h.host.down = true));
    h.clock.setTimer(from + Math.floor(random() * 5 * minutes), () => (h.host.down = false));
  }
  const crashAt = random() < 0.3 ? h.clock.now() + Math.floor(random() * horizon) : null;
  if (h.host.failLoads.size) h.clock.setTimer(Math.floor(random() * horizon), () => h.host.failLoads.clear());

  const end = h.clock.now() + horizon + 3 * 3600_000;
  let crashed = false;
  for (let guard = 0; guard < 200_000; guard++) {
    user();
    if (crashAt !== null && !crashed && h.clock.now() >= crashAt) {
      crashed = true;
      h.host.down = false;
      await h.crashAndRestart();
      continue;
    }
    await new Promise((resolve) => setImmediate(resolve));
    const due = h.clock.nextDue();
    if (due === null || due > end) break;
    // Answer approvals on time: step to whichever comes first, a timer or a planned answer.
    await h.clock.step();
  }
  h.host.down = false;
  // Quiet hour at the end: unanswered approvals expire, everything settles.
  for (let i = 0; i < 3; i++) {
    user();
    await h.settle(2 * 3600_000);
  }

  const { orchestrator } = h.core;
  const state = coreInternals(h.core).ctx.state;
  problems.push(...h.host.violations);
  for (const task of state.tasks.values()) {
    const ended = ['done', 'failed', 'denied'].includes(task.status);
    const visiblyWaiting =
      (task.status === 'queued' || task.status === 'waiting') && orchestrator.waitingReason(task) !== null;
    const queuedBehindNothing = task.status === 'queued' && !state.swap;
    if (!ended && !visiblyWaiting && !queuedBehindNothing)
      problems.push(`task ${task.id} (${task.route}) is stuck in ${task.status}`);
    if (task.status === 'queued' && !state.swap && task.route === 'local')
      problems.push(`local task ${task.id} is queued with nothing running`);
  }
  for (const [role, agent] of Object.entries(state.agents))
    if (agent.lock !== 'IDLE') problems.push(`${role} is still ${agent.lock} at the end`);
  if (state.swap && state.swap.state !== 'awaiting_approval')
    problems.push(`swap ${state.swap.id} is still ${state.swap.state}`);
  const replay = emptyState();
  const { records } = await createJournal(h.workspace, () => 0).readAll();
  for (const record of records) apply(replay, record);
  if (fingerprint(replay) !== fingerprint(state)) problems.push('replaying the journal does not reproduce the state');
  return problems.map((p) => `seed ${seed}: ${p}`);
}

export async function runSchedules(from: number, count: number): Promise<void> {
  const failures: string[] = [];
  for (let seed = from; seed < from + count; seed++) failures.push(...(await runSchedule(seed)));
  expect(failures.slice(0, 20)).toEqual([]);
}

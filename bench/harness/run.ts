import { inEnglish } from '../../shared/engine-message';
import { findProfile, planMemory, type MachineProfile } from '../../shared/memory/index';
import { defaultRoles, type RolesConfig } from '../../shared/roles';
import { createMemoryWorkspace } from '../../src/adapters/workspace/memory-workspace';
import {
  createApprovalBroker,
  createCore,
  seedPolicy,
  sosPolicy,
  type Clock,
  type Policy,
  type Workspace,
} from '../../src/core/index';
import { VirtualClock } from '../../src/sim/clock';
import { Faults } from '../../src/sim/faults';
import { Machine } from '../../src/sim/machine';
import { installedModels } from '../../src/sim/models';
import { benchTag, MachineHost } from './machine-host';
import { percentile } from './stats';
import type { TraceEntry } from './trace';

export const policyNames = ['ollama-default', 'seed', 'sos'] as const;
export type PolicyName = (typeof policyNames)[number];

export interface Metrics {
  makespan_ms: number;
  swaps: number;
  bytes_loaded: number;
  busy_unloads: number;
  planner_wait_ms_p50: number;
  planner_wait_ms_p95: number;
  local_wait_ms_p95: number;
  approvals_asked: number;
  peak_memory_bytes: number;
  over_budget_ms: number;
}

export interface RunOptions {
  profile?: MachineProfile;
  roles?: RolesConfig;
  /** The simulated user answers every approval after this long (default 20 s). */
  approvalDelayMs?: number;
  /** Where the journal and hand-off files go (default: in memory). A real folder means real I/O. */
  workspace?: Workspace;
  /** The Reviewer reviews each Coder answer (default on, as in the product), under every policy. */
  review?: boolean;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Replays a trace on the simulated machine under one policy, on virtual time. The residents
 * start loaded; `sos` and `seed` run the real orchestrator; `ollama-default` sends each request
 * straight to the simulated Ollama and lets its scheduler evict as it does.
 */
export async function runPolicy(
  trace: readonly TraceEntry[],
  policy: PolicyName,
  options: RunOptions = {},
): Promise<Metrics> {
  const profile = options.profile ?? findProfile('m4pro-64')!;
  const roles = options.roles ?? defaultRoles;
  const plan = planMemory(roles, profile);
  const clock = new VirtualClock();
  const models = installedModels();
  const machine = new Machine({ clock, timeScale: 1, profile, models, faults: new Faults() });
  const byId = new Map(trace.map((e) => [e.id, e]));
  const host = new MachineHost(machine, models, clock, (id) => byId.get(id)?.workMs ?? 0);
  const clockPort: Clock = {
    now: () => clock.now(),
    sleep: (ms) => new Promise((resolve) => clock.setTimer(ms, resolve)),
  };

  // Memory above the plan's budget, integrated over time.
  let overBudgetMs = 0;
  let overSince: number | null = null;
  let plannerLoads = 0;
  machine.onEvent((event) => {
    const over = machine.usedBytes() > plan.budgetBytes;
    if (over && overSince === null) overSince = event.at;
    if (!over && overSince !== null) {
      overBudgetMs += event.at - overSince;
      overSince = null;
    }
    if (event.type === 'load-end' && event.model === roles.planner.model) plannerLoads += 1;
  });

  const realIo = options.workspace !== undefined;
  const review = options.review ?? true;
  async function run<T>(promise: Promise<T>): Promise<T> {
    let settled = false;
    const watched = promise.finally(() => (settled = true));
    watched.catch(() => undefined);
    // With a real workspace, a write can be under way with nothing scheduled: wait for it on the
    // wall clock (up to 30 s without progress) instead of calling the run stuck.
    let quietSince = Date.now();
    for (let idle = 0; !settled;) {
      await turn();
      if (settled) break;
      if (clock.nextDue() !== null) {
        idle = 0;
        quietSince = Date.now();
        await clock.step();
      } else if (++idle > 200) {
        if (!realIo || Date.now() - quietSince > 30_000)
          throw new Error(
            `The ${policy} run is stuck at virtual ${clock.now()} ms: nothing is scheduled and work is unfinished.`,
          );
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    }
    return watched;
  }

  // Residents loaded at the start of the day, as they would be.
  for (const role of ['router', 'coder', 'reviewer'] as const)
    await run(host.load(roles[role].model, { numCtx: roles[role].numCtx, keepAlive: -1 }));
  const bytesAtStart = machine.bytesLoaded();
  const start = clock.now();
  const completions: number[] = [];
  let approvalsAsked = 0;

  const localEntries = trace.filter((e) => e.route === 'local');
  const plannerEntries = trace.filter((e) => e.route === 'planner');
  // Frontier work is remote: it takes its time but no local memory or agent.
  for (const e of trace.filter((x) => x.route === 'frontier')) completions.push(start + e.at + e.workMs);

  if (policy === 'ollama-default') {
    const requests = [...localEntries, ...plannerEntries].map(
      (e) =>
        new Promise<void>((resolve, reject) => {
          clock.setTimer(e.at, () => {
            const role = e.route === 'planner' ? 'planner' : (e.agent ?? 'coder');
            const ask = (asked: 'coder' | 'reviewer' | 'router' | 'planner', content: string) =>
              host.chat({
                model: roles[asked].model,
                messages: [{ role: 'user', content }],
                options: { numCtx: roles[asked].numCtx },
              });
            // With review on, the Coder's answer goes to the Reviewer next, as the product does.
            ask(role, benchTag(e.id))
              .then(() =>
                review && role === 'coder' ? ask('reviewer', `Review the answer to ${benchTag(e.id)}.`) : null,
              )
              .then(() => resolve(), reject);
          });
        }),
    );
    await run(Promise.all(requests));
  } else {
    const chosen: Policy = policy === 'sos' ? sosPolicy : seedPolicy;
    const broker = createApprovalBroker(clockPort.now);
    const seen = new Set<string>();
    broker.onChange(() => {
      for (const approval of broker.pending()) {
        if (seen.has(approval.id)) continue;
        seen.add(approval.id);
        approvalsAsked += 1;
        clock.setTimer(options.approvalDelayMs ?? 20_000, () => broker.answer(approval.id, 'approve'));
      }
    });
    const core = createCore(
      {
        modelHost: host,
        frontier: [],
        workspace: options.workspace ?? createMemoryWorkspace(),
        memory: {
          read: async () => ({
            totalBytes: profile.totalBytes,
            freeBytes: profile.totalBytes - machine.usedBytes(),
            budgetBytes: plan.budgetBytes,
          }),
        },
        approvals: broker,
        clock: clockPort,
        secrets: { get: async () => null, set: async () => undefined, has: async () => false },
      },
      {
        roles,
        profile,
        orchestrator: {
          policy: chosen,
          review,
          autoFollowUp: false,
          approvalTimeoutMs: 3600_000,
        },
      },
    );
    await run(core.start());
    const ids = new Map<string, string>();
    for (const e of [...localEntries, ...plannerEntries]) {
      clock.setTimer(e.at, () => {
        void core.orchestrator
          .submit({
            text: benchTag(e.id),
            route: e.route,
            ...(e.route === 'local' ? { agent: e.agent ?? 'coder' } : {}),
          })
          .then((task) => ids.set(e.id, task.id));
      });
    }
    const all = localEntries.length + plannerEntries.length;
    // Counted as tasks end (checking every task on every change would cost quadratic time).
    const ended = new Set<string>();
    await run(
      new Promise<void>((resolve) => {
        core.on('changed', ({ taskId }) => {
          if (taskId && ['done', 'failed', 'denied'].includes(core.orchestrator.get(taskId).status)) ended.add(taskId);
          if (ended.size === all) resolve();
        });
      }),
    );
    const failed = [...ids.values()].filter((id) => core.orchestrator.get(id).status !== 'done');
    if (failed.length) {
      const why = core.orchestrator.get(failed[0]!).error;
      throw new Error(
        `${failed.length} request(s) did not finish under ${policy}: ${why ? inEnglish(why) : 'unknown'}`,
      );
    }
  }

  const waits = (entries: readonly TraceEntry[]) =>
    entries.map((e) => (host.work.get(e.id)?.startedAt ?? start + e.at) - (start + e.at));
  for (const record of host.work.values()) if (record.endedAt !== null) completions.push(record.endedAt);
  if (overSince !== null) overBudgetMs += clock.now() - overSince;
  const plannerWaits = waits(plannerEntries);
  return {
    makespan_ms: Math.max(...completions, host.lastChatEndedAt) - (start + (trace[0]?.at ?? 0)),
    swaps: plannerLoads,
    bytes_loaded: machine.bytesLoaded() - bytesAtStart,
    busy_unloads: host.busyUnloads,
    planner_wait_ms_p50: percentile(plannerWaits, 50),
    planner_wait_ms_p95: percentile(plannerWaits, 95),
    local_wait_ms_p95: percentile(waits(localEntries), 95),
    approvals_asked: approvalsAsked,
    peak_memory_bytes: machine.peakBytes(),
    over_budget_ms: overBudgetMs,
  };
}

import { secretNames, workspaceFiles, type HandlerMap } from '../../shared/contract';
import { ContractError } from '../../shared/dispatch';
import { redactSecrets } from '../../shared/frontier/redact';
import type { MachineProfile, MemoryPlan } from '../../shared/memory/index';
import type { RolesConfig } from '../../shared/roles';
import type { Task } from '../../shared/tasks';
import type { MemoryMonitor } from './memory/monitor';
import type { Context } from './orchestrator/context';
import { TaskError, type Orchestrator } from './orchestrator/orchestrator';
import { planRoleSettings } from './role-settings';
import { historyPoints, roles } from './state-view';

export interface HandlerParts {
  ctx: Context;
  orchestrator: Orchestrator;
  config: RolesConfig;
  plan: MemoryPlan;
  profile: MachineProfile;
  monitor: MemoryMonitor | undefined;
  ollamaUrl: string | null;
  getState: () => ReturnType<HandlerMap['state.get']>;
  setPaused: (paused: boolean) => void;
}

/** The core's answers to the shared contract (shared/contract.ts): every host registers exactly these. */
export function createHandlers(parts: HandlerParts): HandlerMap {
  const { ctx, orchestrator, config, plan, profile, setPaused, getState } = parts;
  const ports = ctx.ports;
  const shownTask = (task: Task): Task => ({ ...task, text: redactSecrets(task.text).text });

  const taskCall = async <T>(work: () => Promise<T> | T): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof TaskError) throw new ContractError(error.code, error.message);
      throw error;
    }
  };

  // Whether a key is set, never the key: the dashboard only learns this much.
  const secretsStatus = async () => ({
    openai: await ports.secrets.has(secretNames.openai),
    anthropic: await ports.secrets.has(secretNames.anthropic),
  });

  return {
    'state.get': async () => getState(),
    'memory.history': async ({ rangeMs, maxPoints }) => ({
      points: historyPoints(parts.monitor, rangeMs, maxPoints),
    }),
    // A task's text goes out redacted (API answers reach scripts, logs and screens); the engine keeps it as written.
    'tasks.create': async (input) => shownTask(await orchestrator.submit(input)),
    'tasks.get': ({ id }) =>
      taskCall(() =>
        shownTask({ ...orchestrator.get(id), waitingFor: orchestrator.waitingReason(orchestrator.get(id)) }),
      ),
    'tasks.reroute': ({ id, route }) => taskCall(async () => shownTask(await orchestrator.reroute(id, route))),
    'tasks.cancel': ({ id }) => taskCall(async () => shownTask(await orchestrator.cancel(id))),
    'tasks.stillBroken': ({ id, note }) => taskCall(async () => shownTask(await orchestrator.stillBroken(id, note))),
    'approvals.answer': async ({ id, decision }) => {
      const kind = ports.approvals.pending().find((a) => a.id === id)?.kind;
      // An id this engine never asked about is a 404, not an answer that was merely too late.
      const known =
        kind !== undefined ||
        ctx.state.swaps.some((s) => s.approvalId === id) ||
        ctx.state.swap?.approvalId === id ||
        orchestrator.frontier.answeredApprovals().some((a) => a.id === id);
      if (!known) throw new ContractError('not_found', `There is no approval "${id}".`);
      const pending = ports.approvals.pending().find((a) => a.id === id);
      // Memory that could not be read fails closed: a plain "approve" is not enough (Rule 3).
      if (pending?.planner?.memoryUnknown && decision === 'approve') {
        throw new ContractError(
          'conflict',
          `Memory could not be read, so whether the Planner fits is unknown: answer "approve-anyway" to go ahead regardless, or "deny".`,
        );
      }
      const yes = decision !== 'deny';
      const accepted = ports.approvals.answer(id, yes ? 'approve' : 'deny');
      const said =
        kind === 'frontier'
          ? yes
            ? 'Approved: the request is sent.'
            : 'Denied: nothing is sent.'
          : yes
            ? 'Approved: the swap goes ahead.'
            : 'Denied: nothing unloads.';
      return {
        id,
        accepted,
        message: accepted
          ? said
          : `Approval "${id}" is not waiting for an answer (already answered, expired, or unknown).`,
      };
    },
    // Read-only views. Each names its file itself (a fixed hand-off file, the result of a task that
    // exists, a listed snapshot version): a request never carries a path.
    'files.read': async ({ file }) => ({
      path: workspaceFiles[file],
      text: await ports.workspace.readText(workspaceFiles[file]),
    }),
    'tasks.result': ({ id }) =>
      taskCall(async () => {
        const path = `shared/results/${orchestrator.get(id).id}.md`;
        return { path, text: await ports.workspace.readText(path) };
      }),
    'snapshots.list': async () => ({ versions: await ctx.snapshots.versions() }),
    'snapshots.get': async ({ version }) => {
      const listed = (await ctx.snapshots.versions()).some((v) => v.version === version);
      const files = listed ? await ctx.snapshots.read(version) : null;
      if (!files) throw new ContractError('not_found', `There is no snapshot version ${version}.`);
      return { version, ...files };
    },
    'swaps.recent': async () => ({ swaps: ctx.state.swaps.slice(-20) }),
    'settings.get': async () => ({
      roles: roles.map((role) => ({
        role,
        model: config[role].model,
        numCtx: config[role].numCtx,
        resident: config[role].resident,
      })),
      memoryBudgetBytes: plan.budgetBytes,
      workspaceRoot: ports.workspace.root,
      profile: profile.id,
    }),
    'settings.roles': (input) => planRoleSettings(ports, input, { profile, ollamaUrl: parts.ollamaUrl ?? 'Ollama' }),
    'queue.pause': async ({ paused }) => {
      setPaused(paused);
      return { paused: orchestrator.scheduler.paused };
    },
    'secrets.status': () => secretsStatus(),
    'secrets.set': async ({ provider, key }) => {
      await ports.secrets.set(secretNames[provider], key);
      return secretsStatus();
    },
  };
}

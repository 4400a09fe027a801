import { inEnglish, say, type EngineKey } from '../../shared/engine-message';
import { redactSecrets } from '../../shared/frontier/redact';
import { showInvisible } from '../../shared/visible-text';
import type { AgentState, AppState, ApprovalView, Role } from '../../shared/domain';
import type { MemoryPlan } from '../../shared/memory/index';
import type { RolesConfig } from '../../shared/roles';
import type { Task } from '../../shared/tasks';
import type { FrontierService } from './frontier/service';
import type { LiveMemory } from './memory/live';
import type { MemoryMonitor } from './memory/monitor';
import type { Context } from './orchestrator/context';
import type { Orchestrator } from './orchestrator/orchestrator';
import type { RouterService } from './orchestrator/router-service';
import { createEscalationMeter, type RuleName } from './router/index';

export const roles: readonly Role[] = ['router', 'coder', 'reviewer', 'planner'];
/** A planner approval denied for one of these reasons was not answered: it expired. */
const expiredReasons: ReadonlySet<EngineKey> = new Set<EngineKey>(['engine.plannerNoAnswer', 'engine.plannerExpired']);

export interface StateViewParts {
  ctx: Context;
  orchestrator: Orchestrator;
  frontier: FrontierService;
  router: RouterService;
  config: RolesConfig;
  plan: MemoryPlan;
  monitor: MemoryMonitor | undefined;
  simulated: boolean;
  ollamaUrl: string | null;
}

function liveView(m: LiveMemory | null): AppState['memory']['live'] {
  if (!m) return null;
  return {
    at: m.at,
    totalBytes: m.totalBytes,
    freeBytes: m.freeBytes,
    otherAppsBytes: m.otherAppsBytes,
    budgetBytes: m.budgetBytes,
    budgetSource: m.budgetSource,
    pressure: m.pressure,
    pressureDetail: m.pressureDetail,
    swapUsedBytes: m.swapUsedBytes,
    profileId: m.profileId,
    problems: m.problems,
  };
}

/** The monitor's history as chart points: full-rate points, or per-minute averages for long ranges. */
export function historyPoints(monitor: MemoryMonitor | undefined, rangeMs: number, maxPoints?: number) {
  if (!monitor) return [];
  const query = monitor.history(rangeMs, maxPoints);
  if (query.resolution === 'full') return query.points;
  return query.buckets.map((b) => ({
    at: b.start,
    freeBytes: b.freeBytes.avg,
    usedBytes: b.usedBytes.avg,
    modelsBytes: b.modelsBytes.avg,
    otherAppsBytes: b.otherAppsBytes.avg,
    swapUsedBytes: b.swapUsedBytes.avg,
    pressure: b.pressure,
  }));
}

/**
 * What is loaded, from what the core and the monitor already know: the core asks the model host
 * after every load and unload, the monitor every 1–10 s. The newer of the two wins. A state read
 * never asks Ollama itself: the dashboard reads the state on every push, and a slow /api/ps would
 * otherwise set the pace of the whole page (docs/architecture.md, "Reading the state").
 */
function loadedNow(ctx: Context, monitor: MemoryMonitor | undefined) {
  const core = ctx.hostReading();
  const live = monitor?.latest() ?? null;
  if (live && (!core || live.at > core.at)) {
    const problem = live.modelHostReachable ? null : (live.problems.at(-1) ?? 'The model host did not answer.');
    return {
      models: live.modelHostReachable ? live.models.map((m) => ({ name: m.name, sizeBytes: m.bytes })) : [],
      reachable: live.modelHostReachable,
      error: problem,
    };
  }
  if (!core) return { models: [], reachable: false, error: 'Not asked yet: the engine is starting.' };
  return {
    models: core.reachable ? core.models.map((m) => ({ name: m.name, sizeBytes: m.sizeBytes })) : [],
    reachable: core.reachable,
    error: core.error,
  };
}

/** The state the hosts show, projected from the core's state: no I/O but the spend ledger's view. */
export function createStateView(parts: StateViewParts) {
  const { ctx, orchestrator, frontier, router, config, plan, monitor } = parts;
  const ports = ctx.ports;
  // The queue shows each task's opening, with any secret pasted into it redacted: the state goes
  // to the dashboard (and to whoever shares that screen). Worked out once per task.
  const queueText = new Map<string, { text: string; shown: string }>();
  const shownText = (id: string, text: string): string => {
    const cached = queueText.get(id);
    if (cached?.text === text) return cached.shown;
    const redacted = redactSecrets(text.slice(0, 2000)).text;
    const shown = text.length > 500 ? `${redacted.slice(0, 500)}…` : redacted;
    queueText.set(id, { text, shown });
    return shown;
  };

  function approvalsView(): ApprovalView[] {
    const pending = ports.approvals.pending();
    // Invisible and bidi characters are shown as markers: what is approved must read as what it is.
    const views: ApprovalView[] = pending.map((a) => ({
      id: a.id,
      kind: a.kind,
      status: 'pending',
      message: showInvisible(a.message),
      said: a.said,
      askedAt: a.askedAt,
      taskIds: a.planner?.taskIds ?? a.frontier?.taskIds ?? [],
      planner: a.planner ? { ...a.planner } : null,
      // docs/interfaces.md: a frontier approval carries provider, model, estimatedCostUsd and outgoing.
      ...(a.frontier
        ? {
            provider: a.frontier.provider,
            model: a.frontier.model,
            estimatedCostUsd: a.frontier.estimatedCostUsd,
            outgoing: showInvisible(a.frontier.outgoing),
            frontier: {
              inputTokens: a.frontier.inputTokens,
              maxOutputTokens: a.frontier.maxOutputTokens,
              priceKnown: a.frontier.priceKnown,
              pricesAsOf: a.frontier.pricesAsOf,
              redactions: a.frontier.redactions,
              budget: a.frontier.budget,
            },
          }
        : {}),
    }));
    // Answered frontier approvals (journalled: they survive restarts).
    for (const a of orchestrator.frontier.answeredApprovals()) {
      if (!views.some((v) => v.id === a.id))
        views.push({
          id: a.id,
          kind: 'frontier',
          status: a.status,
          message: inEnglish(a.said),
          said: a.said,
          askedAt: a.askedAt,
          taskIds: a.taskIds,
          planner: null,
          provider: a.provider,
          model: a.model,
          estimatedCostUsd: a.estimatedCostUsd,
        });
    }
    // Answered planner approvals, from the journalled swaps (they survive restarts).
    for (const swap of ctx.state.swaps.slice(-20)) {
      if (!swap.approvalId || views.some((v) => v.id === swap.approvalId) || !swap.enteredAt['awaiting_approval'])
        continue;
      // Expired or denied, from the reason's key: the engine's data, never its text.
      const status =
        swap.state === 'denied'
          ? swap.error && expiredReasons.has(swap.error.key)
            ? 'expired'
            : 'denied'
          : swap.state === 'awaiting_approval'
            ? null
            : 'approved';
      if (swap.state === 'failed' && !swap.enteredAt['unloading']) continue;
      if (status) {
        const said = swap.error ?? say('engine.plannerApproved');
        views.push({
          id: swap.approvalId,
          kind: 'planner',
          status,
          message: inEnglish(said),
          said,
          askedAt: swap.enteredAt['awaiting_approval'] ?? null,
          taskIds: swap.taskIds,
          planner: null,
        });
      }
    }
    return views;
  }

  /**
   * The state; with `only`, a delta: the queue holds just the tasks in `only` and every task still
   * in play (queued, waiting, running — their waiting reasons follow the locks, which change
   * without a task record). Pushes send deltas so 10,000 finished tasks are not sent again each time.
   */
  async function getState(only?: ReadonlySet<string>): Promise<AppState> {
    const loaded = loadedNow(ctx, monitor);
    const loadedNames = new Set(loaded.models.map((m) => m.name));
    const agents: AgentState[] = roles.map((role) => ({
      role,
      model: config[role].model,
      lock: ctx.state.agents[role].lock,
      loaded: loadedNames.has(config[role].model),
      currentTaskId: ctx.state.agents[role].taskId,
    }));
    const inPlay = (t: Task) => t.status === 'queued' || t.status === 'waiting' || t.status === 'running';
    const queue = [...ctx.state.tasks.values()]
      .filter((t) => !only || only.has(t.id) || inPlay(t))
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((t) => ({ ...t, text: shownText(t.id, t.text), waitingFor: orchestrator.waitingReason(t) }));
    // The meter over the last routed tasks, rebuilt from the (journalled) tasks on every read.
    const meter = createEscalationMeter({ window: 100 });
    for (const task of [...ctx.state.tasks.values()]
      .filter((t) => t.rule !== 'planner-follow-up' && t.rule !== 'frontier-follow-up')
      .slice(-100))
      meter.record({ route: task.route, rule: task.rule as RuleName });
    const { window, samples, escalated, share, target, status, byRoute } = meter.state();
    return {
      agents,
      queue,
      escalation: { window, samples, escalated, share, target, status, byRoute },
      routerLearning: router.learning,
      paused: orchestrator.scheduler.paused,
      approvals: approvalsView(),
      swap: ctx.state.swap,
      memory: {
        budgetBytes: plan.budgetBytes,
        usedBytes: loaded.models.reduce((sum, m) => sum + m.sizeBytes, 0),
        models: loaded.models,
        live: liveView(monitor?.latest() ?? null),
      },
      spend: await frontier.view(ports.clock.now()),
      simulated: parts.simulated,
      ollama: { url: parts.ollamaUrl, reachable: loaded.reachable, error: loaded.error },
    };
  }

  return { getState };
}

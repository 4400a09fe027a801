import { secretNames, workspaceFiles, type HandlerMap } from '../../shared/contract';
import { ContractError } from '../../shared/dispatch';
import { matchEngineText } from '../../shared/engine-text';
import { redactSecrets } from '../../shared/frontier/redact';
import { showInvisible } from '../../shared/visible-text';
import type { AgentState, AppState, ApprovalView, Role } from '../../shared/domain';
import { findProfile, planMemory, type MachineProfile, type SpecLookup } from '../../shared/memory/index';
import { defaultRoles, type RolesConfig } from '../../shared/roles';
import { resolveFrontierOptions, type FrontierOptions } from './frontier/options';
import { FrontierService } from './frontier/service';
import { createJournal } from './journal/journal';
import type { LiveMemory } from './memory/live';
import type { MemoryMonitor } from './memory/monitor';
import {
  compactConversation,
  createEscalationMeter,
  type ConversationMessage,
  type RouterConfigInput,
  type RouterJudge,
  type RuleName,
} from './router/index';
import { RouterService } from './orchestrator/router-service';
import { feedbackPath } from './router/feedback';
import { Context, type CompactInput, type CoreEvents } from './orchestrator/context';
import { Conversation } from './orchestrator/conversation';
import { Orchestrator, TaskError, type RouteTask } from './orchestrator/orchestrator';
import { defaultOrchestratorOptions, type OrchestratorOptions } from './orchestrator/policy';
import type { Ports } from './ports';
import type { Task } from '../../shared/tasks';
import { planRoleSettings } from './role-settings';
import { redactingWorkspace } from './handoff-redaction';
import { createSnapshotStore } from './snapshot/snapshot';
import { emptyState } from './state';

export type { Ports } from './ports';
export * from './config';
export type { CoreEvents } from './orchestrator/context';

const roles: readonly Role[] = ['router', 'coder', 'reviewer', 'planner'];

export interface CreateCoreOptions {
  roles?: RolesConfig;
  profile?: MachineProfile;
  specs?: SpecLookup;
  orchestrator?: Partial<OrchestratorOptions>;
  /** Replaces the Router (tests that route by keyword); default: facts, classifier and `routerJudge`. */
  route?: RouteTask;
  /** The Router's configuration (targets, thresholds, the post-cutoff library table). */
  router?: RouterConfigInput;
  /** The Router model's judgment, asked only while the scheduler has the Router loaded. */
  routerJudge?: RouterJudge;
  compact?: (input: CompactInput) => string;
  simulated?: boolean;
  ollamaUrl?: string | null;
  /** The memory monitor the host runs: its live reading and history reach the dashboard. */
  monitor?: MemoryMonitor;
  /** @deprecated use roles */
  models?: Partial<Record<Role, string>>;
  /** Durations run this many times faster than the machine profile says (the simulator's time scale). */
  timeScale?: number;
  /** Keep secrets in the hand-off files (settings.json `keepSecretsInHandoffFiles`); default: redact them. */
  keepSecretsInHandoffFiles?: boolean;
  /** Frontier escalation: provider, models, caps, prices, redaction patterns (README, "Frontier escalation"). */
  frontier?: Partial<FrontierOptions>;
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
function historyPoints(monitor: MemoryMonitor | undefined, rangeMs: number, maxPoints?: number) {
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

export interface Core {
  /** Handlers for the shared contract; hosts register exactly these. */
  readonly handlers: HandlerMap;
  readonly orchestrator: Orchestrator;
  readonly roles: RolesConfig;
  /** Replays the journal, repairs, loads the residents and starts scheduling. */
  start(): Promise<void>;
  getState(): Promise<AppState>;
  /** The state with only the given tasks and those still in play in its queue (for pushes). */
  getDelta(taskIds: ReadonlySet<string>): Promise<AppState>;
  /** Stops (true) or resumes (false) starting new work; what runs already finishes. */
  setPaused(paused: boolean): void;
  /**
   * Shutdown that loses nothing: no new work starts, running work gets `graceMs` to finish, then
   * the journal is sealed, so whatever is still running is neither failed nor lost: the next
   * start queues it again (as after a crash). Queued work stays queued.
   */
  stop(graceMs?: number): Promise<void>;
  isPaused(): boolean;
  on<K extends keyof CoreEvents>(event: K, listener: (payload: CoreEvents[K]) => void): () => void;
}

/** The Router's rule-based compaction (keeps the last requirement, the last error, files, decisions). */
function routerCompact({ entries }: CompactInput): string {
  const messages: ConversationMessage[] = entries.map((e) =>
    e.speaker === 'user' ? { role: 'user', content: e.text } : { role: 'assistant', content: e.text, name: e.speaker },
  );
  return compactConversation(messages).markdown;
}

export function createCore(given: Ports, options: CreateCoreOptions = {}): Core {
  const ports: Ports = options.keepSecretsInHandoffFiles
    ? given
    : { ...given, workspace: redactingWorkspace(given.workspace) };
  const config: RolesConfig = options.roles ?? {
    router: { ...defaultRoles.router, model: options.models?.router ?? defaultRoles.router.model },
    coder: { ...defaultRoles.coder, model: options.models?.coder ?? defaultRoles.coder.model },
    reviewer: { ...defaultRoles.reviewer, model: options.models?.reviewer ?? defaultRoles.reviewer.model },
    planner: { ...defaultRoles.planner, model: options.models?.planner ?? defaultRoles.planner.model },
  };
  const profile = options.profile ?? findProfile('m4pro-64')!;
  const plan = planMemory(config, profile, options.specs);
  const ctx = new Context(
    ports,
    config,
    plan,
    {
      ...defaultOrchestratorOptions,
      ...(options.timeScale ? { timeScale: options.timeScale } : {}),
      ...options.orchestrator,
    },
    emptyState(),
    createJournal(ports.workspace, ports.clock.now),
    createSnapshotStore(ports.workspace),
    new Conversation(ports.workspace),
    options.compact ?? routerCompact,
  );
  const frontier = new FrontierService(ports, resolveFrontierOptions(options.frontier));
  if (options.monitor) {
    const monitor = options.monitor;
    ctx.swapGrowthBytes = () => monitor.swapGrowthBytes();
  }
  const router = new RouterService(ports, options.router, options.routerJudge);
  const orchestrator = new Orchestrator(ctx, options.route ?? router.route, frontier, (correction) =>
    router.record(correction),
  );
  let ollama = { reachable: false, error: null as string | null };
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
          message: a.message,
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
      const said = swap.error ? matchEngineText(swap.error)?.key : undefined;
      const status =
        swap.state === 'denied'
          ? said === 'engine.plannerNoAnswer' || said === 'engine.plannerExpired'
            ? 'expired'
            : 'denied'
          : swap.state === 'awaiting_approval'
            ? null
            : 'approved';
      if (swap.state === 'failed' && !swap.enteredAt['unloading']) continue;
      if (status)
        views.push({
          id: swap.approvalId,
          kind: 'planner',
          status,
          message: swap.error ?? 'Approved.',
          askedAt: swap.enteredAt['awaiting_approval'] ?? null,
          taskIds: swap.taskIds,
          planner: null,
        });
    }
    return views;
  }

  /**
   * The state; with `only`, a delta: the queue holds just the tasks in `only` and every task still
   * in play (queued, waiting, running — their waiting reasons follow the locks, which change
   * without a task record). Pushes send deltas so 10,000 finished tasks are not sent again each time.
   */
  async function getState(only?: ReadonlySet<string>): Promise<AppState> {
    let loaded: Array<{ name: string; sizeBytes: number }> = [];
    try {
      loaded = await ports.modelHost.listLoaded();
      ollama = { reachable: true, error: null };
    } catch (error) {
      ollama = { reachable: false, error: error instanceof Error ? error.message : String(error) };
    }
    const loadedNames = new Set(loaded.map((m) => m.name));
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
        usedBytes: loaded.reduce((sum, m) => sum + m.sizeBytes, 0),
        models: loaded.map((m) => ({ name: m.name, sizeBytes: m.sizeBytes })),
        live: liveView(options.monitor?.latest() ?? null),
      },
      spend: await frontier.view(ports.clock.now()),
      simulated: options.simulated ?? false,
      ollama: { url: options.ollamaUrl ?? null, ...ollama },
    };
  }

  const shownTask = (task: Task): Task => ({ ...task, text: redactSecrets(task.text).text });

  const taskCall = async <T>(work: () => Promise<T> | T): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof TaskError) throw new ContractError(error.code, error.message);
      throw error;
    }
  };

  function setPaused(paused: boolean): void {
    if (orchestrator.scheduler.paused === paused) return;
    orchestrator.scheduler.paused = paused;
    ctx.events.emit('changed', { reason: paused ? 'queue.paused' : 'queue.resumed' });
    if (!paused) orchestrator.scheduler.kick();
  }

  // Whether a key is set, never the key: the dashboard only learns this much.
  const secretsStatus = async () => ({
    openai: await ports.secrets.has(secretNames.openai),
    anthropic: await ports.secrets.has(secretNames.anthropic),
  });

  const handlers: HandlerMap = {
    'state.get': async () => getState(),
    'memory.history': async ({ rangeMs, maxPoints }) => ({
      points: historyPoints(options.monitor, rangeMs, maxPoints),
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
    'settings.roles': (input) => planRoleSettings(ports, input, { profile, ollamaUrl: options.ollamaUrl ?? 'Ollama' }),
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

  return {
    handlers,
    orchestrator,
    roles: config,
    start: async () => {
      await frontier.load();
      const learning = await router.learn();
      for (const problem of learning.problems)
        ctx.events.emit('notice', {
          level: 'warn',
          message: `Router corrections file (${feedbackPath}): ${problem.message}.`,
        });
      await orchestrator.start();
    },
    getState: () => getState(),
    getDelta: (taskIds) => getState(taskIds),
    setPaused,
    stop: async (graceMs = 10_000) => {
      setPaused(true);
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        orchestrator.scheduler.whenIdle(),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs))),
      ]);
      clearTimeout(timer);
      ctx.journal.seal();
      // What still runs is cut off now (its streams would otherwise keep Ollama busy after the
      // host has gone); nothing it does after the seal is written, so the next start queues it.
      for (const controller of ctx.running.values()) controller.abort();
    },
    isPaused: () => orchestrator.scheduler.paused,
    on: (event, listener) => ctx.events.on(event, listener),
  };
}

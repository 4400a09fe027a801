import type { HandlerMap } from '../../shared/contract';
import { say } from '../../shared/engine-message';
import type { AppState } from '../../shared/domain';
import { findProfile, planMemory, type MachineProfile, type SpecLookup } from '../../shared/memory/index';
import { defaultRoles, type RolesConfig } from '../../shared/roles';
import type { Swap } from '../../shared/swap';
import { resolveFrontierOptions, type FrontierOptions } from './frontier/options';
import { FrontierService } from './frontier/service';
import { redactingWorkspace } from './handoff-redaction';
import { createHandlers } from './handlers';
import { createJournal } from './journal/journal';
import type { MemoryMonitor } from './memory/monitor';
import { Context, type CompactInput, type CoreEvents, type CoreLog } from './orchestrator/context';
import { Conversation } from './orchestrator/conversation';
import { Orchestrator, type RouteTask } from './orchestrator/orchestrator';
import { defaultOrchestratorOptions, type OrchestratorOptions } from './orchestrator/policy';
import { RouterService } from './orchestrator/router-service';
import type { Ports } from './ports';
import { feedbackPath } from './router/feedback';
import {
  compactConversation,
  type ConversationMessage,
  type RouterConfigInput,
  type RouterJudge,
} from './router/index';
import { createSnapshotStore } from './snapshot/snapshot';
import { emptyState } from './state';
import { createStateView } from './state-view';

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
  /** Durations run this many times faster than the machine profile says (the simulator's time scale). */
  timeScale?: number;
  /** Keep secrets in the hand-off files (settings.json `keepSecretsInHandoffFiles`); default: redact them. */
  keepSecretsInHandoffFiles?: boolean;
  /** Frontier escalation: provider, models, caps, prices, redaction patterns (README, "Frontier escalation"). */
  frontier?: Partial<FrontierOptions>;
  /** Where the core's own diagnostics go; default: standard error. */
  log?: CoreLog;
}

/** What in-process callers (the bench harness, tests) may ask of the engine directly. */
export type CoreTasks = Pick<
  Orchestrator,
  'submit' | 'get' | 'reroute' | 'cancel' | 'stillBroken' | 'waitingReason' | 'recovery'
>;

export interface Core {
  /** Handlers for the shared contract; hosts register exactly these. */
  readonly handlers: HandlerMap;
  /** Typed task calls for in-process callers; hosts go through `handlers`. */
  readonly orchestrator: CoreTasks;
  readonly roles: RolesConfig;
  /** Replays the journal, repairs, loads the residents and starts scheduling. */
  start(): Promise<void>;
  /** The state as the hosts show it. Reads no model host: what is loaded is what the core and monitor last saw. */
  getState(): Promise<AppState>;
  /** The state with only the given tasks and those still in play in its queue (for pushes). */
  getDelta(taskIds: ReadonlySet<string>): Promise<AppState>;
  /** The swap in progress (null when none): what quitting now would interrupt. */
  currentSwap(): Readonly<Swap> | null;
  /** Stops (true) or resumes (false) starting new work; what runs already finishes. */
  setPaused(paused: boolean): void;
  /** Resolves when nothing runs and nothing can start (every agent IDLE, no swap under way). */
  whenIdle(): Promise<void>;
  /**
   * Shutdown that loses nothing: no new work starts, running work gets `graceMs` to finish, then
   * the journal is sealed, so whatever is still running is neither failed nor lost: the next
   * start queues it again (as after a crash). Queued work stays queued.
   */
  stop(graceMs?: number): Promise<void>;
  isPaused(): boolean;
  on<K extends keyof CoreEvents>(event: K, listener: (payload: CoreEvents[K]) => void): () => void;
}

/** The engine's insides, for tests only (src/core/testing.ts); hosts cannot reach them. */
export interface CoreInternals {
  ctx: Context;
  orchestrator: Orchestrator;
}
const internalsOf = new WeakMap<Core, CoreInternals>();
export function coreInternals(core: Core): CoreInternals {
  const found = internalsOf.get(core);
  if (!found) throw new Error('Not a core made by createCore.');
  return found;
}

/** The Router's rule-based compaction (keeps the last requirement, the last error, files, decisions). */
function routerCompact({ entries }: CompactInput): string {
  const messages: ConversationMessage[] = entries.map((e) =>
    e.speaker === 'user' ? { role: 'user', content: e.text } : { role: 'assistant', content: e.text, name: e.speaker },
  );
  return compactConversation(messages).markdown;
}

const stderrLog: CoreLog = {
  error: (message, error) => console.error(`frontier-sos: ${message}:`, error),
};

/** Wires the engine: a Context built whole, the orchestrator over it, the state view and the contract's handlers. */
export function createCore(given: Ports, options: CreateCoreOptions = {}): Core {
  const ports: Ports = options.keepSecretsInHandoffFiles
    ? given
    : { ...given, workspace: redactingWorkspace(given.workspace) };
  const config: RolesConfig = options.roles ?? defaultRoles;
  const profile = options.profile ?? findProfile('m4pro-64')!;
  const plan = planMemory(config, profile, options.specs);
  const monitor = options.monitor;
  // The follow-up is the orchestrator's, which needs the Context first: bound here, once.
  let orchestrator: Orchestrator | null = null;
  const ctx = new Context({
    ports,
    roles: config,
    plan,
    options: {
      ...defaultOrchestratorOptions,
      ...(options.timeScale ? { timeScale: options.timeScale } : {}),
      ...options.orchestrator,
    },
    state: emptyState(),
    journal: createJournal(ports.workspace, ports.clock.now),
    snapshots: createSnapshotStore(ports.workspace),
    conversation: new Conversation(ports.workspace),
    compact: options.compact ?? routerCompact,
    log: options.log ?? stderrLog,
    swapGrowthBytes: monitor ? () => monitor.swapGrowthBytes() : () => 0,
    followUp: (origin, instruction) => orchestrator!.queueBlueprintFollowUp(origin, instruction),
  });
  const frontier = new FrontierService(ports, resolveFrontierOptions(options.frontier));
  const router = new RouterService(ports, options.router, options.routerJudge);
  const engine = new Orchestrator(ctx, options.route ?? router.route, frontier, (correction) =>
    router.record(correction),
  );
  orchestrator = engine;
  const view = createStateView({
    ctx,
    orchestrator: engine,
    frontier,
    router,
    config,
    plan,
    monitor,
    simulated: options.simulated ?? false,
    ollamaUrl: options.ollamaUrl ?? null,
  });

  function setPaused(paused: boolean): void {
    if (engine.scheduler.paused === paused) return;
    engine.scheduler.paused = paused;
    ctx.events.emit('changed', { reason: paused ? 'queue.paused' : 'queue.resumed' });
    if (!paused) engine.scheduler.kick();
  }

  const handlers = createHandlers({
    ctx,
    orchestrator: engine,
    config,
    plan,
    profile,
    monitor,
    ollamaUrl: options.ollamaUrl ?? null,
    getState: () => view.getState(),
    setPaused,
  });

  const core: Core = {
    handlers,
    orchestrator: engine,
    roles: config,
    start: async () => {
      await frontier.load();
      const learning = await router.learn();
      for (const problem of learning.problems)
        ctx.events.emit('notice', {
          level: 'warn',
          said: say('engine.correctionsProblem', { path: feedbackPath, problem: problem.message }),
        });
      await engine.start();
    },
    getState: () => view.getState(),
    getDelta: (taskIds) => view.getState(taskIds),
    currentSwap: () => ctx.state.swap,
    setPaused,
    whenIdle: () => engine.scheduler.whenIdle(),
    stop: async (graceMs = 10_000) => {
      setPaused(true);
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        engine.scheduler.whenIdle(),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs))),
      ]);
      clearTimeout(timer);
      ctx.journal.seal();
      // What still runs is cut off now (its streams would otherwise keep Ollama busy after the
      // host has gone); nothing it does after the seal is written, so the next start queues it.
      for (const controller of ctx.running.values()) controller.abort();
    },
    isPaused: () => engine.scheduler.paused,
    on: (event, listener) => ctx.events.on(event, listener),
  };
  internalsOf.set(core, { ctx, orchestrator: engine });
  return core;
}

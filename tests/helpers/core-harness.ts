import type { Blueprint } from '../../shared/blueprint';
import { findProfile } from '../../shared/memory/index';
import { defaultRoles, type RolesConfig } from '../../shared/roles';
import { createModelJudge, type RouterConfigInput } from '../../src/core/router/index';
import { createMemoryWorkspace, type MemoryWorkspace } from '../../src/adapters/workspace/memory-workspace';
import { createApprovalBroker, type ApprovalBroker } from '../../src/core/approvals';
import { createCore, type Core } from '../../src/core/index';
import type { OrchestratorOptions } from '../../src/core/orchestrator/policy';
import type { RouteTask } from '../../src/core/orchestrator/orchestrator';
import type { Clock, MemoryReading, Ports } from '../../src/core/ports';
import { VirtualClock } from '../../src/sim/clock';
import { createLedgerHost, type LedgerHost } from './ledger-host';

export const m4pro = findProfile('m4pro-64')!;
const GiB = 2 ** 30;

export function blueprintAnswer(title = 'Design'): string {
  const blueprint: Blueprint = {
    title,
    design: '## Components\n\nA queue, a worker pool and a store.',
    actionItems: [1, 2, 3, 4, 5].map((n) => ({
      title: `Step ${n}`,
      detail: `Do step ${n}.`,
      files: [`src/step${n}.ts`],
    })),
  };
  return JSON.stringify(blueprint);
}

/** Routes by keywords so tests say what they mean: "architecture" → planner, "frontier" → frontier. */
export const keywordRoute: RouteTask = ({ text, failedAttempts }) => {
  if (failedAttempts >= 3 || /frontier/i.test(text))
    return { route: 'frontier', rule: 'failed-3-times', reason: 'test' };
  if (/architecture/i.test(text)) return { route: 'planner', rule: 'new-architecture', reason: 'test' };
  return { route: 'local', rule: 'routine', reason: 'test' };
};

/**
 * Ports whose every call can be cut off at once: after kill(), nothing the old core asks ever
 * returns, and its streams are cut as a dying process's connections are (Ollama stops them).
 */
function killable(ports: Ports): { ports: Ports; kill(): void } {
  let dead = false;
  const connections = new AbortController();
  const host = ports.modelHost;
  const modelHost = {
    ...host,
    chat: (request: Parameters<typeof host.chat>[0]) => {
      const signal = request.signal ? AbortSignal.any([request.signal, connections.signal]) : connections.signal;
      return host.chat({ ...request, signal });
    },
  };
  const never = new Promise<never>(() => undefined);
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(obj, key, receiver) {
        const value = Reflect.get(obj, key, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (dead) return never;
          const result = (value as (...a: unknown[]) => unknown).apply(obj, args);
          if (result instanceof Promise)
            return result.then(
              (v) => (dead ? never : v),
              (e: unknown) => (dead ? never : Promise.reject(e)),
            );
          return result;
        };
      },
    });
  return {
    ports: {
      ...ports,
      modelHost: wrap(modelHost),
      workspace: wrap(ports.workspace),
      clock: wrap(ports.clock),
      approvals: wrap(ports.approvals),
    },
    kill: () => {
      dead = true;
      connections.abort();
    },
  };
}

export interface Harness {
  clock: VirtualClock;
  /** What the memory probe reads; tests change it to simulate other apps taking memory. */
  memory: MemoryReading;
  /** When true, reading memory fails (a probe that cannot read the machine). */
  memoryFails: boolean;
  host: LedgerHost;
  workspace: MemoryWorkspace;
  core: Core;
  broker: ApprovalBroker;
  /** Every approval the "user" gave, across restarts. */
  approvedIds: Set<string>;
  start(): Promise<void>;
  crashAndRestart(): Promise<void>;
  /** The user's answer, remembered across restarts (the invariants check unloads against it). */
  answer(id: string, decision: 'approve' | 'deny'): boolean;
  runUntil(predicate: () => boolean, what: string, maxVirtualMs?: number): Promise<void>;
  /** Advances virtual time as needed until `promise` settles. */
  drive<T>(promise: Promise<T>, what: string): Promise<T>;
  /** Runs virtual time until nothing is scheduled (or the limit). */
  settle(maxVirtualMs?: number): Promise<void>;
}

export interface HarnessOptions {
  orchestrator?: Partial<OrchestratorOptions>;
  /** Routes by keyword by default; `null` runs the core's own Router (facts, classifier, judge). */
  route?: RouteTask | null;
  /** With `route: null`: the Router model judges through the ModelHost port, as in the product. */
  routerJudge?: boolean;
  router?: RouterConfigInput;
  roles?: RolesConfig;
  preload?: boolean;
}

/** What the Router model answers in tests: the keyword route, as JSON. */
export function keywordJudgeAnswer(text: string): string {
  const d = keywordRoute({ text, failedAttempts: 0 }, { modelAway: null }) as { route: string };
  return JSON.stringify({ route: d.route, reason: 'keyword judge' });
}

export function createHarness(options: HarnessOptions = {}): Harness {
  const clock = new VirtualClock();
  const clockPort: Clock = {
    now: () => clock.now(),
    sleep: (ms) => new Promise((resolve) => clock.setTimer(ms, () => resolve())),
  };
  const roles = options.roles ?? defaultRoles;
  const numCtx = (model: string) => Object.values(roles).find((r) => r.model === model)?.numCtx ?? 8192;
  const host = createLedgerHost(clockPort, Math.floor(48 * GiB * 0.9), numCtx);
  host.answer = (request) => {
    if (request.model === roles.planner.model) return blueprintAnswer();
    // A structured request to the Router is a routing judgment; its summaries are plain text.
    if (request.model === roles.router.model && request.format)
      return keywordJudgeAnswer(request.messages.at(-1)?.content ?? '');
    return `answer from ${request.model}`;
  };
  const workspace = createMemoryWorkspace();
  const approvedIds = new Set<string>();
  const memory: MemoryReading = {
    totalBytes: 64 * GiB,
    freeBytes: 32 * GiB,
    budgetBytes: 48 * GiB,
    pressure: 'normal',
    swapUsedBytes: 0,
  };
  let kill: () => void = () => undefined;

  const build = () => {
    const broker = createApprovalBroker(clockPort.now);
    const wrapped = killable({
      modelHost: host,
      frontier: [],
      // Atomic writes take a little (virtual) time, as an fsync does: states that write are observable.
      workspace: {
        ...workspace,
        writeTextAtomic: async (path: string, text: string) => {
          await clockPort.sleep(1);
          await workspace.writeTextAtomic(path, text);
        },
      },
      memory: {
        read: async () => {
          if (harness.memoryFails) throw new Error('vm_stat: not permitted');
          return { ...memory };
        },
      },
      approvals: broker,
      clock: clockPort,
      secrets: { get: async () => null, set: async () => undefined, has: async () => false },
    });
    kill = wrapped.kill;
    const route = options.route === null ? undefined : (options.route ?? keywordRoute);
    const core = createCore(wrapped.ports, {
      profile: m4pro,
      roles,
      ...(route ? { route } : {}),
      ...(options.router ? { router: options.router } : {}),
      ...(options.routerJudge
        ? { routerJudge: createModelJudge(wrapped.ports.modelHost, roles.router.model, roles.router.numCtx) }
        : {}),
      orchestrator: { approvalTimeoutMs: 10 * 60_000, ...options.orchestrator },
    });
    return { broker, core };
  };

  let built = build();
  let preloaded = false;
  // Rule 2 and Rule 3, checked from outside: a resident is unloaded only during a swap whose
  // snapshot is on disk and which the user approved.
  host.beforeUnload = (model) => {
    if (model === roles.planner.model) return;
    const swap = built.core.currentSwap();
    const snapshot = workspace.files.get('shared/current_task.json');
    if (!swap) host.violations.push(`unloaded resident ${model} outside any swap`);
    else {
      if (!snapshot || JSON.parse(snapshot).swapId !== swap.id)
        host.violations.push(`unloaded ${model} without the snapshot of ${swap.id} on disk`);
      if (!swap.approvalId || !approvedIds.has(swap.approvalId))
        host.violations.push(`unloaded ${model} without approval of ${swap.id}`);
    }
  };
  // Rule 1: the Planner never loads while a resident is generating.
  host.beforeLoad = (model) => {
    if (model !== roles.planner.model) return;
    for (const role of ['router', 'coder', 'reviewer'] as const) {
      if ((host.inFlight.get(roles[role].model) ?? 0) > 0)
        host.violations.push(`planner loaded while ${role} was generating`);
    }
  };
  // Only the scheduler loads models: the Router model is never asked while a swap has it out.
  host.beforeChat = (request) => {
    const swap = built.core.currentSwap();
    // Before the unloading the Router is still there (the snapshot's summary, a judgment's retry
    // the drain waits for); from the unloading until the swap ends it must not be asked.
    const away = ['unloading', 'loading_planner', 'planning', 'unloading_planner', 'restoring'];
    if (request.model === roles.router.model && swap?.evict.includes('router') && away.includes(swap.state))
      host.violations.push(`Router model asked during swap ${swap.id} (${swap.state}), which unloads it`);
  };
  const harness: Harness = {
    clock,
    memory,
    memoryFails: false,
    host,
    workspace,
    get core() {
      return built.core;
    },
    get broker() {
      return built.broker;
    },
    approvedIds,
    answer(id, decision) {
      if (decision === 'approve') approvedIds.add(id);
      return built.broker.answer(id, decision);
    },
    async start() {
      if (options.preload !== false && !preloaded) {
        preloaded = true;
        for (const role of ['router', 'coder', 'reviewer'] as const) {
          await harness.drive(host.load(roles[role].model, { numCtx: roles[role].numCtx }), `preload ${role}`);
        }
        host.bytesLoaded = 0;
        host.loads.length = 0;
      }
      await harness.drive(built.core.start(), 'core start');
    },
    async drive(promise, what) {
      let settled = false;
      const watched = promise.finally(() => {
        settled = true;
      });
      watched.catch(() => undefined);
      await harness.runUntil(() => settled, what);
      return watched;
    },
    async crashAndRestart() {
      kill();
      built = build();
      await harness.start();
    },
    async runUntil(predicate, what, maxVirtualMs = 24 * 3600_000) {
      const limit = clock.now() + maxVirtualMs;
      for (let idle = 0; ;) {
        if (predicate()) return;
        await new Promise((resolve) => setImmediate(resolve));
        if (predicate()) return;
        const due = clock.nextDue();
        if (due !== null && due <= limit) {
          idle = 0;
          await clock.step();
        } else if (++idle > 50) {
          throw new Error(
            `Stuck waiting for: ${what} (virtual ${new Date(clock.now()).toISOString()}, swap ${built.core.currentSwap()?.state ?? 'none'})`,
          );
        }
      }
    },
    async settle(maxVirtualMs = 24 * 3600_000) {
      const limit = clock.now() + maxVirtualMs;
      for (let idle = 0; idle < 20;) {
        await new Promise((resolve) => setImmediate(resolve));
        const due = clock.nextDue();
        if (due !== null && due <= limit) {
          idle = 0;
          await clock.step();
        } else idle++;
      }
    },
  };
  return harness;
}

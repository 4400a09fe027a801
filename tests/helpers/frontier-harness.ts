import { defaultRoles } from '../../shared/roles';
import { createMemoryWorkspace, type MemoryWorkspace } from '../../src/adapters/workspace/memory-workspace';
import { createApprovalBroker, type ApprovalBroker } from '../../src/core/approvals';
import { FrontierError } from '../../src/core/frontier/errors';
import type { FrontierOptions } from '../../src/core/frontier/options';
import { createCore, type Core } from '../../src/core/index';
import type { Clock, FrontierClient, FrontierRequest, Ports } from '../../src/core/ports';
import { VirtualClock } from '../../src/sim/clock';
import { blueprintAnswer, keywordRoute, m4pro } from './core-harness';
import { createLedgerHost, type LedgerHost } from './ledger-host';

// Frontier escalation in the core, on virtual time, with an in-process frontier client: redaction,
// the approval and what it shows, deny / expire / approve, the ledger and the caps, the answer
// files and the follow-up, and that frontier work never waits for (or holds up) local work.
export const GiB = 2 ** 30;
export const openaiKey = 'sk-proj-Q3vZ8kR2mT5wX9yB1nC4dF7gH0jL6pS8aE2uI5oY7tV3bN1mK9xW4zQ6rT8yU2iO';
export const githubToken = 'ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';

/** A task as the user files it: three failed fixes, the error, and secrets pasted with it. */
export const brokenTask = [
  'Dev1 tried three times and the upload still fails. frontier please.',
  'Error: Request failed with status code 401',
  '    at settle (node_modules/axios/lib/core/settle.js:17:12)',
  `OPENAI_API_KEY=${openaiKey}`,
  `git push https://${githubToken}@github.com/acme/api.git`,
].join('\n');

export interface FakeFrontier extends FrontierClient {
  calls: FrontierRequest[];
  /** Virtual ms a call takes. */
  takesMs: number;
  fail: FrontierError | null;
  usage: { inputTokens: number; outputTokens: number };
}

export function fakeFrontier(clock: Clock, provider: 'openai' | 'anthropic' = 'openai'): FakeFrontier {
  const fake: FakeFrontier = {
    provider,
    keyName: provider === 'openai' ? 'OPENAI_API_KEY' : 'ANTHROPIC_API_KEY',
    calls: [],
    takesMs: 2_000,
    fail: null,
    usage: { inputTokens: 500, outputTokens: 300 },
    async complete(request) {
      fake.calls.push(request);
      request.onToken?.('Use ');
      await clock.sleep(fake.takesMs);
      if (request.signal?.aborted) throw new FrontierError('aborted', provider, 'Cancelled.');
      if (fake.fail) throw fake.fail;
      request.onToken?.('a lock.');
      return {
        text: 'Use a lock around the cache write in `src/cache.ts`.',
        model: request.model,
        usage: fake.usage,
        stopReason: 'stop',
      };
    },
  };
  return fake;
}

export interface H {
  clock: VirtualClock;
  host: LedgerHost;
  workspace: MemoryWorkspace;
  broker: ApprovalBroker;
  core: Core;
  openai: FakeFrontier;
  keys: Map<string, string>;
  runUntil(predicate: () => boolean, what: string): Promise<void>;
  drive<T>(promise: Promise<T>): Promise<T>;
  restart(): Promise<void>;
}

export async function harness(
  frontier: Partial<FrontierOptions> = {},
  options: { keys?: Record<string, string>; approvalTimeoutMs?: number } = {},
): Promise<H> {
  const clock = new VirtualClock(new Date('2026-11-24T10:00:00').getTime());
  const clockPort: Clock = {
    now: () => clock.now(),
    sleep: (ms) => new Promise((resolve) => clock.setTimer(ms, () => resolve())),
  };
  const numCtx = (model: string) => Object.values(defaultRoles).find((r) => r.model === model)?.numCtx ?? 8192;
  const host = createLedgerHost(clockPort, Math.floor(48 * GiB * 0.9), numCtx);
  host.answer = (request) =>
    request.model === defaultRoles.planner.model ? blueprintAnswer() : `answer from ${request.model}`;
  const workspace = createMemoryWorkspace();
  const keys = new Map(Object.entries(options.keys ?? { OPENAI_API_KEY: openaiKey }));
  const openai = fakeFrontier(clockPort);
  const build = () => {
    const broker = createApprovalBroker(clockPort.now);
    const ports: Ports = {
      modelHost: host,
      frontier: [openai],
      workspace,
      memory: {
        read: async () => ({
          totalBytes: 64 * GiB,
          freeBytes: 32 * GiB,
          budgetBytes: 48 * GiB,
          pressure: 'normal',
          swapUsedBytes: 0,
        }),
      },
      approvals: broker,
      clock: clockPort,
      secrets: {
        get: async (n) => keys.get(n) ?? null,
        set: async (n, v) => void keys.set(n, v),
        has: async (n) => keys.has(n),
      },
    };
    const core = createCore(ports, {
      profile: m4pro,
      route: keywordRoute,
      orchestrator: { approvalTimeoutMs: options.approvalTimeoutMs ?? 10 * 60_000 },
      frontier,
    });
    return { broker, core };
  };
  let built = build();
  const h: H = {
    clock,
    host,
    workspace,
    get broker() {
      return built.broker;
    },
    get core() {
      return built.core;
    },
    openai,
    keys,
    async runUntil(predicate, what) {
      for (let idle = 0; ;) {
        if (predicate()) return;
        await new Promise((resolve) => setImmediate(resolve));
        if (predicate()) return;
        if (clock.nextDue() !== null) {
          idle = 0;
          await clock.step();
        } else if (++idle > 50) throw new Error(`Stuck waiting for: ${what}`);
      }
    },
    async drive(promise) {
      let settled = false;
      const watched = promise.finally(() => {
        settled = true;
      });
      watched.catch(() => undefined);
      await h.runUntil(() => settled, 'a call');
      return watched;
    },
    async restart() {
      built = build();
      await h.drive(built.core.start());
    },
  };
  for (const role of ['router', 'coder', 'reviewer'] as const)
    await h.drive(host.load(defaultRoles[role].model, { numCtx: defaultRoles[role].numCtx }));
  await h.drive(h.core.start());
  return h;
}

export const task = (h: H, id: string) => h.core.orchestrator.get(id);
export const pendingFrontier = (h: H) => h.broker.pending().filter((a) => a.kind === 'frontier');
export const submit = (h: H, text: string, failedAttempts = 0) =>
  h.drive(h.core.orchestrator.submit({ text, failedAttempts }));

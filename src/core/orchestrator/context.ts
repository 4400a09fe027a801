import type { Role } from '../../../shared/domain';
import type { EngineMessage } from '../../../shared/engine-message';
import type { MemoryPlan } from '../../../shared/memory/plan';
import type { RolesConfig } from '../../../shared/roles';
import type { Task } from '../../../shared/tasks';
import { Emitter } from '../events/emitter';
import type { Journal } from '../journal/journal';
import type { LoadedModel, Ports } from '../ports';
import type { SnapshotStore } from '../snapshot/snapshot';
import { apply, type CoreRecord, type CoreState } from '../state';
import type { Conversation } from './conversation';
import type { OrchestratorOptions } from './policy';

export interface CoreEvents extends Record<string, unknown> {
  /** Something in the state changed; `taskId` names the task when a task record did it. */
  changed: { reason: string; taskId?: string };
  /** Streamed answer text; `frontier` for a frontier model's answer. */
  token: { taskId: string; role: Role | 'frontier'; text: string };
  'swap.progress': { swapId: string; bytesExpected: number; elapsedMs: number; estimatedRemainingMs: number | null };
  /** Something to tell the user, as data: each host renders `said` in its language (shared/engine-message.ts). */
  notice: { level: 'info' | 'warn' | 'error'; said: EngineMessage; taskId?: string; swapId?: string };
}

/** A broken promise of the protocol. Thrown, never worked around: it means a bug to fix. */
export class InvariantError extends Error {
  constructor(message: string) {
    super(`Invariant broken: ${message}`);
    this.name = 'InvariantError';
  }
}

export interface CompactInput {
  entries: ReadonlyArray<{ speaker: string; text: string; taskId: string }>;
  lastRequirement: string;
  lastError: string | null;
}

/** Where the core's own diagnostics go (a listener that threw, a record it could not write). */
export interface CoreLog {
  error(message: string, error?: unknown): void;
}

/** Everything a Context is built from; nothing is set on it afterwards. */
export interface ContextParts {
  ports: Ports;
  roles: RolesConfig;
  plan: MemoryPlan;
  options: OrchestratorOptions;
  state: CoreState;
  journal: Journal;
  snapshots: SnapshotStore;
  conversation: Conversation;
  compact: (input: CompactInput) => string;
  log: CoreLog;
  /** Growth of swap use lately (the host's memory monitor; 0 when none runs). */
  swapGrowthBytes: () => number;
  /** Queues the Coder's next step after a blueprint (the orchestrator's, reached through the wiring). */
  followUp: (origin: Task, instruction: string) => Promise<void>;
}

/** What the model host said last time it was asked what is loaded (after every load and unload). */
export interface HostReading {
  at: number;
  reachable: boolean;
  error: string | null;
  models: readonly LoadedModel[];
}

/** The runtime every part of the orchestrator shares. */
export class Context {
  readonly events: Emitter<CoreEvents>;
  readonly ports: Ports;
  readonly roles: RolesConfig;
  readonly plan: MemoryPlan;
  readonly options: OrchestratorOptions;
  readonly state: CoreState;
  readonly journal: Journal;
  readonly snapshots: SnapshotStore;
  readonly conversation: Conversation;
  readonly compact: (input: CompactInput) => string;
  readonly log: CoreLog;
  readonly swapGrowthBytes: () => number;
  readonly followUp: (origin: Task, instruction: string) => Promise<void>;
  /** Model names /api/ps lists, refreshed after every load and unload. */
  private loadedNames = new Set<string>();
  private lastReading: HostReading | null = null;
  private idCounter = 0;
  /**
   * Loads this run has seen, per model: how many, and the last one's duration. A model loaded
   * before is likely still in the page cache (a warm load); the first load of the day is cold.
   */
  readonly loadHistory = new Map<string, { count: number; lastMs: number; lastAt: number }>();
  /** Router-model judgments in flight; a swap that unloads the Router drains them first. */
  judging = 0;
  /** Aborts for running local work, so a cancel stops the stream instead of waiting for it. */
  readonly running = new Map<string, AbortController>();

  constructor(parts: ContextParts) {
    this.ports = parts.ports;
    this.roles = parts.roles;
    this.plan = parts.plan;
    this.options = parts.options;
    this.state = parts.state;
    this.journal = parts.journal;
    this.snapshots = parts.snapshots;
    this.conversation = parts.conversation;
    this.compact = parts.compact;
    this.log = parts.log;
    this.swapGrowthBytes = parts.swapGrowthBytes;
    this.followUp = parts.followUp;
    // A listener that throws must not break the core or the other listeners, and is not hidden.
    this.events = new Emitter<CoreEvents>((event, error) =>
      parts.log.error(`A listener of the core's "${String(event)}" event failed`, error),
    );
  }

  /** Journal first, then change the state: what is on disk is never behind what we act on. */
  async commit(record: CoreRecord): Promise<void> {
    await this.journal.append(record.type, record.data);
    apply(this.state, record);
    const taskId =
      record.type === 'task.created'
        ? record.data.task.id
        : record.type === 'task.updated' || record.type === 'task.stage'
          ? record.data.id
          : undefined;
    this.events.emit('changed', taskId === undefined ? { reason: record.type } : { reason: record.type, taskId });
  }

  updateTask(id: string, patch: Partial<Omit<Task, 'id'>>): Promise<void> {
    return this.commit({ type: 'task.updated', data: { id, patch: { ...patch, updatedAt: this.ports.clock.now() } } });
  }

  async lock(role: Role, taskId: string): Promise<void> {
    const agent = this.state.agents[role];
    if (agent.lock === 'BUSY')
      throw new InvariantError(`${role} is BUSY with ${agent.taskId} and cannot take ${taskId}.`);
    await this.commit({ type: 'agent.lock', data: { role, lock: 'BUSY', taskId } });
  }

  async unlock(role: Role): Promise<void> {
    await this.commit({ type: 'agent.lock', data: { role, lock: 'IDLE', taskId: null } });
  }

  newId(prefix: string): string {
    this.idCounter += 1;
    return `${prefix}-${this.ports.clock.now().toString(36)}-${this.idCounter.toString(36)}`;
  }

  /**
   * An id nobody can guess (128 random bits): approvals are answered by id, and a predictable one
   * (time + counter) would let anything that can reach the host answer an approval it never saw.
   */
  newSecretId(prefix: string): string {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
  }

  model(role: Role): string {
    return this.roles[role].model;
  }

  /** Asks the model host what is loaded; the answer (or its failure) is what state reads show. */
  async refreshLoaded(): Promise<void> {
    const at = this.ports.clock.now();
    try {
      const models = await this.ports.modelHost.listLoaded();
      this.loadedNames = new Set(models.map((m) => m.name));
      this.lastReading = { at, reachable: true, error: null, models };
    } catch (error) {
      this.lastReading = {
        at,
        reachable: false,
        error: error instanceof Error ? error.message : String(error),
        models: this.lastReading?.models ?? [],
      };
      throw error;
    }
  }

  /** The last answer of the model host, without asking it again (null before the first). */
  hostReading(): HostReading | null {
    return this.lastReading;
  }

  isLoaded(role: Role): boolean {
    return this.loadedNames.has(this.model(role));
  }

  async ensureLoaded(role: Role): Promise<void> {
    if (this.isLoaded(role)) return;
    // Outside a swap the Planner has no business in memory (a failed swap may have left it):
    // it goes before a resident comes back, or both would not fit.
    if (role !== 'planner' && !this.state.swap) {
      await this.refreshLoaded();
      if (this.isLoaded('planner')) await this.unloadIfLoaded('planner');
      if (this.isLoaded(role)) return;
    }
    const { numCtx } = this.roles[role];
    const started = this.ports.clock.now();
    await this.ports.modelHost.load(this.model(role), { numCtx, keepAlive: this.roles[role].resident ? -1 : '5m' });
    this.recordLoad(this.model(role), started);
    await this.refreshLoaded();
  }

  recordLoad(model: string, startedAt: number): void {
    const now = this.ports.clock.now();
    const seen = this.loadHistory.get(model);
    this.loadHistory.set(model, { count: (seen?.count ?? 0) + 1, lastMs: now - startedAt, lastAt: now });
  }

  /**
   * The only way the core unloads a model. Rule 1 is checked here, in code: a BUSY model is
   * never unloaded, whatever the caller believed.
   */
  async unloadIfLoaded(role: Role): Promise<void> {
    if (this.state.agents[role].lock === 'BUSY') {
      throw new InvariantError(
        `${role} (${this.model(role)}) is BUSY with ${this.state.agents[role].taskId}: it must not be unloaded.`,
      );
    }
    await this.refreshLoaded();
    if (!this.isLoaded(role)) return;
    await this.ports.modelHost.unload(this.model(role), { timeoutMs: this.options.unloadTimeoutMs });
    await this.refreshLoaded();
  }

  tasksWhere(predicate: (task: Task) => boolean): Task[] {
    return [...this.state.tasks.values()]
      .filter(predicate)
      .sort((a, b) => b.priority - a.priority || a.createdAt - b.createdAt);
  }
}

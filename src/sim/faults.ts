import { z } from 'zod';
import { sameModelName } from '../../shared/ollama-name';

/**
 * Failures the simulator can be told to produce, for tests of everything that talks to Ollama.
 * `model` limits a fault to one model; `times` to that many occurrences (default: until cleared).
 */
const scoped = { model: z.string().min(1).optional(), times: z.number().int().positive().optional() };

export const faultSchema = z.discriminatedUnion('kind', [
  /** Every generate/chat answers 503 "server busy", as when OLLAMA_MAX_QUEUE is exceeded. */
  z.object({ kind: z.literal('busy'), ...scoped }),
  /** The runner dies while loading: 500 after the load time. */
  z.object({ kind: z.literal('load-failure'), message: z.string().optional(), ...scoped }),
  /**
   * llama-server runs out of memory early in the load (llama-server's "failed to allocate" text).
   * As in Ollama, the scheduler retries once: at a lower automatic context, and after evicting
   * every other model; `times: 1` lets that retry succeed.
   */
  z.object({ kind: z.literal('out-of-memory'), ...scoped }),
  /** Loads take `factor` times longer (still making progress, so no load timeout). */
  z.object({ kind: z.literal('slow-load'), factor: z.number().positive(), ...scoped }),
  /**
   * The load stops making progress at `afterFraction` of its time (default 0.5): Ollama fails it
   * OLLAMA_LOAD_TIMEOUT later with "timed out waiting for llama-server to start".
   */
  z.object({
    kind: z.literal('stalled-load'),
    afterFraction: z.number().min(0).max(1).optional(),
    ...scoped,
  }),
  /** A 200 stream that breaks with an {"error": …} line after `afterTokens` tokens. */
  z.object({
    kind: z.literal('stream-error'),
    afterTokens: z.number().int().min(0).optional(),
    message: z.string().optional(),
    ...scoped,
  }),
  /**
   * An unload that never happens: a request that never ends holds the model, so expiring it waits
   * forever (sched.go's expiredCh loop); the model stays in /api/ps, whole, with its memory.
   */
  z.object({ kind: z.literal('stuck-unload'), ...scoped }),
  /** generate/chat answer with this status and {"error": message} before doing anything. */
  z.object({
    kind: z.literal('http-error'),
    status: z.number().int().min(400).max(599).optional(),
    message: z.string().optional(),
    ...scoped,
  }),
  /** Other programs hold this much of the GPU budget (until cleared). */
  z.object({ kind: z.literal('memory-pressure'), bytes: z.number().int().min(0) }),
  /** The server stops accepting connections (refused), for `forMs` simulated ms or until `up()`. */
  z.object({ kind: z.literal('down'), forMs: z.number().positive().optional() }),
]);

export type Fault = z.infer<typeof faultSchema>;
export type FaultKind = Fault['kind'];
type FaultOf<K extends FaultKind> = Extract<Fault, { kind: K }>;

interface Entry {
  id: number;
  fault: Fault;
  remaining: number;
}

export interface ServerControl {
  down(forMs?: number): Promise<void>;
  up(): Promise<void>;
}

export class Faults {
  private entries: Entry[] = [];
  private nextId = 1;
  private control: ServerControl | null = null;

  /** Adds a fault; returns its id for `clear`. A `down` fault takes the server down at once. */
  inject(fault: Fault): number {
    const parsed = faultSchema.parse(fault);
    const id = this.nextId++;
    if (parsed.kind === 'down') {
      if (!this.control) throw new Error('The simulator is not serving HTTP: nothing to take down.');
      this.control.down(parsed.forMs).catch(() => undefined);
      return id;
    }
    const times = 'times' in parsed ? parsed.times : undefined;
    this.entries.push({ id, fault: parsed, remaining: times ?? Number.POSITIVE_INFINITY });
    return id;
  }

  /** Removes one fault, or all of them. */
  clear(id?: number): void {
    this.entries = id === undefined ? [] : this.entries.filter((e) => e.id !== id);
  }

  list(): Array<Fault & { id: number; remaining: number | null }> {
    return this.entries.map((e) => ({
      ...e.fault,
      id: e.id,
      remaining: Number.isFinite(e.remaining) ? e.remaining : null,
    }));
  }

  /** Uses up one occurrence of the first active fault of this kind that applies to `model`. */
  take<K extends FaultKind>(kind: K, model?: string): FaultOf<K> | undefined {
    const entry = this.entries.find((e) => e.fault.kind === kind && applies(e.fault, model));
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.entries = this.entries.filter((e) => e !== entry);
    return entry.fault as FaultOf<K>;
  }

  /** Bytes of the budget other programs hold. */
  reservedBytes(): number {
    return this.entries.reduce((sum, e) => sum + (e.fault.kind === 'memory-pressure' ? e.fault.bytes : 0), 0);
  }

  /** Connections are refused until `up()` (or for `forMs` simulated ms). */
  async down(forMs?: number): Promise<void> {
    if (!this.control) throw new Error('The simulator is not serving HTTP: nothing to take down.');
    await this.control.down(forMs);
  }

  async up(): Promise<void> {
    if (!this.control) throw new Error('The simulator is not serving HTTP: nothing to bring up.');
    await this.control.up();
  }

  /** The HTTP server registers how to stop and restart listening. */
  attach(control: ServerControl): void {
    this.control = control;
  }
}

function applies(fault: Fault, model: string | undefined): boolean {
  if (!('model' in fault) || fault.model === undefined) return true;
  return model !== undefined && sameModelName(fault.model, model);
}

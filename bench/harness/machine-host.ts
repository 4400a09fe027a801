import { blueprintSchema, type Blueprint } from '../../shared/blueprint';
import {
  ModelHostError,
  type ChatRequest,
  type ChatResult,
  type LoadedModel,
  type ModelHost,
  type RunOptions,
} from '../../src/core/index';
import type { VirtualClock } from '../../src/sim/clock';
import { parseKeepAlive } from '../../src/sim/keep-alive';
import type { Machine } from '../../src/sim/machine';
import { findInstalled, type InstalledModel } from '../../src/sim/models';

/** Text that names a trace request: the harness finds it again in the prompt. */
export const benchTag = (id: string) => `bench:${id}`;
// A task's prompt is its tag alone (local work) or ends with "Request:\n<tag>" (the planner's);
// other prompts (the Router's summary of the context) may quote tags but are not trace work.
const tagPattern = /^(?:[\s\S]*\nRequest:\n)?bench:(\S+)\s*$/;

export interface WorkRecord {
  startedAt: number;
  endedAt: number | null;
  model: string;
}

const plannerBlueprint: Blueprint = {
  title: 'Benchmark design',
  design: 'Design produced by the simulated planner.',
  actionItems: [1, 2, 3, 4, 5].map((n) => ({ title: `Item ${n}`, detail: `Do item ${n}.`, files: [] })),
};

/**
 * A ModelHost straight on the simulator's machine (no HTTP), on virtual time: the benchmark
 * replays a day in a second. A chat "works" for the trace's workMs and records when it ran.
 */
export class MachineHost implements ModelHost {
  readonly work = new Map<string, WorkRecord>();
  busyUnloads = 0;
  /** When the last chat of any kind ended (trace work, a review, a summary): the day is over then. */
  lastChatEndedAt = 0;

  constructor(
    private readonly machine: Machine,
    private readonly models: readonly InstalledModel[],
    private readonly clock: VirtualClock,
    private readonly workMs: (id: string) => number,
  ) {}

  private installed(name: string): InstalledModel {
    const model = findInstalled(this.models, name);
    if (!model) throw new ModelHostError('not_found', `Model ${name} is not installed.`, { model: name });
    return model;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.clock.setTimer(ms, resolve));
  }

  private keepAliveMs(value: RunOptions['keepAlive']): number | undefined {
    return value === undefined ? undefined : parseKeepAlive(value);
  }

  async version() {
    return '0.0.0';
  }

  async listInstalled() {
    return [];
  }

  async listLoaded(): Promise<LoadedModel[]> {
    return this.machine
      .runnersList()
      .filter((r) => r.state !== 'loading')
      .map((r) => ({ name: r.name, sizeBytes: r.sizeBytes, expiresAt: null }));
  }

  async show(model: string) {
    return {
      name: model,
      architecture: this.installed(model).spec.architecture,
      blockCount: null,
      embeddingLength: null,
      headCount: null,
      headCountKv: null,
      contextLength: null,
      parameterCount: null,
      vocabSize: null,
    };
  }

  async load(model: string, options: RunOptions) {
    const started = this.clock.now();
    const lease = await this.machine.acquire({
      model: this.installed(model),
      numCtx: options.numCtx,
      keepAliveMs: this.keepAliveMs(options.keepAlive),
    });
    lease.release();
    return { model, loadDurationMs: this.clock.now() - started, totalDurationMs: this.clock.now() - started };
  }

  async unload(model: string): Promise<void> {
    const runner = this.machine.runner(model);
    if (!runner) return;
    if (runner.refCount > 0) this.busyUnloads += 1;
    const gone = new Promise<void>((resolve) => {
      const off = this.machine.onEvent((event) => {
        if (event.model === model && (event.type === 'unload-end' || event.type === 'load-failed')) {
          off();
          resolve();
        }
      });
    });
    this.machine.expireNow(model);
    await gone;
  }

  /**
   * How long a chat that is not trace work takes (a review, the Router's summary for a snapshot):
   * its prompt read at the model's prompt speed plus its answer at the model's decoding speed
   * (src/sim/models.ts). A prompt that quotes trace work is at least as long as what that work
   * wrote: the trace's work time at the working model's decoding speed. The answer is taken as
   * 200 tokens (a verdict, a summary of at most 150 words).
   */
  private modelledMs(request: ChatRequest): number {
    const text = request.messages.map((m) => m.content).join('\n');
    let promptTokens = Math.ceil(text.length / 4);
    const quoted = /bench:(\S+)/.exec(text)?.[1];
    const work = quoted ? this.work.get(quoted) : undefined;
    if (quoted && work) {
      const written = (this.workMs(quoted) / 1000) * this.installed(work.model).speed.generate;
      promptTokens = Math.max(promptTokens, Math.ceil(written));
    }
    const speed = this.installed(request.model).speed;
    const answerTokens = 200;
    return Math.round((promptTokens / speed.prompt + answerTokens / speed.generate) * 1000);
  }

  async chat(request: ChatRequest): Promise<ChatResult> {
    const id = tagPattern.exec(request.messages.at(-1)?.content ?? '')?.[1] ?? null;
    const lease = await this.machine.acquire({
      model: this.installed(request.model),
      numCtx: request.options.numCtx,
      keepAliveMs: this.keepAliveMs(request.options.keepAlive),
    });
    const releaseSlot = await lease.slot();
    const record: WorkRecord = { startedAt: this.clock.now(), endedAt: null, model: request.model };
    if (id) this.work.set(id, record);
    try {
      // A cancelled request stops generating at once, as Ollama does when the client goes away.
      await new Promise<void>((resolve, reject) => {
        if (request.signal?.aborted)
          return reject(new ModelHostError('aborted', `The request to ${request.model} was cancelled.`));
        request.signal?.addEventListener(
          'abort',
          () => reject(new ModelHostError('aborted', `The request to ${request.model} was cancelled.`)),
          { once: true },
        );
        void this.sleep(id ? this.workMs(id) : this.modelledMs(request)).then(resolve);
      });
    } finally {
      releaseSlot();
      lease.release();
    }
    record.endedAt = this.clock.now();
    this.lastChatEndedAt = Math.max(this.lastChatEndedAt, record.endedAt);
    const content = request.format ? JSON.stringify(blueprintSchema.parse(plannerBlueprint)) : 'done';
    return { content, doneReason: 'stop', promptTokens: 0, outputTokens: 0, totalDurationMs: 0, loadDurationMs: 0 };
  }
}

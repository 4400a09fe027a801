import { findSpec, estimateModel } from '../../shared/memory/index';
import { ModelHostError } from '../../src/core/model-host-error';
import type { ChatRequest, ChatResult, Clock, LoadedModel, ModelHost } from '../../src/core/ports';

/**
 * An in-process model host on virtual time that keeps a memory ledger and watches the
 * protocol's invariants from the outside: it knows which models are mid-generation, what is
 * loaded, and how much memory that takes. Faults can be switched on per test.
 */
export interface LedgerHost extends ModelHost {
  loaded: Map<string, number>;
  inFlight: Map<string, number>;
  violations: string[];
  bytesLoaded: number;
  unloads: string[];
  loads: string[];
  down: boolean;
  failLoads: Set<string>;
  /** Called before an unload is carried out, so a test can check its preconditions. */
  beforeUnload?: (model: string) => void;
  beforeLoad?: (model: string) => void;
  /** Called as a chat starts (before the model answers), so a test can check who may be asked when. */
  beforeChat?: (request: ChatRequest) => void;
  answer: (request: ChatRequest) => string;
  chatMs: (request: ChatRequest) => number;
}

export function createLedgerHost(clock: Clock, budgetBytes: number, numCtx: (model: string) => number): LedgerHost {
  const sizeOf = (model: string) => {
    const spec = findSpec(model);
    if (!spec) throw new ModelHostError('not_found', `Model ${model} is not installed.`, { model });
    return estimateModel(spec, { numCtx: numCtx(model) });
  };
  const guard = () => {
    if (host.down)
      throw new ModelHostError(
        'unreachable',
        'Ollama is not running at http://127.0.0.1:11434 — start it with `ollama serve` or set OLLAMA_HOST.',
      );
  };
  const host: LedgerHost = {
    loaded: new Map(),
    inFlight: new Map(),
    violations: [],
    bytesLoaded: 0,
    unloads: [],
    loads: [],
    down: false,
    failLoads: new Set(),
    answer: () => 'ok',
    chatMs: () => 1000,
    async version() {
      guard();
      return '0.12.6';
    },
    async listInstalled() {
      guard();
      return [];
    },
    async listLoaded(): Promise<LoadedModel[]> {
      guard();
      return [...host.loaded].map(([name, sizeBytes]) => ({ name, sizeBytes, expiresAt: null }));
    },
    async show(model) {
      guard();
      return {
        name: model,
        architecture: 'qwen2',
        blockCount: null,
        embeddingLength: null,
        headCount: null,
        headCountKv: null,
        contextLength: null,
        parameterCount: null,
        vocabSize: null,
      };
    },
    async load(model) {
      guard();
      host.beforeLoad?.(model);
      if (host.loaded.has(model)) return { model, loadDurationMs: 0, totalDurationMs: 0 };
      if (host.failLoads.has(model))
        throw new ModelHostError(
          'server_error',
          `Ollama failed on ${model} (HTTP 500): llama runner process has terminated`,
          { model },
        );
      const estimate = sizeOf(model);
      const used = [...host.loaded.values()].reduce((a, b) => a + b, 0);
      if (used + estimate.totalBytes > budgetBytes)
        host.violations.push(
          `over budget: loading ${model} (${estimate.totalBytes}) on top of ${used} > ${budgetBytes} [${[...host.loaded.keys()].join(', ')}]`,
        );
      const ms = Math.round((estimate.weightsBytes / 4e9) * 1000);
      await clock.sleep(ms);
      guard();
      host.loaded.set(model, estimate.totalBytes);
      host.bytesLoaded += estimate.weightsBytes;
      host.loads.push(model);
      return { model, loadDurationMs: ms, totalDurationMs: ms };
    },
    async unload(model) {
      guard();
      host.beforeUnload?.(model);
      if ((host.inFlight.get(model) ?? 0) > 0) host.violations.push(`unloaded ${model} while it was generating`);
      await clock.sleep(200);
      host.loaded.delete(model);
      host.unloads.push(model);
    },
    async chat(request: ChatRequest): Promise<ChatResult> {
      guard();
      host.beforeChat?.(request);
      if (!host.loaded.has(request.model)) {
        // Ollama would load it on demand; the core should have loaded it first.
        host.violations.push(`chat with ${request.model} while it was not loaded`);
      }
      host.inFlight.set(request.model, (host.inFlight.get(request.model) ?? 0) + 1);
      try {
        const ms = host.chatMs(request);
        await new Promise<void>((resolve, reject) => {
          if (request.signal?.aborted) return reject(new ModelHostError('aborted', 'The request was cancelled.'));
          void clock.sleep(ms).then(resolve);
          request.signal?.addEventListener(
            'abort',
            () => reject(new ModelHostError('aborted', 'The request was cancelled.')),
            { once: true },
          );
        });
        guard();
        const content = host.answer(request);
        request.onToken?.(content);
        return {
          content,
          doneReason: 'stop',
          promptTokens: 10,
          outputTokens: 10,
          totalDurationMs: ms,
          loadDurationMs: 0,
        };
      } finally {
        host.inFlight.set(request.model, (host.inFlight.get(request.model) ?? 1) - 1);
      }
    },
  };
  return host;
}

import { Ollama } from 'ollama';
import {
  ModelHostError,
  type ChatRequest,
  type ChatResult,
  type InstalledModel,
  type LoadedModel,
  type LoadProgress,
  type LoadResult,
  type ModelDetails,
  type ModelHost,
  type RunOptions,
} from '../../core/index';
import { sameModelName } from '../../../shared/ollama-name';
import { toModelHostError } from './errors';
import { psKey, watchedLoad } from './load';
import { createLongFetch } from './long-fetch';
import { isSupportedVersion, minimumOllamaVersion } from './version';

export interface OllamaHostOptions {
  url: string;
  fetch?: typeof fetch;
  /** How often to look at /api/ps while waiting for an unload to free memory. */
  unloadPollMs?: number;
  unloadTimeoutMs?: number;
  /** How often load progress is reported. */
  progressIntervalMs?: number;
  /** Load speed to assume before one has been measured (bytes/s); null: no estimate until then. */
  assumedLoadBytesPerSec?: number | null;
  /** How often /api/ps is read during a load, to time the load itself and see it progress. */
  loadWatchMs?: number;
  /**
   * A load during which nothing changes in /api/ps for this long (or three times its expected
   * time, if longer) is stalled: it is cancelled with a `timeout` error. Default 5.5 min, past
   * Ollama's own OLLAMA_LOAD_TIMEOUT (5 min), whose verdict should normally come first; null: never.
   */
  loadStallTimeoutMs?: number | null;
}

/** Ollama's OLLAMA_LOAD_TIMEOUT default, and half a minute more. */
const defaultLoadStallTimeoutMs = 5.5 * 60_000;

const nsToMs = (ns: number | undefined) => Math.round((ns ?? 0) / 1e6);

/** ModelHost over a real Ollama, through the official client. */
export function createOllamaHost(options: OllamaHostOptions): ModelHost & { measuredLoadBytesPerSec(): number | null } {
  const { url } = options;
  const longFetch = options.fetch ?? createLongFetch();
  const client = new Ollama({ host: url, fetch: longFetch });
  /** Loads this host has in flight, by the name /api/ps will give the model. */
  const loading = new Map<string, Promise<unknown>>();
  const unloadPollMs = options.unloadPollMs ?? 250;
  const progressIntervalMs = options.progressIntervalMs ?? 500;
  let measuredSpeed: number | null = null;
  const assumedSpeed = options.assumedLoadBytesPerSec ?? null;

  async function guarded<T>(model: string | undefined, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toModelHostError(error, model === undefined ? { url } : { url, model });
    }
  }

  async function timedLoad(model: string, run: RunOptions, onProgress?: (p: LoadProgress) => void) {
    const speed = () => measuredSpeed ?? assumedSpeed;
    const bytesExpected =
      onProgress || speed()
        ? await host.listInstalled().then(
            (all) => all.find((m) => sameModelName(m.name, model))?.sizeBytes ?? 0,
            () => 0,
          )
        : 0;
    const started = Date.now();
    // Until /api/ps shows the queue moving, the load may have begun at once.
    let loadStartedAt = started;
    const expectedMs = () => {
      const s = speed();
      return s && bytesExpected ? (bytesExpected / s) * 1000 : null;
    };
    const report = () => {
      if (!onProgress) return;
      const expected = expectedMs();
      const estimatedRemainingMs = expected === null ? null : Math.max(0, expected - (Date.now() - loadStartedAt));
      onProgress({ model, bytesExpected, elapsedMs: Date.now() - started, estimatedRemainingMs });
    };
    report();
    const timer = onProgress ? setInterval(report, progressIntervalMs) : null;
    const stall = options.loadStallTimeoutMs === undefined ? defaultLoadStallTimeoutMs : options.loadStallTimeoutMs;
    const expected = expectedMs();
    try {
      const result = await guarded(model, () =>
        watchedLoad({
          url,
          fetch: longFetch,
          model,
          run,
          listLoaded: () => host.listLoaded(),
          watchMs: options.loadWatchMs ?? 250,
          stallMs: stall === null ? null : Math.max(stall, expected === null ? 0 : 3 * expected),
          onLoadStart: (at) => {
            loadStartedAt = at;
          },
        }),
      );
      // Only a real load (not "already loaded") tells us how fast this machine reads models, and
      // only the load itself, not the queue and evictions before it.
      if (result.loaded && bytesExpected > 0 && result.loadDurationMs > 50) {
        const measured = bytesExpected / (result.loadDurationMs / 1000);
        measuredSpeed = measuredSpeed === null ? measured : 0.7 * measuredSpeed + 0.3 * measured;
      }
      return { model, loadDurationMs: result.loadDurationMs, totalDurationMs: result.totalDurationMs };
    } finally {
      if (timer) clearInterval(timer);
      report();
    }
  }

  const host: ModelHost & { measuredLoadBytesPerSec(): number | null } = {
    measuredLoadBytesPerSec: () => measuredSpeed,

    async version() {
      const { version } = await guarded(undefined, () => client.version());
      if (!isSupportedVersion(version)) {
        throw new ModelHostError(
          'version_too_old',
          `Ollama ${version} at ${url} is too old: Frontier SOS needs ${minimumOllamaVersion} or newer for structured outputs. Update Ollama from ollama.com.`,
        );
      }
      return version;
    },

    async listInstalled(): Promise<InstalledModel[]> {
      const { models } = await guarded(undefined, () => client.list());
      return models.map((m) => ({
        name: m.name,
        sizeBytes: m.size,
        digest: m.digest,
        family: m.details?.family ?? '',
        parameterSize: m.details?.parameter_size ?? '',
        quantization: m.details?.quantization_level ?? '',
      }));
    },

    async listLoaded(): Promise<LoadedModel[]> {
      const { models } = await guarded(undefined, () => client.ps());
      return models.map((m) => {
        const loaded: LoadedModel = {
          name: m.name,
          sizeBytes: m.size,
          expiresAt: m.expires_at ? new Date(m.expires_at).toISOString() : null,
        };
        // Newer servers report the loaded context length; the npm type does not know it yet.
        const contextLength = (m as unknown as { context_length?: number }).context_length;
        if (typeof contextLength === 'number') loaded.contextLength = contextLength;
        return loaded;
      });
    },

    async show(model): Promise<ModelDetails> {
      const info = await guarded(model, () => client.show({ model }));
      const meta = (info.model_info ?? {}) as unknown as Record<string, unknown>;
      const architecture = String(meta['general.architecture'] ?? info.details?.family ?? '');
      const num = (key: string) => {
        const value = meta[`${architecture}.${key}`];
        return typeof value === 'number' ? value : null;
      };
      const parameterCount = meta['general.parameter_count'];
      return {
        name: model,
        architecture,
        blockCount: num('block_count'),
        embeddingLength: num('embedding_length'),
        headCount: num('attention.head_count'),
        headCountKv: num('attention.head_count_kv'),
        contextLength: num('context_length'),
        parameterCount: typeof parameterCount === 'number' ? parameterCount : null,
        vocabSize: num('vocab_size'),
      };
    },

    async load(model, run: RunOptions, onProgress?: (p: LoadProgress) => void): Promise<LoadResult> {
      const key = psKey(model);
      const work = timedLoad(model, run, onProgress);
      loading.set(key, work);
      try {
        return await work;
      } finally {
        if (loading.get(key) === work) loading.delete(key);
      }
    },

    async unload(model, opts = {}) {
      const timeoutMs = opts.timeoutMs ?? options.unloadTimeoutMs ?? 30_000;
      // A model still loading is not in /api/ps and keep_alive 0 cannot reach it (sched.go
      // expireRunner looks only at loaded runners): a load of ours in flight is waited out first,
      // or the model would appear, loaded, after we had declared it gone.
      await loading.get(psKey(model))?.catch(() => undefined);
      await guarded(model, () => client.generate({ model, prompt: '', stream: false, keep_alive: 0 }));
      // The answer comes before the memory is free: only /api/ps says when it is, under the name
      // Ollama gives the model (Qwen2.5:7B is listed as qwen2.5:7b).
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const loaded = await host.listLoaded();
        if (!loaded.some((m) => sameModelName(m.name, model))) return;
        if (Date.now() >= deadline) {
          throw new ModelHostError(
            'unload_timeout',
            `${model} is still loaded ${(timeoutMs / 1000).toFixed(timeoutMs < 10_000 ? 1 : 0)} s after Ollama was asked to unload it, so its memory is not free. Check \`ollama ps\`; restarting Ollama frees it.`,
            { model },
          );
        }
        await new Promise((resolve) => setTimeout(resolve, unloadPollMs));
      }
    },

    async chat(request: ChatRequest): Promise<ChatResult> {
      const { model, signal } = request;
      if (signal?.aborted)
        throw new ModelHostError('aborted', `The request to ${model} was cancelled before it started.`, { model });
      return guarded(model, async () => {
        const stream = await client.chat({
          model,
          messages: request.messages,
          stream: true,
          keep_alive: request.options.keepAlive ?? -1,
          options: {
            num_ctx: request.options.numCtx,
            ...(request.options.temperature === undefined ? {} : { temperature: request.options.temperature }),
          },
          ...(request.format === undefined ? {} : { format: request.format }),
        });
        const onAbort = () => stream.abort();
        signal?.addEventListener('abort', onAbort, { once: true });
        let content = '';
        try {
          for await (const part of stream) {
            // Lines already received still come out of the client after an abort: stop here.
            if (signal?.aborted)
              throw new ModelHostError('aborted', `The request to ${model} was cancelled.`, { model });
            const piece = part.message?.content ?? '';
            if (piece) {
              content += piece;
              request.onToken?.(piece);
            }
            if (part.done) {
              return {
                content,
                doneReason: part.done_reason ?? null,
                promptTokens: part.prompt_eval_count ?? 0,
                outputTokens: part.eval_count ?? 0,
                totalDurationMs: nsToMs(part.total_duration),
                loadDurationMs: nsToMs(part.load_duration),
              };
            }
          }
          throw new ModelHostError('stream_error', `Ollama's answer from ${model} ended before it was done.`, {
            model,
          });
        } finally {
          signal?.removeEventListener('abort', onAbort);
        }
      });
    },
  };
  return host;
}

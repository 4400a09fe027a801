import type { ModelSpec } from './catalogue';
import { computeBytes, kvCacheBytes, type KvCacheType } from './llama-cpp';
import { automaticBatch, effectiveContext, generationBatchSurcharge, predictServerVram } from './ollama-sched';

/**
 * How Ollama will run a model: these change its memory, and a change forces a reload. The
 * defaults are Ollama 0.32's on Apple silicon (docs/ollama.md, "Memory prediction").
 */
export interface RunOptions {
  numCtx: number;
  /** `OLLAMA_NUM_PARALLEL` (default 1): each sequence gets its own context of KV cells. */
  numParallel?: number;
  /** `num_batch`, passed as `-b` and `-ub`; left out, Ollama's automatic batch for the context. */
  numBatch?: number;
  /** `OLLAMA_KV_CACHE_TYPE`: f16 (default), q8_0 or q4_0. */
  kvCacheType?: KvCacheType;
  /** Ollama passes `--flash-attn auto` on Metal, and llama.cpp turns it on there (default true). */
  flashAttention?: boolean;
  /** Memory free for the load: Ollama lowers its automatic batch when the prediction comes close to it. */
  availableBytes?: number;
}

export interface MemoryEstimate {
  weightsBytes: number;
  kvBytes: number;
  /** llama-server's compute buffers (device and host) and its output buffer. */
  graphBytes: number;
  /** What llama-server allocates, and what /api/ps will report: weights + KV + compute. */
  totalBytes: number;
  /** The batch (and micro-batch) llama-server runs with. */
  numBatch: number;
  /**
   * Ollama's own prediction, which decides its 80% rule beside loaded models: `PredictServerVRAM`
   * plus the batch surcharge (server/sched.go `load`, v0.32.15). Not the memory the model takes.
   */
  ollamaPredictedBytes: number;
}

/** The KV cache llama-server allocates for these options (see kvCacheBytes). */
export function kvBytes(spec: ModelSpec, options: RunOptions): number {
  const parallel = options.numParallel ?? 1;
  return kvCacheBytes(spec, effectiveContext(spec, options.numCtx, parallel), parallel, options.kvCacheType ?? 'f16');
}

/** Ollama's batch for these options: the one asked for, else its automatic choice. */
function batchFor(spec: ModelSpec, options: RunOptions): number {
  if (options.numBatch) return options.numBatch;
  const cells = effectiveContext(spec, options.numCtx, options.numParallel ?? 1);
  return automaticBatch(cells, predictServerVram(spec, cells), options.availableBytes);
}

/** The compute and output buffers llama-server reserves for these options (see computeBytes). */
export function graphBytes(spec: ModelSpec, options: RunOptions): number {
  const parallel = options.numParallel ?? 1;
  return computeBytes(spec, {
    cells: effectiveContext(spec, options.numCtx, parallel),
    ubatch: batchFor(spec, options),
    flashAttention: options.flashAttention ?? true,
    parallel,
  });
}

export function estimateModel(spec: ModelSpec, options: RunOptions): MemoryEstimate {
  const numBatch = batchFor(spec, options);
  const withBatch = { ...options, numBatch };
  const kv = kvBytes(spec, withBatch);
  const graph = graphBytes(spec, withBatch);
  const cells = effectiveContext(spec, options.numCtx, options.numParallel ?? 1);
  return {
    weightsBytes: spec.weightsBytes,
    kvBytes: kv,
    graphBytes: graph,
    totalBytes: spec.weightsBytes + kv + graph,
    numBatch,
    ollamaPredictedBytes: predictServerVram(spec, cells) + generationBatchSurcharge(numBatch),
  };
}

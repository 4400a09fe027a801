import type { ModelSpec } from './catalogue';

/** How Ollama will run a model: these change its memory, and a change forces a reload. */
export interface RunOptions {
  numCtx: number;
  numParallel?: number;
  /** Ollama's `num_batch` (default 512): the compute graph scales with it. */
  numBatch?: number;
  /** `OLLAMA_KV_CACHE_TYPE`: f16 (default), q8_0 or q4_0. */
  kvCacheType?: 'f16' | 'q8_0' | 'q4_0';
}

export interface MemoryEstimate {
  weightsBytes: number;
  kvBytes: number;
  graphBytes: number;
  totalBytes: number;
}

const kvBytesPerElement = { f16: 2, q8_0: 1, q4_0: 0.5 } as const;

/**
 * KV cache = 2 (K and V) × attention layers × context × KV heads × head dim × bytes per element,
 * × parallel sequences (each gets its own context); recurrent layers hold a fixed state instead.
 * This is Ollama's own estimate (fs/ggml GraphSize); its logged `memory.required.kv` matches it.
 */
export function kvBytes(spec: ModelSpec, options: RunOptions): number {
  const parallel = options.numParallel ?? 1;
  const headDim = spec.embeddingLength / spec.headCount;
  const attentionLayers = spec.attentionLayers ?? spec.blockCount;
  const perElement = kvBytesPerElement[options.kvCacheType ?? 'f16'];
  const attention = 2 * attentionLayers * options.numCtx * parallel * spec.headCountKv * headDim * perElement;
  return Math.round(attention + (spec.recurrentStateBytes ?? 0) * parallel);
}

/**
 * The compute-graph buffer for a model fully in GPU memory, with Ollama's per-architecture
 * formulas (fs/ggml GraphSize, "fullOffload"): it grows with context × heads, so at long
 * contexts it is far from the "few hundred MB" it is at short ones.
 */
export function graphBytes(spec: ModelSpec, options: RunOptions): number {
  const batch = options.numBatch ?? 512;
  const context = options.numCtx * (options.numParallel ?? 1);
  const { embeddingLength: embd, headCount: heads, vocabSize: vocab } = spec;
  const vocabGraph = 4 * batch * (embd + vocab);
  if (spec.architecture === 'qwen2') {
    return Math.max(vocabGraph, 4 * batch * (1 + 2 * embd + context + context * heads));
  }
  // llama's formula, which Ollama also uses for architectures it has no special case for.
  return Math.max(vocabGraph, 4 * batch * (1 + 4 * embd + context * (1 + heads)));
}

export function estimateModel(spec: ModelSpec, options: RunOptions): MemoryEstimate {
  const kv = kvBytes(spec, options);
  const graph = graphBytes(spec, options);
  return {
    weightsBytes: spec.weightsBytes,
    kvBytes: kv,
    graphBytes: graph,
    totalBytes: spec.weightsBytes + kv + graph,
  };
}

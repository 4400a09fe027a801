import type { ModelSpec } from './catalogue';

/**
 * What llama-server allocates for a model, buffer by buffer. Since Ollama 0.30 every GGUF model
 * runs in llama-server, and Ollama reports as the model's size (/api/ps) the sum of the
 * `… buffer size = N MiB` lines llama-server logs (llm/llama_server.go `memoryParsingWriter`,
 * `MemorySize`, v0.32.15). The shapes below follow llama.cpp's own allocations; the checks
 * against logged figures are in tests/domain/memory/logged.test.ts (docs/ollama.md, "Memory prediction").
 */

export type KvCacheType = 'f16' | 'q8_0' | 'q4_0';

/**
 * Bytes per cached element. A quantized cache is stored in ggml blocks of 32 values with an f16
 * scale: q8_0 is 34 bytes a block, q4_0 18 — so q8_0 is not quite half of f16.
 */
export const kvBytesPerElement: Record<KvCacheType, number> = { f16: 2, q8_0: 34 / 32, q4_0: 18 / 32 };

/**
 * llama.cpp's `--fit` (on by default, Ollama 0.32 leaves it on) keeps this much of each device
 * free (common_params.fit_params_target, 1024 MiB): a model that does not fit beside what is
 * loaded, less this margin, gets layers put on the CPU instead of failing.
 */
export const llamaFitTargetBytes = 1024 * 2 ** 20;

/** Head dimension: the GGUF's embedding length over its head count (what Ollama also uses). */
const headDim = (spec: ModelSpec) => spec.embeddingLength / spec.headCount;

/**
 * The KV cache: K and V for every attention layer and every cell, where cells are the context
 * times the parallel sequences (Ollama starts llama-server with `-c num_ctx×parallel -np parallel`);
 * recurrent layers keep a fixed f32 state per sequence instead (llama-server's "RS buffer").
 */
export function kvCacheBytes(spec: ModelSpec, cells: number, parallel: number, type: KvCacheType): number {
  const attentionLayers = spec.attentionLayers ?? spec.blockCount;
  const perCell = 2 * attentionLayers * spec.headCountKv * headDim(spec) * kvBytesPerElement[type];
  return Math.round(perCell * cells + (spec.recurrentStateBytes ?? 0) * parallel);
}

/** A vocabulary we do not know (a model sized from /api/show): the largest common one, so the output buffer is never under-sized. */
const unknownVocab = 262_144;

export interface ComputeShape {
  /** KV cells the graph attends over: context × parallel. */
  cells: number;
  /** The micro-batch the graph is reserved for: Ollama passes `-ub num_batch`. */
  ubatch: number;
  flashAttention: boolean;
  parallel: number;
}

/**
 * The compute buffers llama-server reserves for one micro-batch (`sched_reserve … compute buffer
 * size`, on the GPU and on the host) plus its small host output buffer. All activations are f32.
 * The device buffer holds the largest live set of the graph, which is one of:
 * - the output: logits for every token of the micro-batch plus the last hidden state;
 * - the attention: without flash attention the K·Q scores (cells × ubatch × heads) and an f32
 *   mask; with flash attention (Metal's default, "auto") only an f16 mask — plus a few hidden
 *   states either way.
 * The host buffer holds the inputs: the token embeddings and the mask. FFN and expert
 * intermediates are assumed smaller than the output, which holds for every catalogued model.
 */
export function computeBytes(spec: ModelSpec, shape: ComputeShape): number {
  const vocab = spec.vocabSize > 0 ? spec.vocabSize : unknownVocab;
  const ub = Math.max(1, Math.min(shape.ubatch, shape.cells));
  const hidden = 4 * spec.embeddingLength * ub;
  const output = 4 * ub * (vocab + spec.embeddingLength);
  const mask = (shape.flashAttention ? 2 : 4) * ub * shape.cells;
  const scores = shape.flashAttention ? 0 : 4 * ub * shape.cells * spec.headCount;
  const device = Math.max(output, scores + mask + 4 * hidden);
  const host = hidden + mask;
  const outputBuffer = 4 * (vocab + spec.embeddingLength) * shape.parallel;
  return Math.round(device + host + outputBuffer);
}

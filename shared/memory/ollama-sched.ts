import type { ModelSpec } from './catalogue';

/**
 * Ollama's own memory prediction, as its scheduler makes it before starting llama-server. Read in
 * github.com/ollama/ollama at this tag; llm/llama_server.go, server/sched.go, server/routes.go and
 * envconfig/config.go are unchanged from it to v0.33.0-rc2 (docs/ollama.md, "Memory prediction").
 */
export const ollamaSourceVersion = '0.32.15';

const MiB = 2 ** 20;
const GiB = 2 ** 30;

/** server/sched.go `effectiveLlamaServerContext`: num_ctx capped at the trained context, times parallel. */
export function effectiveContext(spec: ModelSpec, numCtx: number, parallel: number): number {
  const ctx = spec.contextLength > 0 ? Math.min(numCtx, spec.contextLength) : numCtx;
  return ctx * Math.max(parallel, 1);
}

/**
 * llm/llama_server.go `PredictServerVRAM`: the GGUF's file size plus an f16 KV cache over *every*
 * block with the *smallest* KV head count and head dim = embedding length / largest head count.
 * It ignores the KV cache type and the compute buffers. A hybrid model's per-layer head_count_kv
 * array has 0 on its recurrent layers, so the minimum is 0, which the function raises to 1.
 */
export function predictServerVram(spec: ModelSpec, effectiveCtx: number): number {
  const hybrid = spec.attentionLayers !== undefined && spec.attentionLayers < spec.blockCount;
  const kvHeads = hybrid ? 1 : Math.max(spec.headCountKv, 1);
  const headDim = Math.floor(spec.embeddingLength / spec.headCount);
  return spec.weightsBytes + 2 * spec.blockCount * kvHeads * headDim * effectiveCtx * 2;
}

/** server/sched.go `generationBatchForContext`: the batch Ollama asks for, before checking it fits. */
export function generationBatchForContext(effectiveCtx: number): number {
  if (effectiveCtx > 32768) return 2048;
  if (effectiveCtx > 4096) return 1024;
  return 512;
}

/** server/sched.go `generationBatchSurcharge`: added to the prediction for a larger batch. */
export function generationBatchSurcharge(batch: number): number {
  if (batch >= 2048) return 2 * GiB;
  if (batch >= 1024) return 768 * MiB;
  return 0;
}

/** server/sched.go `generationBatchFits` with `generationBatchHasHeadroom`. */
function batchFits(batch: number, predicted: number, available: number): boolean {
  const threshold = available * 0.8;
  if (predicted > threshold) return false;
  if (batch >= 2048 && predicted > available * 0.6) return false;
  if (batch >= 1024 && batch < 2048 && predicted > available * 0.75) return false;
  return generationBatchSurcharge(batch) <= threshold - predicted;
}

/**
 * server/sched.go `automaticGenerationBatch` (the Metal path: the CUDA-without-flash-attention
 * branch does not apply): the context's batch, lowered 2048 → 1024 → 512 while it does not fit the
 * memory available. With no figure for what is available, Ollama's rule keeps the context's batch.
 * Ollama then starts llama-server with `-b` and `-ub` both at this batch.
 */
export function automaticBatch(effectiveCtx: number, predicted: number, availableBytes?: number): number {
  let batch = generationBatchForContext(effectiveCtx);
  if (!availableBytes || availableBytes <= 0) return batch;
  while (batch > 512 && !batchFits(batch, predicted, availableBytes)) batch = batch > 1024 ? 1024 : 512;
  return batch;
}

/**
 * server/routes.go `Serve`: the context a request without num_ctx gets, from the GPUs' total
 * memory (a 64 GB Mac's 48 GiB working set is in the top tier); OLLAMA_CONTEXT_LENGTH replaces it.
 */
export function defaultNumCtx(totalGpuBytes: number): number {
  if (totalGpuBytes >= 47 * GiB) return 262_144;
  if (totalGpuBytes >= 23 * GiB) return 32_768;
  return 4096;
}

/** server/sched.go `nextLowerAutoNumCtx`: after an out-of-memory load, an automatic context drops once. */
export function nextLowerAutoNumCtx(numCtx: number): number | null {
  if (numCtx > 32_768) return 32_768;
  if (numCtx > 4096) return 4096;
  return null;
}

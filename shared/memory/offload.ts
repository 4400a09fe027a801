import type { Role } from '../domain';
import type { ModelSpec } from './catalogue';
import { estimateModel } from './estimate';
import { llamaFitTargetBytes } from './llama-cpp';

/**
 * A role that llama-server would not hold entirely on the GPU. Ollama 0.32 does not refuse such a
 * load: llama.cpp's `--fit` puts the layers that do not fit on the CPU (`size_vram < size`), and a
 * half-offloaded model is many times slower — a 52B Planner becomes unusable. The plan refuses it.
 */
export interface CpuOffload {
  role: Role;
  model: string;
  numCtx: number;
  /** What the role needs on the GPU (its estimate). */
  needBytes: number;
  /** The GPU working set less the models loaded beside it and llama.cpp's 1 GiB fit margin. */
  roomBytes: number;
  /** needBytes − roomBytes: roughly what would run on the CPU. */
  overBytes: number;
  /** The roles loaded beside it when it loads. */
  beside: Role[];
  /** The largest num_ctx (a multiple of 1024, at least 2048) that fits the room; null: choose a smaller model. */
  fitsAtNumCtx: number | null;
}

const minAdvisedNumCtx = 2048;

/** The largest num_ctx, in steps of 1024, whose estimate fits `roomBytes`; the estimate grows with the context. */
export function largestNumCtxWithin(spec: ModelSpec, upTo: number, roomBytes: number): number | null {
  const fits = (numCtx: number) => estimateModel(spec, { numCtx }).totalBytes <= roomBytes;
  let lo = minAdvisedNumCtx / 1024;
  let hi = Math.floor(upTo / 1024);
  if (hi < lo || !fits(lo * 1024)) return null;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid * 1024)) lo = mid;
    else hi = mid - 1;
  }
  return lo * 1024;
}

/**
 * Would this role spill to the CPU when it loads beside `besideBytes` of models on a GPU whose
 * working set is `gpuBytes`? llama.cpp keeps `llamaFitTargetBytes` of the device free and offloads
 * what does not fit in the rest.
 */
export function cpuOffloadFor(
  entry: { role: Role; model: string; numCtx: number; totalBytes: number },
  spec: ModelSpec,
  beside: Role[],
  besideBytes: number,
  gpuBytes: number,
): CpuOffload | null {
  const roomBytes = gpuBytes - besideBytes - llamaFitTargetBytes;
  if (entry.totalBytes <= roomBytes) return null;
  return {
    role: entry.role,
    model: entry.model,
    numCtx: entry.numCtx,
    needBytes: entry.totalBytes,
    roomBytes: Math.max(0, roomBytes),
    overBytes: entry.totalBytes - Math.max(0, roomBytes),
    beside,
    fitsAtNumCtx: roomBytes > 0 ? largestNumCtxWithin(spec, entry.numCtx - 1, roomBytes) : null,
  };
}

const gb = (bytes: number) => `${(bytes / 1e9).toFixed(1)} GB`;

/** One sentence for the user: which role, by how much, and what to change. */
export function cpuOffloadMessage(o: CpuOffload): string {
  const besideText = o.beside.length ? ` beside the ${o.beside.join(' and ')}` : '';
  const fix =
    o.fitsAtNumCtx !== null
      ? `Lower the ${o.role}'s num_ctx to ${o.fitsAtNumCtx} or less, or choose a smaller ${o.role} model.`
      : `Choose a smaller ${o.role} model: even num_ctx ${minAdvisedNumCtx} does not fit.`;
  return `The ${o.role} (${o.model} at num_ctx ${o.numCtx}) needs ${gb(o.needBytes)} but only ${gb(o.roomBytes)} of the GPU is free for it${besideText}, so Ollama would run about ${gb(o.overBytes)} of it on the CPU, which makes it unusably slow. ${fix}`;
}

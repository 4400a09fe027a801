import type { Runner } from './machine-types';
import { fitMarginBytes } from './rules';

/** Where a model goes when nothing else is loaded, and which loaded model leaves first. */

export type Placement =
  | { kind: 'gpu'; vramBytes: number }
  /** Some layers on the CPU: /api/ps shows size_vram < size. */
  | { kind: 'partial'; vramBytes: number }
  /** llama-server cannot allocate it at all: its load fails with an out-of-memory error. */
  | { kind: 'oom'; overflowBytes: number };

/**
 * sched.go processPending loads the first model with requireFull=false: llama-server is started
 * without -ngl, so llama.cpp's fit decides how many layers the GPU takes (leaving its margin
 * free) and puts the rest on the CPU. On unified memory both sides share the machine's RAM, so a
 * model that does not fit the RAM at all fails to allocate.
 */
export function placeAlone(sizeBytes: number, gpuBytes: number, hostBytes: number): Placement {
  const gpuRoom = Math.max(0, gpuBytes - fitMarginBytes);
  if (sizeBytes <= gpuRoom) return { kind: 'gpu', vramBytes: sizeBytes };
  if (sizeBytes <= hostBytes) return { kind: 'partial', vramBytes: gpuRoom };
  return { kind: 'oom', overflowBytes: sizeBytes - hostBytes };
}

/** ByDurationAndName.Less: the configured duration as uint64 (forever last), then the model path. */
export function byDurationAndPath(a: Runner, b: Runner): number {
  if (a.sessionMs !== b.sessionMs) return a.sessionMs < b.sessionMs ? -1 : 1;
  const [x, y] = [a.model.modelPath, b.model.modelPath];
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * findRunnerToUnload: in that order, the first idle runner; if none is idle, the first one, to
 * be waited for. Only runners in `loaded` are candidates, so never one still loading.
 */
export function findRunnerToUnload(runners: readonly Runner[]): Runner | undefined {
  const list = runners.filter((r) => r.state !== 'loading').sort(byDurationAndPath);
  return list.find((r) => r.refCount === 0) ?? list[0];
}

import { missingProblem } from './common';

export interface MemInfo {
  totalBytes: number | null;
  freeBytes: number | null;
  /** MemAvailable: what can be allocated without swapping; estimated on kernels before 3.14. */
  availableBytes: number | null;
  availableEstimated: boolean;
  buffersBytes: number | null;
  cachedBytes: number | null;
  swapTotalBytes: number | null;
  swapFreeBytes: number | null;
  /** Compressed pool size when zswap is on (field "Zswap", Linux 5.19+). */
  zswapBytes: number | null;
  problems: string[];
}

/** Parses Linux /proc/meminfo ("MemTotal:       24684084 kB"). Never throws. */
export function parseMeminfo(text: string): MemInfo {
  const fields = new Map<string, number>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^([A-Za-z0-9_()]+):\s+(\d+)(?:\s+kB)?\s*$/.exec(line);
    if (match) fields.set(match[1]!, Number(match[2]) * (line.trimEnd().endsWith('kB') ? 1024 : 1));
  }
  const get = (name: string) => fields.get(name) ?? null;
  const result: MemInfo = {
    totalBytes: get('MemTotal'),
    freeBytes: get('MemFree'),
    availableBytes: get('MemAvailable'),
    availableEstimated: false,
    buffersBytes: get('Buffers'),
    cachedBytes: get('Cached'),
    swapTotalBytes: get('SwapTotal'),
    swapFreeBytes: get('SwapFree'),
    zswapBytes: get('Zswap'),
    problems: missingProblem(
      '/proc/meminfo',
      ['MemTotal', 'MemFree', 'SwapTotal', 'SwapFree'].filter((name) => !fields.has(name)),
    ),
  };
  if (result.availableBytes === null && result.freeBytes !== null) {
    // Kernels before 3.14 have no MemAvailable: free + buffers + page cache is the usual stand-in.
    result.availableBytes = result.freeBytes + (result.buffersBytes ?? 0) + (result.cachedBytes ?? 0);
    result.availableEstimated = true;
  }
  return result;
}

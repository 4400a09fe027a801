import { missingProblem, parseCount } from './common';

/** The `vm_stat` counters the monitor uses, in pages (null when absent). */
export interface VmStat {
  pageSize: number | null;
  free: number | null;
  active: number | null;
  inactive: number | null;
  speculative: number | null;
  throttled: number | null;
  wired: number | null;
  purgeable: number | null;
  fileBacked: number | null;
  anonymous: number | null;
  /** Physical pages the compressor occupies (not the larger "stored in compressor"). */
  compressorOccupied: number | null;
  storedInCompressor: number | null;
  swapins: number | null;
  swapouts: number | null;
  problems: string[];
}

const labels: Record<string, keyof Omit<VmStat, 'pageSize' | 'problems'>> = {
  'Pages free': 'free',
  'Pages active': 'active',
  'Pages inactive': 'inactive',
  'Pages speculative': 'speculative',
  'Pages throttled': 'throttled',
  'Pages wired down': 'wired',
  'Pages purgeable': 'purgeable',
  'File-backed pages': 'fileBacked',
  'Anonymous pages': 'anonymous',
  'Pages occupied by compressor': 'compressorOccupied',
  'Pages stored in compressor': 'storedInCompressor',
  Swapins: 'swapins',
  Swapouts: 'swapouts',
};

const required = ['Pages free', 'Pages active', 'Pages inactive', 'Pages wired down', 'Pages occupied by compressor'];

/**
 * Parses macOS `vm_stat` (no arguments): a header "Mach Virtual Memory Statistics: (page size of
 * 16384 bytes)" then "Label:   123456." lines. Unknown lines are skipped; never throws.
 */
export function parseVmStat(text: string): VmStat {
  const result: VmStat = {
    pageSize: null,
    free: null,
    active: null,
    inactive: null,
    speculative: null,
    throttled: null,
    wired: null,
    purgeable: null,
    fileBacked: null,
    anonymous: null,
    compressorOccupied: null,
    storedInCompressor: null,
    swapins: null,
    swapouts: null,
    problems: [],
  };
  const seen = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const header = /page size of (\d+) bytes/.exec(line);
    if (header) {
      result.pageSize = parseCount(header[1]);
      continue;
    }
    const match = /^\s*"?([^":]+?)"?:\s*(\S+)\s*$/.exec(line);
    if (!match) continue;
    const key = labels[match[1]!];
    if (!key) continue;
    const value = parseCount(match[2]);
    if (value === null) {
      result.problems.push(`vm_stat: "${match[1]}" is not a page count ("${match[2]}")`);
      continue;
    }
    result[key] = value;
    seen.add(match[1]!);
  }
  if (result.pageSize === null) result.problems.push('vm_stat: no "page size of N bytes" header');
  result.problems.push(
    ...missingProblem(
      'vm_stat',
      required.filter((label) => !seen.has(label)),
    ),
  );
  return result;
}

export interface VmMemory {
  usedBytes: number;
  freeBytes: number;
  wiredBytes: number;
  compressedBytes: number;
}

/**
 * Used and free as Activity Monitor counts them: used = app memory (anonymous − purgeable) +
 * wired + compressed; everything else (cached files, free pages) can be had without swapping.
 * Older vm_stat without "Anonymous pages": free ≈ free + inactive + speculative + purgeable pages.
 * Null when the counters that matter are missing.
 */
export function memoryFromVmStat(vm: VmStat, totalBytes: number, fallbackPageSize?: number): VmMemory | null {
  const pageSize = vm.pageSize ?? fallbackPageSize ?? null;
  if (pageSize === null || vm.wired === null || vm.compressorOccupied === null || totalBytes <= 0) return null;
  const wiredBytes = vm.wired * pageSize;
  const compressedBytes = vm.compressorOccupied * pageSize;
  let usedBytes: number;
  if (vm.anonymous !== null) {
    const app = Math.max(0, vm.anonymous - (vm.purgeable ?? 0)) * pageSize;
    usedBytes = app + wiredBytes + compressedBytes;
  } else if (vm.free !== null && vm.inactive !== null) {
    const reclaimable = (vm.free + vm.inactive + (vm.speculative ?? 0) + (vm.purgeable ?? 0)) * pageSize;
    usedBytes = totalBytes - reclaimable;
  } else {
    return null;
  }
  usedBytes = Math.min(totalBytes, Math.max(0, usedBytes));
  return { usedBytes, freeBytes: totalBytes - usedBytes, wiredBytes, compressedBytes };
}

import { parseCount } from './common';

export interface MemoryPressureOutput {
  totalBytes: number | null;
  pageSize: number | null;
  /** "System-wide memory free percentage" — the kernel's kern.memorystatus_level. */
  freePercent: number | null;
  swapins: number | null;
  swapouts: number | null;
  problems: string[];
}

/**
 * Parses macOS `memory_pressure` (full report) and `memory_pressure -Q` (two lines). The first
 * line is "The system has N (P pages with a page size of S)." or "The system has N bytes of
 * physical memory."; the last "System-wide memory free percentage: NN%". Never throws.
 */
export function parseMemoryPressure(text: string): MemoryPressureOutput {
  const result: MemoryPressureOutput = {
    totalBytes: null,
    pageSize: null,
    freePercent: null,
    swapins: null,
    swapouts: null,
    problems: [],
  };
  const total = /The system has (\d+)/.exec(text);
  if (total) result.totalBytes = parseCount(total[1]);
  const pageSize = /page size of (\d+)/.exec(text);
  if (pageSize) result.pageSize = parseCount(pageSize[1]);
  const percent = /System-wide memory free percentage:\s*(\d+)\s*%/.exec(text);
  if (percent) {
    const value = Number(percent[1]);
    if (value <= 100) result.freePercent = value;
    else result.problems.push(`memory_pressure: free percentage ${value}% is out of range`);
  } else {
    result.problems.push('memory_pressure: no "System-wide memory free percentage" line');
  }
  const swapins = /^\s*Swapins:\s*(\d+)/m.exec(text);
  if (swapins) result.swapins = parseCount(swapins[1]);
  const swapouts = /^\s*Swapouts:\s*(\d+)/m.exec(text);
  if (swapouts) result.swapouts = parseCount(swapouts[1]);
  return result;
}

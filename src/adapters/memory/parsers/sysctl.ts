import { parseCount, parseDecimal } from './common';

/**
 * Parses `sysctl name…` output into name → value: macOS prints "name: value", Linux "name = value".
 * Errors for unknown names go to stderr, so a missing name is simply absent here.
 */
export function parseSysctl(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^([a-z0-9_.]+?)\s*(?::|=)\s*(.*)$/i.exec(line.trim());
    if (match) values.set(match[1]!, match[2]!.trim());
  }
  return values;
}

export function sysctlInt(values: Map<string, string>, name: string): number | null {
  return parseCount(values.get(name));
}

export interface SwapUsage {
  totalBytes: number;
  usedBytes: number;
  freeBytes: number;
  encrypted: boolean;
}

const unitBytes: Record<string, number> = { '': 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40 };

/**
 * Parses `sysctl vm.swapusage` ("vm.swapusage: total = 2048.00M  used = 1024.50M  free = 1023.50M
 * (encrypted)") or its `-n` form. Units are binary (M = MiB). Null when the line is not that shape.
 */
export function parseSwapUsage(text: string | undefined): SwapUsage | null {
  if (text === undefined) return null;
  const field = (name: string) => {
    const match = new RegExp(`${name}\\s*=\\s*([\\d.]+)([KMGT]?)`).exec(text);
    if (!match) return null;
    const value = parseDecimal(match[1]);
    return value === null ? null : Math.round(value * unitBytes[match[2]!]!);
  };
  const totalBytes = field('total');
  const usedBytes = field('used');
  const freeBytes = field('free');
  if (totalBytes === null || usedBytes === null || freeBytes === null) return null;
  return { totalBytes, usedBytes, freeBytes, encrypted: /\(encrypted\)/.test(text) };
}

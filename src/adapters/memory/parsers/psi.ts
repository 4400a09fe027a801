import { parseCount, parseDecimal } from './common';

export interface PsiLine {
  avg10: number;
  avg60: number;
  avg300: number;
  /** Total stall time in microseconds. */
  total: number;
}

export interface Psi {
  some: PsiLine | null;
  full: PsiLine | null;
  problems: string[];
}

/** Parses Linux pressure-stall information (/proc/pressure/memory). Never throws. */
export function parsePsi(text: string): Psi {
  const result: Psi = { some: null, full: null, problems: [] };
  for (const line of text.split(/\r?\n/)) {
    const match = /^(some|full)\s+avg10=(\S+)\s+avg60=(\S+)\s+avg300=(\S+)\s+total=(\S+)\s*$/.exec(line.trim());
    if (!match) continue;
    const [avg10, avg60, avg300] = [match[2], match[3], match[4]].map(parseDecimal);
    const total = parseCount(match[5]);
    if (avg10 == null || avg60 == null || avg300 == null || total === null) {
      result.problems.push(`PSI: malformed "${match[1]}" line`);
      continue;
    }
    result[match[1] as 'some' | 'full'] = { avg10, avg60, avg300, total };
  }
  if (!result.some) result.problems.push('PSI: no "some avg10=…" line');
  return result;
}

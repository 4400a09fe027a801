import { diffLines } from 'diff';

export interface DiffLine {
  kind: 'added' | 'removed' | 'same';
  text: string;
  /** Line numbers in the old and the new text (null where the line is absent). */
  oldLine: number | null;
  newLine: number | null;
}

/** A line-by-line diff of two texts, flattened for a table (jsdiff does the matching). */
export function lineDiff(before: string, after: string): DiffLine[] {
  const rows: DiffLine[] = [];
  let oldLine = 1;
  let newLine = 1;
  for (const change of diffLines(before, after)) {
    if (change.value === '') continue;
    const lines = change.value.replace(/\n$/, '').split('\n');
    for (const text of lines) {
      if (change.added) rows.push({ kind: 'added', text, oldLine: null, newLine: newLine++ });
      else if (change.removed) rows.push({ kind: 'removed', text, oldLine: oldLine++, newLine: null });
      else rows.push({ kind: 'same', text, oldLine: oldLine++, newLine: newLine++ });
    }
  }
  return rows;
}

export function diffSummary(rows: readonly DiffLine[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const row of rows) {
    if (row.kind === 'added') added += 1;
    else if (row.kind === 'removed') removed += 1;
  }
  return { added, removed };
}

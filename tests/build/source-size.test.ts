import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Small modules whose names explain themselves: no source file grows past 500 lines (issue 19).
// Data is not code: fixtures and the Router's shipped weights are not counted.
const root = process.cwd();
const scanned = ['src', 'shared', 'tests', 'e2e', 'scripts', 'bench', 'bin'];
const code = /\.(ts|tsx|mjs|js|cjs)$/;

function files(path: string): string[] {
  const full = join(root, path);
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full).flatMap((name) =>
    name === 'node_modules' || name === 'fixtures' ? [] : files(join(path, name)),
  );
}

describe('source file size', () => {
  it('no source file is over 500 lines', () => {
    const sources = scanned.flatMap(files).filter((f) => code.test(f));
    expect(sources.length).toBeGreaterThan(200);
    const long = sources
      .map((f) => ({ f, lines: readFileSync(join(root, f), 'utf8').split('\n').length }))
      .filter((x) => x.lines > 500)
      .map((x) => `${x.f}: ${x.lines} lines`);
    expect(long).toEqual([]);
  });
});

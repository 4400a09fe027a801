import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// A maintainer who clones the repository must be able to follow every document a comment cites:
// the docs live in docs/, in our own words, and nothing points at background material outside.
const root = process.cwd();
const scanned = ['src', 'shared', 'tests', 'e2e', 'scripts', 'bench', 'eslint.config.js', 'electron.vite.config.ts'];
const code = /\.(ts|tsx|mjs|js)$/;

function files(path: string): string[] {
  const full = join(root, path);
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full).flatMap((name) =>
    name === 'node_modules' || name === 'fixtures' ? [] : files(join(path, name)),
  );
}

// This file names the outside documents to refuse them, so it is not scanned itself.
const sources = scanned.flatMap(files).filter((f) => code.test(f) && !f.endsWith('docs-cited.test.ts'));

describe('documents cited by comments', () => {
  it('finds the sources it scans', () => {
    expect(sources.length).toBeGreaterThan(200);
  });

  it('every docs/….md a source file cites exists in the repository', () => {
    const missing: string[] = [];
    for (const file of sources) {
      const text = readFileSync(join(root, file), 'utf8');
      for (const match of text.matchAll(/\bdocs\/([\w-]+)\.md\b/g)) {
        if (!existsSync(join(root, 'docs', `${match[1]}.md`))) missing.push(`${file}: docs/${match[1]}.md`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('no source cites the background documents that live outside the repository', () => {
    // product.md, ollama-facts.md and a bare architecture.md / interfaces.md named the design
    // inputs beside the repository; what a maintainer needs of them is in docs/ now.
    const outside = /(?<![\w/])(product|ollama-facts|architecture|interfaces)\.md\b|\.\.\/shared\/docs/g;
    const found: string[] = [];
    for (const file of sources) {
      const lines = readFileSync(join(root, file), 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (outside.test(line)) found.push(`${relative(root, join(root, file))}:${i + 1}: ${line.trim()}`);
        outside.lastIndex = 0;
      });
    }
    expect(found).toEqual([]);
  });
});

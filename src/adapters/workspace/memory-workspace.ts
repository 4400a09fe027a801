import type { Workspace } from '../../core/ports';

/**
 * A workspace held in memory: for the benchmark's virtual runs and for tests that crash and
 * restart the core thousands of times. Same contract as the file workspace, atomic by nature.
 */
export interface MemoryWorkspace extends Workspace {
  files: Map<string, string>;
}

export function createMemoryWorkspace(root = '/memory'): MemoryWorkspace {
  const files = new Map<string, string>();
  const check = (path: string) => {
    if (path.startsWith('/') || path.split('/').includes('..')) throw new Error(`Refusing to touch "${path}": it is outside the workspace ${root}.`);
  };
  return {
    root,
    files,
    async readText(path) {
      check(path);
      return files.get(path) ?? null;
    },
    async writeTextAtomic(path, text) {
      check(path);
      files.set(path, text);
    },
    async appendLine(path, line) {
      check(path);
      files.set(path, (files.get(path) ?? '') + (line.endsWith('\n') ? line : `${line}\n`));
    },
  };
}

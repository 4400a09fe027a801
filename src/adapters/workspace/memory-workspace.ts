import type { Workspace } from '../../core/index';

/**
 * A workspace held in memory: for the benchmark's virtual runs and for tests that crash and
 * restart the core thousands of times. Same contract as the file workspace, atomic by nature.
 */
export interface MemoryWorkspace extends Workspace {
  files: Map<string, string>;
}

export function createMemoryWorkspace(root = '/memory'): MemoryWorkspace {
  const files = new Map<string, string>();
  // Appends collect in chunks and are joined when read: a long journal costs linear time, not quadratic.
  const appended = new Map<string, string[]>();
  const flush = (path: string) => {
    const chunks = appended.get(path);
    if (chunks?.length) {
      files.set(path, (files.get(path) ?? '') + chunks.join(''));
      appended.delete(path);
    }
  };
  const check = (path: string) => {
    if (path.startsWith('/') || path.split('/').includes('..'))
      throw new Error(`Refusing to touch "${path}": it is outside the workspace ${root}.`);
  };
  return {
    root,
    files,
    async readText(path) {
      check(path);
      flush(path);
      return files.get(path) ?? null;
    },
    async writeTextAtomic(path, text) {
      check(path);
      appended.delete(path);
      files.set(path, text);
    },
    async appendLine(path, line) {
      check(path);
      let chunks = appended.get(path);
      if (!chunks) appended.set(path, (chunks = []));
      chunks.push(line.endsWith('\n') ? line : `${line}\n`);
    },
  };
}

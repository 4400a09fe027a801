import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, relative } from 'node:path';
import type { Workspace } from '../../core/index';

/**
 * Files the app writes are the user's alone (0600, folders 0700): task texts, answers and the
 * journal say what the user is working on, and a shared machine should not show them to others.
 */
const fileMode = 0o600;
const dirMode = 0o700;

/** Writes that survive a crash: temp file in the same folder, fsync, rename, fsync the folder. */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: dirMode });
  const temp = join(dir, `.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'w', fileMode);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await fsyncDir(dir);
}

async function fsyncDir(dir: string): Promise<void> {
  // Directory fsync makes the rename itself durable; Windows cannot open folders, so skip there.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A file's text, or null when it does not exist (any other failure is the caller's to see). */
export async function readTextIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export function createFsWorkspace(root: string): Workspace {
  const resolveInside = (path: string): string => {
    const full = normalize(join(root, path));
    const rel = relative(root, full);
    if (rel.startsWith('..') || isAbsolute(rel)) {
      throw new Error(`Refusing to touch "${path}": it is outside the workspace ${root}.`);
    }
    return full;
  };
  // A file appended to that an older version created 0644 is made private once per run.
  const madePrivate = new Set<string>();
  return {
    root,
    readText: async (path) => readTextIfExists(resolveInside(path)),
    async writeTextAtomic(path, text) {
      await writeFileAtomic(resolveInside(path), text);
    },
    async appendLine(path, line) {
      const full = resolveInside(path);
      await mkdir(dirname(full), { recursive: true, mode: dirMode });
      const handle = await open(full, 'a', fileMode);
      try {
        if (!madePrivate.has(full) && process.platform !== 'win32') {
          madePrivate.add(full);
          // Best effort: a file system without modes (exFAT) or a file another user owns must not stop the append.
          await handle
            .chmod(fileMode)
            .catch((error: unknown) =>
              process.emitWarning(
                `frontier-sos: could not make ${full} private (${error instanceof Error ? error.message : String(error)})`,
              ),
            );
        }
        await handle.writeFile(line.endsWith('\n') ? line : `${line}\n`, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
    },
  };
}

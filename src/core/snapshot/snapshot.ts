import { currentTaskSchema, type CurrentTask } from '../../../shared/current-task';
import type { Workspace } from '../ports';

export const currentTaskPath = 'shared/current_task.json';
export const tempContextPath = 'shared/temp_context.md';
const versionsDir = '.frontier-sos/snapshots';
const indexPath = `${versionsDir}/index.json`;

export interface SnapshotVersion {
  version: number;
  savedAt: string;
  swapId: string | null;
}

export interface SnapshotStore {
  /**
   * Writes current_task.json and temp_context.md atomically, and keeps both as a new version.
   * Resolves only when everything is on disk: no swap may start before that (Rule 2).
   */
  save(current: CurrentTask, tempContext: string): Promise<SnapshotVersion>;
  versions(): Promise<SnapshotVersion[]>;
  read(version: number): Promise<{ currentTask: string; tempContext: string } | null>;
}

const versionDir = (version: number) => `${versionsDir}/${String(version).padStart(5, '0')}`;

export function createSnapshotStore(workspace: Workspace): SnapshotStore {
  async function versions(): Promise<SnapshotVersion[]> {
    const text = await workspace.readText(indexPath);
    return text ? (JSON.parse(text) as SnapshotVersion[]) : [];
  }
  let chain: Promise<unknown> = Promise.resolve();
  return {
    versions,
    save(current, tempContext) {
      const run = async () => {
        const json = `${JSON.stringify(currentTaskSchema.parse(current), null, 2)}\n`;
        const existing = await versions();
        const entry: SnapshotVersion = {
          version: (existing.at(-1)?.version ?? 0) + 1,
          savedAt: current.savedAt,
          swapId: current.swapId,
        };
        // The version copies first, the live files next, the index last: a crash in between
        // leaves at worst an unlisted copy, never a listed version without its files.
        await workspace.writeTextAtomic(`${versionDir(entry.version)}/current_task.json`, json);
        await workspace.writeTextAtomic(`${versionDir(entry.version)}/temp_context.md`, tempContext);
        await workspace.writeTextAtomic(currentTaskPath, json);
        await workspace.writeTextAtomic(tempContextPath, tempContext);
        await workspace.writeTextAtomic(indexPath, `${JSON.stringify([...existing, entry], null, 2)}\n`);
        return entry;
      };
      const result = chain.then(run, run);
      chain = result.catch(() => undefined);
      return result;
    },
    async read(version) {
      const [currentTask, tempContext] = await Promise.all([
        workspace.readText(`${versionDir(version)}/current_task.json`),
        workspace.readText(`${versionDir(version)}/temp_context.md`),
      ]);
      return currentTask === null || tempContext === null ? null : { currentTask, tempContext };
    },
  };
}

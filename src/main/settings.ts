import { z } from 'zod';
import { localeSettingSchema } from '../../shared/locale';
import { readTextIfExists, writeFileAtomic } from '../adapters/workspace/fs-workspace';

const boundsSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(200).max(20_000),
  height: z.number().int().min(200).max(20_000),
  maximized: z.boolean().default(false),
});
export type WindowBounds = z.infer<typeof boundsSchema>;

/** The desktop app's own settings (userData/settings.json). The engine's live in the workspace. */
export const desktopSettingsSchema = z.object({
  locale: localeSettingSchema.default('system'),
  openAtLogin: z.boolean().default(false),
  /** The workspace folder; ~/Documents/Frontier SOS when not set. */
  workspaceDir: z.string().min(1).nullable().default(null),
  window: boundsSchema.nullable().default(null),
});
export type DesktopSettings = z.infer<typeof desktopSettingsSchema>;

export interface SettingsStore {
  get(): DesktopSettings;
  update(patch: Partial<DesktopSettings>): Promise<void>;
  /** Resolves when every write so far is on disk. */
  flush(): Promise<void>;
  /** Why the file on disk was not used, if it was not (the app then starts from the defaults). */
  readonly problem: string | null;
}

export interface SettingsFiles {
  read(path: string): Promise<string | null>;
  write(path: string, text: string): Promise<void>;
}

const realFiles: SettingsFiles = {
  read: readTextIfExists,
  write: writeFileAtomic,
};

/** Loads the settings (defaults for anything missing or invalid) and writes each change atomically, in order. */
export async function openSettings(path: string, files: SettingsFiles = realFiles): Promise<SettingsStore> {
  let problem: string | null = null;
  let current = desktopSettingsSchema.parse({});
  try {
    const text = await files.read(path);
    if (text !== null) {
      const parsed = desktopSettingsSchema.safeParse(JSON.parse(text));
      if (parsed.success) current = parsed.data;
      else
        problem = `${path} has invalid settings (${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}); starting from the defaults.`;
    }
  } catch (error) {
    problem = `${path} could not be read (${error instanceof Error ? error.message : String(error)}); starting from the defaults.`;
  }
  let writes: Promise<void> = Promise.resolve();
  return {
    get: () => current,
    update(patch) {
      current = desktopSettingsSchema.parse({ ...current, ...patch });
      const text = `${JSON.stringify(current, null, 2)}\n`;
      // One write at a time, in order: the last change is the one left on disk. A failed write is
      // the caller's to report (it gets `write`); the chain goes on for the next one.
      const write = writes.then(() => files.write(path, text));
      writes = write.catch(() => undefined);
      return write;
    },
    flush: () => writes,
    problem,
  };
}

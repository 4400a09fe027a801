import { join } from 'node:path';
import type { ContractHandlers, HandlerMap } from '../../shared/contract';
import { engineSettingsPath, engineSettingsSchema } from '../../shared/engine-settings';
import type { LocaleSetting } from '../../shared/locale';
import { readTextIfExists, writeFileAtomic } from '../adapters/workspace/fs-workspace';

/**
 * The one owner of the dashboard's language in a host. The desktop keeps it in its own settings
 * (userData/settings.json), the headless host in the workspace's engine settings file.
 */
export interface LocaleOwner {
  get(): LocaleSetting;
  /** Takes effect at once (listeners are told); resolves when it is saved, rejects if it was not. */
  set(setting: LocaleSetting): Promise<void>;
  onChange(listener: (setting: LocaleSetting) => void): () => void;
}

/** The listeners' part of a LocaleOwner: a listener that throws is the caller's to log, not ours to lose. */
export function localeListeners() {
  const listeners = new Set<(setting: LocaleSetting) => void>();
  return {
    on(listener: (setting: LocaleSetting) => void): () => void {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    tell(setting: LocaleSetting, log: (line: string) => void): void {
      for (const listener of [...listeners]) {
        try {
          listener(setting);
        } catch (error) {
          log(
            `frontier-sos: a language change was not taken up: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
    },
  };
}

/** Everything a host serves: the engine's channels, and its own answered from `locale`. */
export function hostHandlers(engine: HandlerMap, locale: LocaleOwner): ContractHandlers {
  return {
    ...engine,
    'locale.get': async () => ({ setting: locale.get() }),
    'locale.set': async ({ setting }) => {
      await locale.set(setting);
      return { setting: locale.get() };
    },
  };
}

/** A locale kept for this process only (tests, and hosts that have nowhere to keep it). */
export function memoryLocaleOwner(initial: LocaleSetting = 'system', log = (_line: string) => undefined): LocaleOwner {
  let setting = initial;
  const listeners = localeListeners();
  return {
    get: () => setting,
    async set(next) {
      if (next === setting) return;
      setting = next;
      listeners.tell(next, log);
    },
    onChange: listeners.on,
  };
}

/**
 * The headless host's locale: the `locale` key of the workspace's `.frontier-sos/settings.json`,
 * beside the engine's settings (read by the engine at start, which ignores this key). Writing keeps
 * whatever else the file says, one write at a time. A file the engine could read but that is not
 * JSON stops the engine's start before this is asked, so here an unreadable file just means "system".
 */
export async function workspaceLocaleOwner(workspaceDir: string, log: (line: string) => void): Promise<LocaleOwner> {
  const path = join(workspaceDir, engineSettingsPath);
  const readFile = async (): Promise<Record<string, unknown>> => {
    const text = await readTextIfExists(path);
    return text === null ? {} : (JSON.parse(text) as Record<string, unknown>);
  };
  let setting: LocaleSetting = 'system';
  try {
    setting = engineSettingsSchema.parse(await readFile()).locale ?? 'system';
  } catch (error) {
    // The engine says what is wrong with this file when it starts; the language just starts as "system".
    log(`frontier-sos: the language in ${path} could not be read (${String(error)}); following the system`);
  }
  const listeners = localeListeners();
  let writes: Promise<void> = Promise.resolve();
  return {
    get: () => setting,
    set(next) {
      const changed = next !== setting;
      setting = next;
      if (changed) listeners.tell(next, log);
      const write = writes.then(async () => {
        const current = await readFile();
        await writeFileAtomic(path, `${JSON.stringify({ ...current, locale: next }, null, 2)}\n`);
      });
      // The chain goes on after a failed write; the caller of this one sees the failure.
      writes = write.catch(() => undefined);
      return write;
    },
    onChange: listeners.on,
  };
}

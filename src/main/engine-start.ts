import { join } from 'node:path';
import { ollamaUrl as resolveOllamaUrl } from '../adapters/ollama/host-url';
import { createDesktopEngine, type DesktopEngine } from '../compose/desktop';
import type { DesktopArgs } from './args';
import type { ElectronFacade } from './facade';
import type { DesktopLocale } from './locale';
import { choseSimulator, ollamaAnswers, ollamaMissingQuestion } from './ollama-probe';
import { createSafeStorageSecrets } from './secrets';
import type { SettingsStore } from './settings';
import { tr } from './text';

export interface EngineStartOptions {
  args: DesktopArgs;
  env: NodeJS.ProcessEnv;
  settings: SettingsStore;
  locale: DesktopLocale;
  /** Started at login, or with --hidden: no window, and no question about Ollama. */
  hidden: boolean;
  log(line: string): void;
}

/**
 * Builds the engine (not started yet): against Ollama, or the simulator when asked (--demo) or
 * when none answers and the user takes the offer. Null when it cannot be built; the user was
 * told why in a dialog and the app is exiting.
 */
export async function openEngine(electron: ElectronFacade, options: EngineStartOptions): Promise<DesktopEngine | null> {
  const { app } = electron;
  const { args, settings, locale, log } = options;
  const userData = app.getPath('userData');
  const ollamaUrl = resolveOllamaUrl(args.ollama ?? options.env['OLLAMA_HOST']);
  let demo = args.demo;
  // No Ollama: offer the simulator. Not when started at login, where Ollama may simply be late.
  if (!demo && !options.hidden && !(await ollamaAnswers(ollamaUrl))) {
    const { response } = await electron.showMessageBox(null, ollamaMissingQuestion(ollamaUrl, locale.resolved()));
    demo = choseSimulator(response);
  }
  const workspaceDir =
    args.workspace ??
    settings.get().workspaceDir ??
    (demo ? join(userData, 'demo-workspace') : join(app.getPath('documents'), 'Frontier SOS'));
  try {
    return await createDesktopEngine({
      workspaceDir,
      ollamaUrl,
      secrets: createSafeStorageSecrets(electron.safeStorage, join(userData, 'keys'), { env: options.env }),
      ...(demo ? { sim: { timeScale: args.timeScale } } : {}),
    });
  } catch (error) {
    // Launched from the Finder there is no terminal: what went wrong and what to do go in a dialog.
    const detail = error instanceof Error ? error.message : String(error);
    log(`frontier-sos: ${detail}`);
    await electron.showMessageBox(null, {
      type: 'error',
      title: 'Frontier SOS',
      message: tr(locale.resolved(), 'dialog.startFailed'),
      detail,
      buttons: [tr(locale.resolved(), 'dialog.quit')],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    });
    app.exit(1);
    return null;
  }
}

import { join } from 'node:path';
import type { Locale } from '../../shared/i18n';
import type { DesktopEngine } from '../compose/desktop';
import { appIndexUrl, appProtocolHandler, appScheme } from './app-protocol';
import type { ApprovalPrompts } from './approval-prompts';
import { parseDesktopArgs } from './args';
import { openEngine } from './engine-start';
import type { ElectronFacade } from './facade';
import { DisposableStore } from './lifecycle';
import { DesktopLocale } from './locale';
import { contentSecurityPolicy, guardWebContents, hardenSession } from './security';
import { openSettings, type SettingsStore } from './settings';
import { createShell, type Shell } from './shell';
import type { TrayController } from './tray';
import type { DashboardWindow } from './window';

export interface MainOptions {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  /** The folder of the built main bundle (out/main): the preload and the renderer sit beside it. */
  appDir: string;
  log?: (line: string) => void;
}

export interface DesktopApp {
  engine: DesktopEngine;
  window: DashboardWindow;
  tray: TrayController;
  prompts: ApprovalPrompts;
  settings: SettingsStore;
  locale(): Locale;
  /** Resolves once the engine has replayed its journal and loaded the residents. */
  started: Promise<void>;
  /** Quits as the menu's Quit does: asks first if a swap is past approval. Resolves to whether it quit. */
  requestQuit(): Promise<boolean>;
}

/**
 * Where the tray icons are: beside the asar in a packaged app (electron-builder's extraResources,
 * Contents/Resources on macOS), the repository's resources/ in development.
 */
function resourcesDir(app: ElectronFacade['app']): string {
  const packaged = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  return app.isPackaged && packaged ? packaged : join(app.getAppPath(), 'resources');
}

/**
 * The desktop app: the Electron host around the engine. Everything Electron is reached through
 * `electron` (the real module in the entry, a fake in tests); decisions stay in the core. The
 * services (src/main/shell.ts) register their disposers on one DisposableStore: quitting is its
 * `dispose()`.
 */
export async function main(electron: ElectronFacade, options: MainOptions): Promise<DesktopApp | null> {
  const { app } = electron;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  if (!app.requestSingleInstanceLock()) {
    // Another Frontier SOS is running: it opens its window (second-instance) and this one leaves.
    app.quit();
    return null;
  }
  const args = parseDesktopArgs(options.argv);
  args.problems.forEach((p) => log(`frontier-sos: ${p}`));

  // Before anything can create a web contents, so that none escapes the guards.
  app.on('web-contents-created', (_event, contents) =>
    guardWebContents(contents, (url) => electron.openExternal(url), log),
  );
  let shell: Shell | null = null;
  app.on('second-instance', () => void shell?.window.open());
  app.on('activate', () => void shell?.window.open());
  app.on('window-all-closed', () => {
    // macOS: the app lives on in the menu bar. Elsewhere closing the last window quits.
    if (electron.platform !== 'darwin') shell?.quitLogged();
  });
  let quitAllowed = false;
  app.on('before-quit', (event) => {
    // Before the shell exists nothing has started that a quit could interrupt.
    if (quitAllowed || !shell) return;
    event.preventDefault();
    shell.quitLogged();
  });

  electron.registerAppScheme(appScheme);
  await app.whenReady();

  // electron-vite's dev server, in development only; a packaged app serves its own files on app://.
  const devUrl = (!app.isPackaged && options.env['ELECTRON_RENDERER_URL']) || null;
  const csp = contentSecurityPolicy({ devServerOrigin: devUrl ? new URL(devUrl).origin : null });
  electron.serveAppScheme(appScheme, appProtocolHandler(join(options.appDir, '../renderer'), csp));
  const rendererUrl = devUrl ?? appIndexUrl;
  hardenSession(electron.defaultSession(), csp);

  const settings = await openSettings(join(app.getPath('userData'), 'settings.json'));
  if (settings.problem) log(`frontier-sos: ${settings.problem}`);
  const locale = new DesktopLocale(settings, () => app.getPreferredSystemLanguages?.() ?? [app.getLocale()], log);
  const hidden = args.hidden || app.getLoginItemSettings().wasOpenedAtLogin === true;
  const engine = await openEngine(electron, { args, env: options.env, settings, locale, hidden, log });
  if (!engine) return null;
  const started = engine.start();

  const store = new DisposableStore(log);
  const s = createShell(
    {
      electron,
      engine,
      started,
      settings,
      locale,
      appDir: options.appDir,
      resourcesDir: resourcesDir(app),
      rendererUrl,
      log,
      quit: () => {
        quitAllowed = true;
        app.quit();
      },
    },
    store,
  );
  shell = s;
  s.menus.render();
  if (!hidden) s.window.open();
  else if (electron.platform === 'darwin') app.dock?.hide();

  return {
    engine,
    window: s.window,
    tray: s.menus.tray,
    prompts: s.prompts,
    settings,
    locale: () => locale.resolved(),
    started,
    requestQuit: () => s.requestQuit(),
  };
}

import { appIndexUrl, appProtocolHandler, appScheme } from './app-protocol';
import { join } from 'node:path';
import { eventChannel } from '../../shared/bridge';
import type { Locale } from '../../shared/i18n';
import { ollamaUrl as resolveOllamaUrl } from '../adapters/ollama/host-url';
import { hostHandlers } from '../compose/host-channels';
import { createPushPipeline, type PushPipeline } from '../compose/push-pipeline';
import { createDesktopEngine, type DesktopEngine } from '../compose/desktop';
import { appMenuTemplate } from './app-menu';
import { ApprovalPrompts, approvalView } from './approval-prompts';
import { parseDesktopArgs } from './args';
import type { ElectronFacade, NotificationLike, NotificationOptions } from './facade';
import { registerIpc, trustedSender, untilStarted } from './ipc';
import { DesktopLocale } from './locale';
import { memoryNotification, noticeNotification } from './notifications';
import { choseSimulator, ollamaAnswers, ollamaMissingQuestion } from './ollama-probe';
import { quitConfirmed, quitQuestion } from './quit';
import { createSafeStorageSecrets } from './secrets';
import { contentSecurityPolicy, guardWebContents, hardenSession } from './security';
import { openSettings, type SettingsStore } from './settings';
import { tr } from './text';
import { TrayController } from './tray';
import type { HostState, TrayActions } from './tray-menu';
import { DashboardWindow } from './window';

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
 * `electron` (the real module in the entry, a fake in tests); decisions stay in the core.
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

  const userData = app.getPath('userData');
  const settings = await openSettings(join(userData, 'settings.json'));
  if (settings.problem) log(`frontier-sos: ${settings.problem}`);
  const systemLanguages = () => app.getPreferredSystemLanguages?.() ?? [app.getLocale()];
  // The one owner of the language: the tray, the menu, the dialogs and the dashboard follow it.
  const localeOwner = new DesktopLocale(settings, systemLanguages, log);

  const ollamaUrl = resolveOllamaUrl(args.ollama ?? options.env['OLLAMA_HOST']);
  const hidden = args.hidden || app.getLoginItemSettings().wasOpenedAtLogin === true;
  let demo = args.demo;
  // No Ollama: offer the simulator. Not when started at login, where Ollama may simply be late.
  if (!demo && !hidden && !(await ollamaAnswers(ollamaUrl))) {
    const { response } = await electron.showMessageBox(null, ollamaMissingQuestion(ollamaUrl, localeOwner.resolved()));
    demo = choseSimulator(response);
  }
  const workspaceDir =
    args.workspace ??
    settings.get().workspaceDir ??
    (demo ? join(userData, 'demo-workspace') : join(app.getPath('documents'), 'Frontier SOS'));
  let engine: DesktopEngine;
  try {
    engine = await createDesktopEngine({
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
      message: tr(localeOwner.resolved(), 'dialog.startFailed'),
      detail,
      buttons: [tr(localeOwner.resolved(), 'dialog.quit')],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    });
    app.exit(1);
    return null;
  }
  const { core } = engine;
  const started = engine.start();
  // The engine's channels and the host's own (the language); changes wait until the engine started.
  const handlers = untilStarted(hostHandlers(core.handlers, localeOwner), started);

  shell = createShell();
  const unregisterIpc = registerIpc(electron.ipcMain, handlers, trustedSender(rendererUrl));
  shell.renderAppMenu();
  shell.renderTray();

  if (!hidden) shell.window.open();
  else if (electron.platform === 'darwin') app.dock?.hide();

  started.then(
    () => shell?.pushes.refresh(),
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      log(`frontier-sos: the engine did not start: ${message}`);
      shell?.notify({ title: 'Frontier SOS', body: message.slice(0, 300) });
    },
  );

  interface Shell {
    window: DashboardWindow;
    tray: TrayController;
    prompts: ApprovalPrompts;
    pushes: PushPipeline;
    renderTray(): void;
    renderAppMenu(): void;
    notify(options: NotificationOptions): void;
    requestQuit(): Promise<boolean>;
    quitLogged(): void;
  }

  function createShell(): Shell {
    let lastState: HostState | null = null;
    const window = new DashboardWindow({
      electron,
      preloadPath: join(options.appDir, '../preload/index.cjs'),
      rendererUrl,
      savedBounds: () => settings.get().window,
      saveBounds: (bounds) =>
        void settings
          .update({ window: bounds })
          .catch((e: unknown) => log(`frontier-sos: window state not saved: ${String(e)}`)),
      log,
    });
    const save = (patch: Parameters<SettingsStore['update']>[0]) =>
      void settings.update(patch).catch((e: unknown) => log(`frontier-sos: settings not saved: ${String(e)}`));

    const answer = async (id: string, decision: 'approve' | 'deny' | 'approve-anyway') =>
      (await handlers['approvals.answer']({ id, decision })).accepted;
    const actions: TrayActions = {
      openDashboard: () => void window.open(),
      answer: (id, decision) =>
        void answer(id, decision).catch((error: unknown) =>
          log(`frontier-sos: the tray's answer to approval ${id} was not taken: ${String(error)}`),
        ),
      setPaused: (paused) =>
        void handlers['queue.pause']({ paused }).then(renderTray, (error: unknown) =>
          log(`frontier-sos: the queue could not be ${paused ? 'paused' : 'resumed'}: ${String(error)}`),
        ),
      setOpenAtLogin: (openAtLogin) => {
        app.setLoginItemSettings({ openAtLogin, args: ['--hidden'] });
        save({ openAtLogin });
        renderAppMenu();
        renderTray();
      },
      // The menus re-render (and the dashboard hears) through the locale's listener below.
      setLocale: (setting) =>
        void localeOwner
          .set(setting)
          .catch((e: unknown) => log(`frontier-sos: the language was not saved: ${String(e)}`)),
      quit: () => quitLogged(),
    };

    const tray = new TrayController(electron, resourcesDir(app), actions);
    // The broker is the truth of what is pending: the tray and the prompts read it, not a state
    // computed a moment earlier, so nothing answered reappears.
    const pendingViews = () => engine.approvals.pending().map(approvalView);
    function renderTray(): void {
      const settingsNow = settings.get();
      tray.update({
        state: lastState ? { ...lastState, approvals: pendingViews() } : null,
        paused: core.isPaused(),
        locale: localeOwner.resolved(),
        localeSetting: settingsNow.locale,
        openAtLogin: settingsNow.openAtLogin,
      });
    }
    function renderAppMenu(): void {
      const s = settings.get();
      electron.setApplicationMenu(
        electron.buildMenu(
          appMenuTemplate(
            {
              platform: electron.platform,
              locale: localeOwner.resolved(),
              localeSetting: s.locale,
              openAtLogin: s.openAtLogin,
              development: !app.isPackaged,
            },
            actions,
          ),
        ),
      );
    }

    // Notifications are kept referenced until closed: a collected one loses its click handler.
    const shown = new Set<NotificationLike>();
    function notify(notification: NotificationOptions): void {
      if (!electron.notificationsSupported()) return;
      const n = electron.createNotification(notification);
      shown.add(n);
      n.on('click', () => void window.open());
      n.on('close', () => shown.delete(n));
      n.show();
    }

    const prompts = new ApprovalPrompts({
      platform: electron.platform,
      locale: () => localeOwner.resolved(),
      showMessageBox: (parent, o) => electron.showMessageBox(parent, o),
      notificationsSupported: () => electron.notificationsSupported(),
      createNotification: (o) => electron.createNotification(o),
      openDashboard: () => window.openVisible(),
      answer,
      log,
    });
    const offApprovals = engine.approvals.onChange(() => {
      prompts.sync(pendingViews());
      renderTray();
      pushes.refresh();
    });

    const pushes = createPushPipeline(core, { log });
    // IPC only forwards what the pipeline emits, as the headless host's SSE stream does.
    pushes.connect((...event) => {
      const contents = window.current()?.webContents;
      if (contents && !contents.isDestroyed()) contents.send(eventChannel, ...event);
    });
    // The tray, the prompts and the memory notification read the same deltas: they need no queue
    // (HostState), and every other part of a delta is whole. No second state read, no second timer.
    pushes.connect((...[event, payload]) => {
      if (event !== 'state.delta') return;
      const previous = lastState;
      const { queue: _queue, ...state } = payload;
      lastState = state;
      renderTray();
      prompts.sync(pendingViews());
      const memory = memoryNotification(previous, state, localeOwner.resolved());
      if (memory) notify(memory);
    });
    // Native notifications read the core's notice itself: it says which swap it is about.
    const offNotices = core.on('notice', (notice) => {
      const n = noticeNotification(notice, localeOwner.resolved());
      if (n) notify(n);
    });
    const offLocale = localeOwner.onChange((setting) => {
      renderAppMenu();
      renderTray();
      pushes.emit('locale.changed', { setting });
    });
    // Approvals asked before this point (a restart mid-question) get their prompts now.
    prompts.sync(pendingViews());

    let asking = false;
    async function requestQuit(): Promise<boolean> {
      if (asking) return false;
      asking = true;
      try {
        const question = quitQuestion(core.currentSwap(), localeOwner.resolved());
        if (question) {
          const { response } = await electron.showMessageBox(window.current(), question);
          if (!quitConfirmed(response)) return false;
        }
        // Nothing new starts; the journal is sealed, so what still runs records no failure and is
        // queued again on the next start (Core.stop with no grace: the user is quitting now).
        await core.stop(0);
        offApprovals();
        offNotices();
        offLocale();
        pushes.dispose();
        prompts.dispose();
        unregisterIpc();
        // The window closes after this; its bounds are saved now, while the last write is awaited.
        window.saveBounds();
        await settings.flush();
        tray.destroy();
        quitAllowed = true;
        app.quit();
        return true;
      } finally {
        asking = false;
      }
    }

    // For menus and app events, which cannot await: a quit that failed is said, never lost.
    function quitLogged(): void {
      requestQuit().catch((error: unknown) => log(`frontier-sos: the quit did not complete: ${String(error)}`));
    }

    return { window, tray, prompts, pushes, renderTray, renderAppMenu, notify, requestQuit, quitLogged };
  }

  const s = shell;
  return {
    engine,
    window: s.window,
    tray: s.tray,
    prompts: s.prompts,
    settings,
    locale: () => localeOwner.resolved(),
    started,
    requestQuit: () => s.requestQuit(),
  };
}

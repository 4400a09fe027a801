import { join } from 'node:path';
import { eventChannel } from '../../shared/bridge';
import type { ContractHandlers } from '../../shared/contract';
import { hostHandlers } from '../compose/host-channels';
import { createPushPipeline, type PushPipeline } from '../compose/push-pipeline';
import type { DesktopEngine } from '../compose/desktop';
import { ApprovalPrompts, approvalView } from './approval-prompts';
import type { ElectronFacade } from './facade';
import { registerIpc, trustedSender, untilStarted } from './ipc';
import type { DisposableStore } from './lifecycle';
import type { DesktopLocale } from './locale';
import { ShellMenus } from './menus';
import { memoryNotification, noticeNotification } from './notifications';
import { Notifier } from './notifier';
import { quitQuestion, quitRequester } from './quit';
import type { SettingsStore } from './settings';
import type { HostState, TrayActions } from './tray-menu';
import { DashboardWindow } from './window';

export interface ShellOptions {
  electron: ElectronFacade;
  engine: DesktopEngine;
  started: Promise<void>;
  settings: SettingsStore;
  locale: DesktopLocale;
  appDir: string;
  resourcesDir: string;
  rendererUrl: string;
  log(line: string): void;
  /** Called once everything is let go of: the app may quit now. */
  quit(): void;
}

export interface Shell {
  window: DashboardWindow;
  menus: ShellMenus;
  prompts: ApprovalPrompts;
  pushes: PushPipeline;
  handlers: ContractHandlers;
  requestQuit(): Promise<boolean>;
  /** requestQuit for callers that cannot await (menus, app events): a failure is logged. */
  quitLogged(): void;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The desktop around a built engine, as small services that each register their disposers on
 * `store` as they are made. Quitting is `store.dispose()`, which lets go in reverse order: the
 * engine stops first (nothing new starts), then the listeners, the pushes, the prompts, IPC, the
 * window's place, the settings' last write and, last, the tray.
 */
export function createShell(options: ShellOptions, store: DisposableStore): Shell {
  const { electron, engine, settings, locale, log } = options;
  const { core } = engine;
  const { app } = electron;
  const save = (what: string, write: Promise<void>) =>
    void write.catch((error: unknown) => log(`frontier-sos: ${what} not saved: ${messageOf(error)}`));

  // The dashboard's handlers: the engine's, plus the locale the host owns; calls that change
  // something wait until the engine has started.
  const handlers = untilStarted(hostHandlers(core.handlers, locale), options.started);
  const answer = async (id: string, decision: 'approve' | 'deny' | 'approve-anyway') =>
    (await handlers['approvals.answer']({ id, decision })).accepted;

  // The broker is the truth of what is pending: the tray and the prompts read it, not a state
  // computed a moment earlier, so nothing answered reappears.
  const pendingViews = () => engine.approvals.pending().map(approvalView);
  let lastState: HostState | null = null;

  const actions: TrayActions = {
    openDashboard: () => void window.open(),
    answer: (id, decision) =>
      void answer(id, decision).catch((error: unknown) =>
        log(`frontier-sos: the tray's answer to approval ${id} was not taken: ${messageOf(error)}`),
      ),
    setPaused: (paused) =>
      void handlers['queue.pause']({ paused }).then(
        () => menus.renderTray(),
        (error: unknown) =>
          log(`frontier-sos: the queue could not be ${paused ? 'paused' : 'resumed'}: ${messageOf(error)}`),
      ),
    setOpenAtLogin: (openAtLogin) => {
      app.setLoginItemSettings({ openAtLogin, args: ['--hidden'] });
      save('start at login', settings.update({ openAtLogin }));
      menus.render();
    },
    // The menus re-render (and the dashboard hears) through the locale's listeners below.
    setLocale: (setting) => save('the language', locale.set(setting)),
    quit: () => void quitLogged(),
  };

  // Torn down last: the tray is what the user sees of a quitting app.
  const menus = store.add(
    'tray',
    new ShellMenus({
      electron,
      resourcesDir: options.resourcesDir,
      settings,
      locale,
      state: () => (lastState ? { ...lastState, approvals: pendingViews() } : null),
      isPaused: () => core.isPaused(),
      actions,
    }),
  );
  store.add('settings', () => settings.flush());

  const window = new DashboardWindow({
    electron,
    preloadPath: join(options.appDir, '../preload/index.cjs'),
    rendererUrl: options.rendererUrl,
    savedBounds: () => settings.get().window,
    saveBounds: (bounds) => save('the window state', settings.update({ window: bounds })),
    log,
  });
  // The window closes after the quit; its bounds are saved before the settings' last write is awaited.
  store.add('window bounds', () => window.saveBounds());
  const notifier = new Notifier(electron, () => void window.open());

  store.add('ipc', registerIpc(electron.ipcMain, handlers, trustedSender(options.rendererUrl)));

  const prompts = store.add(
    'approval prompts',
    new ApprovalPrompts({
      platform: electron.platform,
      locale: () => locale.resolved(),
      showMessageBox: (parent, o) => electron.showMessageBox(parent, o),
      notificationsSupported: () => electron.notificationsSupported(),
      createNotification: (o) => electron.createNotification(o),
      openDashboard: () => window.openVisible(),
      answer,
      log,
    }),
  );

  const pushes = store.add('pushes', createPushPipeline(core, { log }));
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
    menus.renderTray();
    prompts.sync(pendingViews());
    notifier.notify(memoryNotification(previous, state, locale.resolved()));
  });

  store.add(
    'language listener',
    locale.onChange((setting) => {
      menus.render();
      pushes.emit('locale.changed', { setting });
    }),
  );
  // Native notifications read the core's notice itself: it says which swap it is about.
  store.add(
    'notice listener',
    core.on('notice', (notice) => notifier.notify(noticeNotification(notice, locale.resolved()))),
  );
  store.add(
    'approval listener',
    engine.approvals.onChange(() => {
      prompts.sync(pendingViews());
      menus.renderTray();
      pushes.refresh();
    }),
  );
  // Registered last, so it runs first on quit: nothing new starts, the journal is sealed, and what
  // still runs records no failure and is queued again on the next start (no grace: the user is
  // quitting now).
  store.add('engine', () => core.stop(0));

  options.started.then(
    () => pushes.refresh(),
    (error: unknown) => {
      log(`frontier-sos: the engine did not start: ${messageOf(error)}`);
      notifier.notify({ title: 'Frontier SOS', body: messageOf(error).slice(0, 300) });
    },
  );
  // Approvals asked before this point (a restart mid-question) get their prompts now.
  prompts.sync(pendingViews());

  const requestQuit = quitRequester({
    question: () => quitQuestion(core.currentSwap(), locale.resolved()),
    ask: (question) => electron.showMessageBox(window.current(), question),
    quit: async () => {
      await store.dispose();
      options.quit();
    },
  });

  // For menus and app events, which cannot await: a quit that failed is said, never lost.
  const quitLogged = () =>
    void requestQuit().catch((error: unknown) => log(`frontier-sos: the quit did not complete: ${messageOf(error)}`));

  return { window, menus, prompts, pushes, handlers, requestQuit, quitLogged };
}

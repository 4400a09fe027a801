import { EventEmitter } from 'node:events';
import type {
  AppLike,
  ElectronFacade,
  IpcMainInvokeEventLike,
  MenuItemTemplate,
  MessageBoxOptions,
  NotificationLike,
  NotificationOptions,
  PreventableEvent,
  SafeStorageLike,
  SessionLike,
  TrayLike,
  WebContentsLike,
  WindowLike,
  WindowOptions,
} from '../../src/main/facade';

/** A preventable event as Electron hands it to listeners. */
export function preventable(): PreventableEvent & { prevented: boolean } {
  const event = { prevented: false, preventDefault: () => void (event.prevented = true) };
  return event;
}

export class FakeWebContents extends EventEmitter implements WebContentsLike {
  sent: Array<{ channel: string; args: unknown[] }> = [];
  openHandler: ((d: { url: string }) => { action: 'deny' } | { action: 'allow' }) | null = null;
  destroyed = false;
  send(channel: string, ...args: unknown[]) {
    this.sent.push({ channel, args });
  }
  isDestroyed() {
    return this.destroyed;
  }
  setWindowOpenHandler(handler: (d: { url: string }) => { action: 'deny' } | { action: 'allow' }) {
    this.openHandler = handler;
  }
}

export class FakeWindow extends EventEmitter implements WindowLike {
  readonly webContents = new FakeWebContents();
  visible = false;
  destroyed = false;
  maximized = false;
  loaded: string | null = null;
  bounds = { x: 10, y: 20, width: 1000, height: 700 };
  constructor(readonly options: WindowOptions) {
    super();
  }
  show() {
    if (this.visible) return;
    this.visible = true;
    this.emit('show');
  }
  focus() {}
  isVisible() {
    return this.visible;
  }
  isDestroyed() {
    return this.destroyed;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  isMaximized() {
    return this.maximized;
  }
  maximize() {
    this.maximized = true;
  }
  getNormalBounds() {
    return this.bounds;
  }
  async loadURL(url: string) {
    this.loaded = url;
    this.emit('ready-to-show');
  }
  /** What the user closing the window does. */
  close() {
    const event = preventable();
    this.emit('close', event);
    if (event.prevented) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

export class FakeTray extends EventEmitter implements TrayLike {
  image: unknown;
  tooltip = '';
  menu: unknown = null;
  menus = 0;
  destroyed = false;
  constructor(image: unknown) {
    super();
    this.image = image;
  }
  setImage(image: unknown) {
    this.image = image;
  }
  setToolTip(text: string) {
    this.tooltip = text;
  }
  setContextMenu(menu: unknown) {
    this.menu = menu;
    this.menus += 1;
  }
  destroy() {
    this.destroyed = true;
  }
}

export class FakeNotification extends EventEmitter implements NotificationLike {
  shown = false;
  closed = false;
  constructor(readonly options: NotificationOptions) {
    super();
  }
  show() {
    this.shown = true;
  }
  close() {
    this.closed = true;
    this.emit('close');
  }
  /** What clicking one of the macOS action buttons does. */
  clickAction(index: number) {
    this.emit('action', { actionIndex: index }, index);
  }
}

export interface FakeMessageBox {
  parent: WindowLike | null;
  options: MessageBoxOptions;
  /** Closed by its signal (from code), not by the user. */
  aborted: boolean;
  settled: boolean;
  /** What clicking a button does. */
  press(index: number): void;
}

export class FakeApp extends EventEmitter implements AppLike {
  lock = true;
  quits = 0;
  exitCode: number | null = null;
  loginItem = { openAtLogin: false, wasOpenedAtLogin: false };
  loginItemCalls: Array<{ openAtLogin: boolean; args?: string[] }> = [];
  dockVisible = true;
  readonly isPackaged = false;
  readonly dock = { show: () => void (this.dockVisible = true), hide: () => void (this.dockVisible = false) };
  constructor(
    private readonly paths: { userData: string; documents: string },
    private readonly appPath: string,
  ) {
    super();
  }
  requestSingleInstanceLock() {
    return this.lock;
  }
  /** Set once whenReady was asked for and resolved (schemes must be registered before). */
  ready = false;
  whenReady() {
    this.ready = true;
    return Promise.resolve();
  }
  /** Like Electron: before-quit can be prevented; if not, the app goes. */
  quit() {
    const event = preventable();
    this.emit('before-quit', event);
    if (!event.prevented) this.quits += 1;
  }
  exit(code = 0) {
    this.exitCode = code;
  }
  getPath(name: 'userData' | 'documents') {
    return this.paths[name];
  }
  getAppPath() {
    return this.appPath;
  }
  getLocale() {
    return 'en-US';
  }
  getPreferredSystemLanguages() {
    return ['ko-KR', 'en-US'];
  }
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }) {
    this.loginItemCalls.push(settings);
    this.loginItem.openAtLogin = settings.openAtLogin;
  }
  getLoginItemSettings() {
    return this.loginItem;
  }
}

/** Electron's safeStorage stand-in: reversible, but never the clear text on disk. */
export const fakeSafeStorage = (available = true): SafeStorageLike => ({
  isEncryptionAvailable: () => available,
  encryptString: (text) => Buffer.from(`enc:${Buffer.from(text).toString('hex').split('').reverse().join('')}`),
  decryptString: (data) => {
    const text = data.toString();
    if (!text.startsWith('enc:')) throw new Error('not ours');
    return Buffer.from(text.slice(4).split('').reverse().join(''), 'hex').toString();
  },
});

export interface FakeElectron extends ElectronFacade {
  readonly app: FakeApp;
  windows: FakeWindow[];
  trays: FakeTray[];
  notifications: FakeNotification[];
  boxes: FakeMessageBox[];
  menus: MenuItemTemplate[][];
  applicationMenu: MenuItemTemplate[] | null;
  opened: string[];
  ipcHandlers: Map<string, (event: IpcMainInvokeEventLike, ...args: unknown[]) => unknown>;
  session: SessionLike & {
    headers:
      | ((
          details: { url: string; responseHeaders?: Record<string, string[]> },
          cb: (r: { responseHeaders?: Record<string, string[]> }) => void,
        ) => void)
      | null;
    permissionRequest: ((contents: unknown, permission: string, cb: (granted: boolean) => void) => void) | null;
    permissionCheck: ((contents: unknown, permission: string) => boolean) | null;
  };
  /** The menu template a built menu came from (menus are our templates here). */
  templateOf(menu: unknown): MenuItemTemplate[];
  /** Schemes registered before ready, and the handler serving each once ready. */
  schemes: {
    registered: string[];
    handlers: Map<string, (request: { url: string }) => Promise<Response>>;
    registeredBeforeReady: boolean;
  };
}

/**
 * Everything `src/main` asks of Electron, as recording fakes. Built menus are the templates
 * themselves, so a test can find an item and click it as the user would.
 */
export function fakeElectron(
  options: {
    platform?: NodeJS.Platform;
    userData?: string;
    documents?: string;
    appPath?: string;
    safeStorage?: SafeStorageLike;
    notifications?: boolean;
  } = {},
): FakeElectron {
  const app = new FakeApp(
    { userData: options.userData ?? '/tmp/fsos-user', documents: options.documents ?? '/tmp/fsos-docs' },
    options.appPath ?? process.cwd(),
  );
  const fake: FakeElectron = {
    platform: options.platform ?? 'darwin',
    schemes: { registered: [], handlers: new Map(), registeredBeforeReady: false },
    registerAppScheme(scheme) {
      fake.schemes.registered.push(scheme);
      fake.schemes.registeredBeforeReady = !app.ready;
    },
    serveAppScheme(scheme, handler) {
      fake.schemes.handlers.set(scheme, handler);
    },
    app,
    windows: [],
    trays: [],
    notifications: [],
    boxes: [],
    menus: [],
    applicationMenu: null,
    opened: [],
    ipcHandlers: new Map(),
    ipcMain: {
      handle: (channel, listener) => void fake.ipcHandlers.set(channel, listener),
      removeHandler: (channel) => void fake.ipcHandlers.delete(channel),
    },
    safeStorage: options.safeStorage ?? fakeSafeStorage(),
    session: {
      headers: null,
      permissionRequest: null,
      permissionCheck: null,
      webRequest: { onHeadersReceived: (listener) => void (fake.session.headers = listener) },
      setPermissionRequestHandler: (handler) => void (fake.session.permissionRequest = handler),
      setPermissionCheckHandler: (handler) => void (fake.session.permissionCheck = handler),
    },
    defaultSession: () => fake.session,
    createWindow(windowOptions) {
      const window = new FakeWindow(windowOptions);
      fake.windows.push(window);
      app.emit('web-contents-created', {}, window.webContents);
      return window;
    },
    displays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
    createTray(image) {
      const tray = new FakeTray(image);
      fake.trays.push(tray);
      return tray;
    },
    imageFromPath: (path) => ({ path }),
    buildMenu(template) {
      fake.menus.push(template);
      return { template };
    },
    setApplicationMenu: (menu) =>
      void (fake.applicationMenu = menu ? (menu as { template: MenuItemTemplate[] }).template : null),
    notificationsSupported: () => options.notifications ?? true,
    createNotification(notificationOptions) {
      const notification = new FakeNotification(notificationOptions);
      fake.notifications.push(notification);
      return notification;
    },
    showMessageBox(parent, boxOptions) {
      return new Promise((resolve) => {
        const box: FakeMessageBox = {
          parent,
          options: boxOptions,
          aborted: false,
          settled: false,
          press(index) {
            if (box.settled) throw new Error('This message box is already closed.');
            box.settled = true;
            resolve({ response: index });
          },
        };
        // Like Electron: an aborted box closes as if cancelled.
        boxOptions.signal?.addEventListener('abort', () => {
          if (box.settled) return;
          box.settled = true;
          box.aborted = true;
          resolve({ response: boxOptions.cancelId });
        });
        fake.boxes.push(box);
      });
    },
    openExternal: async (url) => void fake.opened.push(url),
    templateOf: (menu) => (menu as { template: MenuItemTemplate[] }).template,
  };
  return fake;
}

/** Finds a menu item by id anywhere in a template. */
export function findItem(template: MenuItemTemplate[], id: string): MenuItemTemplate | undefined {
  for (const item of template) {
    if (item.id === id) return item;
    const inner = item.submenu ? findItem(item.submenu, id) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

/** Every label of a template, depth first (for "does the menu say X" checks). */
export function labels(template: MenuItemTemplate[]): string[] {
  return template.flatMap((item) => [
    ...(item.label ? [item.label] : []),
    ...(item.submenu ? labels(item.submenu) : []),
  ]);
}

/** Lets promise callbacks (not timers) run: the fakes answer in microtasks. */
export async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * The slice of Electron the main-process modules use. The entry (`index.ts`) builds it from the
 * real `electron` module; tests pass plain objects, so the lifecycle, tray, dialogs, notifications
 * and IPC are tested without the binary. Only what we call is here, with Electron's own names.
 */

/** An Electron event whose default can be prevented (navigation, quit, window close). */
export interface PreventableEvent {
  preventDefault(): void;
}

export interface IpcMainInvokeEventLike {
  /** null once the frame navigated away or was destroyed. `parent` is null for a top-level frame. */
  senderFrame: { url: string; parent?: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WebContentsLike {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void;
  on(
    event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate',
    listener: (event: PreventableEvent, url: string) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
}

export interface WindowLike {
  readonly webContents: WebContentsLike;
  show(): void;
  focus(): void;
  isVisible(): boolean;
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  isMaximized(): boolean;
  maximize(): void;
  getNormalBounds(): Rectangle;
  loadURL(url: string): Promise<void>;
  on(event: 'close', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'closed' | 'ready-to-show' | 'show' | 'hide', listener: () => void): unknown;
  once(event: 'ready-to-show' | 'show', listener: () => void): unknown;
}

export interface WindowOptions {
  width: number;
  height: number;
  x?: number;
  y?: number;
  minWidth: number;
  minHeight: number;
  show: boolean;
  title: string;
  backgroundColor?: string;
  webPreferences: Record<string, unknown>;
}

/** Electron's template shape for menus (application menu and tray menu). */
export interface MenuItemTemplate {
  id?: string;
  label?: string;
  type?: 'normal' | 'separator' | 'submenu' | 'checkbox' | 'radio';
  role?: MenuRole;
  accelerator?: string;
  enabled?: boolean;
  checked?: boolean;
  toolTip?: string;
  click?: () => void;
  submenu?: MenuItemTemplate[];
}

export type MenuRole =
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'close'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'selectAll'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'window'
  | 'minimize'
  | 'zoom'
  | 'front'
  | 'help'
  | 'appMenu'
  | 'fileMenu'
  | 'editMenu'
  | 'viewMenu'
  | 'windowMenu';

/** What a built menu is to us: something to hand back to Electron. */
export type MenuHandle = object;
/** A native image: opaque to us, made from a path by the facade. */
export type ImageHandle = unknown;

export interface TrayLike {
  setImage(image: ImageHandle): void;
  setToolTip(text: string): void;
  setContextMenu(menu: MenuHandle | null): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface NotificationOptions {
  title: string;
  body: string;
  silent?: boolean;
  /** macOS: buttons on the notification (shown when the user's alert style allows). */
  actions?: Array<{ type: 'button'; text: string }>;
  closeButtonText?: string;
}

export interface NotificationLike {
  show(): void;
  close(): void;
  on(event: 'click' | 'close', listener: () => void): unknown;
  on(event: 'action', listener: (details: { actionIndex?: number } | unknown, actionIndex?: number) => void): unknown;
}

export interface MessageBoxOptions {
  type: 'none' | 'info' | 'error' | 'question' | 'warning';
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
  noLink: boolean;
  /** Closes the box as if cancelled (not for a parentless box on macOS, which runs modal). */
  signal?: AbortSignal;
}

export interface AppLike {
  requestSingleInstanceLock(): boolean;
  whenReady(): Promise<unknown>;
  quit(): void;
  exit(code?: number): void;
  getPath(name: 'userData' | 'documents'): string;
  getAppPath(): string;
  getLocale(): string;
  getPreferredSystemLanguages?(): string[];
  setLoginItemSettings(settings: { openAtLogin: boolean; openAsHidden?: boolean; args?: string[] }): void;
  getLoginItemSettings(): { openAtLogin: boolean; wasOpenedAtLogin?: boolean };
  readonly isPackaged: boolean;
  readonly dock?: { show(): Promise<void> | void; hide(): void } | undefined;
  on(event: 'second-instance' | 'activate' | 'window-all-closed', listener: () => void): unknown;
  on(event: 'before-quit' | 'will-quit', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'web-contents-created', listener: (event: unknown, contents: WebContentsLike) => void): unknown;
}

export interface SessionLike {
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { url: string; responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
      ) => void,
    ): void;
  };
  setPermissionRequestHandler(
    handler: ((webContents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null,
  ): void;
  setPermissionCheckHandler(handler: ((webContents: unknown, permission: string) => boolean) | null): void;
}

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export interface ElectronFacade {
  readonly platform: NodeJS.Platform;
  /** Before the app is ready: declares the app:// scheme standard and secure (app-protocol.ts). */
  registerAppScheme(scheme: string): void;
  /** Once ready: answers every request of that scheme. */
  serveAppScheme(scheme: string, handler: (request: { url: string }) => Promise<Response>): void;
  readonly app: AppLike;
  readonly ipcMain: IpcMainLike;
  readonly safeStorage: SafeStorageLike;
  defaultSession(): SessionLike;
  createWindow(options: WindowOptions): WindowLike;
  displays(): Array<{ workArea: Rectangle }>;
  createTray(image: ImageHandle): TrayLike;
  imageFromPath(path: string): ImageHandle;
  buildMenu(template: MenuItemTemplate[]): MenuHandle;
  setApplicationMenu(menu: MenuHandle | null): void;
  notificationsSupported(): boolean;
  createNotification(options: NotificationOptions): NotificationLike;
  showMessageBox(parent: WindowLike | null, options: MessageBoxOptions): Promise<{ response: number }>;
  openExternal(url: string): Promise<void>;
}

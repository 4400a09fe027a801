import type * as Electron from 'electron';
import type { ElectronFacade, MenuItemTemplate } from './facade';

type ElectronModule = typeof Electron;

/**
 * The real Electron behind the facade. Modules are read when first used, not here: `screen` and
 * `session` may only be touched once the app is ready.
 */
export function electronFacade(electron: ElectronModule): ElectronFacade {
  return {
    platform: process.platform,
    registerAppScheme: (scheme) =>
      electron.protocol.registerSchemesAsPrivileged([
        { scheme, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
      ]),
    serveAppScheme: (scheme, handler) => electron.protocol.handle(scheme, (request) => handler(request)),
    get app() {
      return electron.app;
    },
    get ipcMain() {
      return electron.ipcMain;
    },
    get safeStorage() {
      return electron.safeStorage;
    },
    defaultSession: () => electron.session.defaultSession,
    createWindow: (options) => new electron.BrowserWindow(options),
    displays: () => electron.screen.getAllDisplays(),
    createTray: (image) => new electron.Tray(image as Electron.NativeImage),
    imageFromPath: (path) => electron.nativeImage.createFromPath(path),
    buildMenu: (template: MenuItemTemplate[]) => electron.Menu.buildFromTemplate(template),
    setApplicationMenu: (menu) => electron.Menu.setApplicationMenu(menu as Electron.Menu | null),
    notificationsSupported: () => electron.Notification.isSupported(),
    createNotification: (options) => new electron.Notification(options),
    showMessageBox: (parent, options) =>
      parent
        ? electron.dialog.showMessageBox(parent as unknown as Electron.BrowserWindow, options)
        : electron.dialog.showMessageBox(options),
    openExternal: (url) => electron.shell.openExternal(url),
  };
}

import { app, BrowserWindow, ipcMain, shell } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ollamaUrl } from '../adapters/ollama/host-url';
import { composeCore } from '../compose/core';
import { registerIpc, trustedSender } from './ipc';
import { dashboardWindowOptions } from './window-options';

// Thin host: wires the core to Electron. The tray, dialogs and notifications arrive with the
// Electron shell issue, each as a module that takes the electron facade.
const here = dirname(fileURLToPath(import.meta.url));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const rendererUrl = process.env['ELECTRON_RENDERER_URL'] ?? pathToFileURL(join(here, '../renderer/index.html')).href;
  const workspaceDir = join(app.getPath('documents'), 'Frontier SOS');
  const { core } = composeCore({ ollamaUrl: ollamaUrl(), workspaceDir });
  let window: BrowserWindow | null = null;

  const showWindow = () => {
    if (window) {
      window.show();
      window.focus();
      return;
    }
    window = new BrowserWindow(dashboardWindowOptions(join(here, '../preload/index.cjs')));
    window.webContents.on('will-navigate', (event) => event.preventDefault());
    window.webContents.setWindowOpenHandler(({ url }) => {
      if (url.startsWith('https://')) void shell.openExternal(url);
      return { action: 'deny' };
    });
    window.once('ready-to-show', () => window?.show());
    window.on('closed', () => (window = null));
    void window.loadURL(rendererUrl);
  };

  app.on('second-instance', showWindow);
  void app.whenReady().then(() => {
    registerIpc(ipcMain, core.handlers, trustedSender(rendererUrl));
    showWindow();
    app.on('activate', showWindow);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

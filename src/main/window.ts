import type { ElectronFacade, WindowLike } from './facade';
import type { WindowBounds } from './settings';
import { dashboardWindowOptions } from './window-options';
import { boundsToSave, restoreBounds } from './window-state';

export interface DashboardWindowDeps {
  electron: Pick<ElectronFacade, 'createWindow' | 'displays' | 'app' | 'platform'>;
  preloadPath: string;
  rendererUrl: string;
  savedBounds(): WindowBounds | null;
  saveBounds(bounds: WindowBounds): void;
  log(line: string): void;
}

/**
 * The one dashboard window. Closing it destroys it (its renderer's memory goes back to the
 * models); the app lives on in the menu bar and opens a fresh window on demand.
 */
export class DashboardWindow {
  private window: WindowLike | null = null;

  constructor(private readonly deps: DashboardWindowDeps) {}

  current(): WindowLike | null {
    return this.window && !this.window.isDestroyed() ? this.window : null;
  }

  /** Shows the window, creating it if there is none, and brings it to the front. */
  open(): WindowLike {
    const existing = this.current();
    if (existing) {
      if (existing.isMinimized()) existing.restore();
      existing.show();
      existing.focus();
      return existing;
    }
    const { electron } = this.deps;
    const { maximized, ...bounds } = restoreBounds(this.deps.savedBounds(), electron.displays());
    const window = electron.createWindow(dashboardWindowOptions(this.deps.preloadPath, bounds));
    this.window = window;
    if (electron.platform === 'darwin') void electron.app.dock?.show();
    window.once('ready-to-show', () => {
      if (maximized) window.maximize();
      window.show();
      window.focus();
    });
    window.on('close', () => this.saveBounds());
    window.on('closed', () => {
      if (this.window === window) this.window = null;
      // A menu-bar app: no Dock icon while no window is open.
      if (electron.platform === 'darwin') electron.app.dock?.hide();
    });
    // A page that fails to load still gets its window, so whatever waits on it is not stuck.
    window.loadURL(this.deps.rendererUrl).catch((error: unknown) => {
      this.deps.log(
        `frontier-sos: the dashboard did not load from ${this.deps.rendererUrl}: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (!window.isDestroyed()) window.show();
    });
    return window;
  }

  /** Remembers where the window is now (quitting saves it before the last write is awaited). */
  saveBounds(): void {
    const window = this.current();
    if (window) this.deps.saveBounds(boundsToSave(window.getNormalBounds(), window.isMaximized()));
  }

  /** Opens the window and resolves once it is on screen (a sheet needs a visible parent). */
  async openVisible(): Promise<WindowLike> {
    const window = this.open();
    if (!window.isVisible()) await new Promise<void>((resolve) => window.once('show', () => resolve()));
    return window;
  }
}

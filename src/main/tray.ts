import { join } from 'node:path';
import type { ElectronFacade, ImageHandle, MenuItemTemplate, TrayLike } from './facade';
import {
  trayIcon,
  trayIconFiles,
  trayMenuTemplate,
  trayTooltip,
  type TrayActions,
  type TrayIcon,
  type TrayView,
} from './tray-menu';

/** What a template looks like, without its click handlers: equal signatures need no rebuild. */
export function menuSignature(template: MenuItemTemplate[]): string {
  return JSON.stringify(template, (_key, value: unknown) => (typeof value === 'function' ? undefined : value));
}

/**
 * The menu-bar icon. Every update is a pure view → (icon, tooltip, menu); the menu is handed to
 * Electron again only when it changed, so an open menu is not pulled from under the user's pointer
 * by a stream of identical state pushes.
 */
export class TrayController {
  private tray: TrayLike | null = null;
  private icon: TrayIcon | null = null;
  private signature = '';
  private readonly images = new Map<TrayIcon, ImageHandle>();

  constructor(
    private readonly electron: Pick<ElectronFacade, 'createTray' | 'imageFromPath' | 'buildMenu' | 'platform'>,
    private readonly resourcesDir: string,
    private readonly actions: TrayActions,
  ) {}

  update(view: TrayView): void {
    const icon = trayIcon(view.state);
    if (!this.tray) {
      this.tray = this.electron.createTray(this.image(icon));
      // macOS opens the menu on click by itself; elsewhere a click opens the dashboard.
      if (this.electron.platform !== 'darwin') this.tray.on('click', () => this.actions.openDashboard());
    } else if (icon !== this.icon) {
      this.tray.setImage(this.image(icon));
    }
    this.icon = icon;
    this.tray.setToolTip(trayTooltip(view));
    const template = trayMenuTemplate(view, this.actions);
    const signature = menuSignature(template);
    if (signature !== this.signature) {
      this.signature = signature;
      this.tray.setContextMenu(this.electron.buildMenu(template));
    }
  }

  currentIcon(): TrayIcon | null {
    return this.icon;
  }

  destroy(): void {
    this.tray?.destroy();
    this.tray = null;
  }

  private image(icon: TrayIcon): ImageHandle {
    let image = this.images.get(icon);
    if (!image) {
      // Electron picks up the `@2x` file beside this one by itself.
      image = this.electron.imageFromPath(join(this.resourcesDir, trayIconFiles(icon).normal));
      this.images.set(icon, image);
    }
    return image;
  }
}

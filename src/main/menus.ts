import { appMenuTemplate } from './app-menu';
import type { ElectronFacade } from './facade';
import type { DesktopLocale } from './locale';
import type { SettingsStore } from './settings';
import { TrayController } from './tray';
import type { HostState, TrayActions } from './tray-menu';

export interface ShellMenusDeps {
  electron: ElectronFacade;
  resourcesDir: string;
  settings: SettingsStore;
  locale: DesktopLocale;
  /** The last pushed state, its approvals taken from the broker (null until the engine answered). */
  state(): HostState | null;
  isPaused(): boolean;
  actions: TrayActions;
}

/** The menu-bar icon and the application menu: both re-rendered from the settings and the last state. */
export class ShellMenus {
  readonly tray: TrayController;

  constructor(private readonly deps: ShellMenusDeps) {
    this.tray = new TrayController(deps.electron, deps.resourcesDir, deps.actions);
  }

  render(): void {
    this.renderAppMenu();
    this.renderTray();
  }

  renderTray(): void {
    const { settings, locale } = this.deps;
    this.tray.update({
      state: this.deps.state(),
      paused: this.deps.isPaused(),
      locale: locale.resolved(),
      localeSetting: settings.get().locale,
      openAtLogin: settings.get().openAtLogin,
    });
  }

  renderAppMenu(): void {
    const { electron, settings, locale } = this.deps;
    const template = appMenuTemplate(
      {
        platform: electron.platform,
        locale: locale.resolved(),
        localeSetting: settings.get().locale,
        openAtLogin: settings.get().openAtLogin,
        development: !electron.app.isPackaged,
      },
      this.deps.actions,
    );
    electron.setApplicationMenu(electron.buildMenu(template));
  }

  dispose(): void {
    this.tray.destroy();
  }
}

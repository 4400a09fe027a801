import type { Locale } from '../../shared/i18n';
import type { MenuItemTemplate } from './facade';
import { preferenceItems, type TrayActions } from './tray-menu';
import { tr, type LocaleSetting } from './text';

export interface AppMenuOptions {
  platform: NodeJS.Platform;
  locale: Locale;
  localeSetting: LocaleSetting;
  openAtLogin: boolean;
  /** Reload and developer tools only in development: a packaged app has no use for them. */
  development: boolean;
}

export type AppMenuActions = Pick<TrayActions, 'openDashboard' | 'setOpenAtLogin' | 'setLocale' | 'quit'>;

/**
 * The application menu as a pure template. Quitting goes through `actions.quit` rather than the
 * `quit` role, so the in-progress-swap question is asked whichever way the user quits.
 */
export function appMenuTemplate(options: AppMenuOptions, actions: AppMenuActions): MenuItemTemplate[] {
  const { locale, platform } = options;
  const mac = platform === 'darwin';
  const quit: MenuItemTemplate = {
    id: 'quit',
    label: tr(locale, 'menu.quit'),
    accelerator: 'CmdOrCtrl+Q',
    click: () => actions.quit(),
  };
  const about: MenuItemTemplate = { role: 'about', label: tr(locale, 'menu.about') };
  const prefs = preferenceItems(options, actions);
  const open: MenuItemTemplate = {
    id: 'open',
    label: tr(locale, 'tray.open'),
    accelerator: 'CmdOrCtrl+0',
    click: () => actions.openDashboard(),
  };

  const template: MenuItemTemplate[] = [];
  if (mac) {
    template.push({
      label: 'Frontier SOS',
      submenu: [
        about,
        { type: 'separator' },
        ...prefs,
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide', label: tr(locale, 'menu.hide') },
        { role: 'hideOthers', label: tr(locale, 'menu.hideOthers') },
        { role: 'unhide', label: tr(locale, 'menu.unhide') },
        { type: 'separator' },
        quit,
      ],
    });
  }
  template.push({
    label: tr(locale, 'menu.file'),
    submenu: mac
      ? [open, { type: 'separator' }, { role: 'close', label: tr(locale, 'menu.close') }]
      : [open, { type: 'separator' }, ...prefs, { type: 'separator' }, quit],
  });
  template.push({
    label: tr(locale, 'menu.edit'),
    submenu: [
      { role: 'undo', label: tr(locale, 'menu.undo') },
      { role: 'redo', label: tr(locale, 'menu.redo') },
      { type: 'separator' },
      { role: 'cut', label: tr(locale, 'menu.cut') },
      { role: 'copy', label: tr(locale, 'menu.copy') },
      { role: 'paste', label: tr(locale, 'menu.paste') },
      { role: 'selectAll', label: tr(locale, 'menu.selectAll') },
    ],
  });
  template.push({
    label: tr(locale, 'menu.view'),
    submenu: [
      ...(options.development
        ? [
            { role: 'reload', label: tr(locale, 'menu.reload') } as const,
            { role: 'toggleDevTools', label: tr(locale, 'menu.devTools') } as const,
            { type: 'separator' } as const,
          ]
        : []),
      { role: 'resetZoom', label: tr(locale, 'menu.resetZoom') },
      { role: 'zoomIn', label: tr(locale, 'menu.zoomIn') },
      { role: 'zoomOut', label: tr(locale, 'menu.zoomOut') },
      { type: 'separator' },
      { role: 'togglefullscreen', label: tr(locale, 'menu.fullScreen') },
    ],
  });
  template.push({
    label: tr(locale, 'menu.window'),
    role: 'window',
    submenu: mac
      ? [
          { role: 'minimize', label: tr(locale, 'menu.minimize') },
          { role: 'zoom', label: tr(locale, 'menu.zoom') },
          { type: 'separator' },
          { role: 'front', label: tr(locale, 'menu.front') },
        ]
      : [
          { role: 'minimize', label: tr(locale, 'menu.minimize') },
          { role: 'close', label: tr(locale, 'menu.close') },
        ],
  });
  // On macOS "About" lives in the app menu; elsewhere it gets a Help menu of its own.
  if (!mac) template.push({ label: tr(locale, 'menu.help'), role: 'help', submenu: [about] });
  return template;
}

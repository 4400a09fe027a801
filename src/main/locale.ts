import type { Locale } from '../../shared/i18n';
import { resolveLocale, type LocaleSetting } from '../../shared/locale';
import { localeListeners, type LocaleOwner } from '../compose/host-channels';
import type { SettingsStore } from './settings';

/**
 * The desktop's one owner of the language: the choice lives in userData/settings.json; the tray,
 * the application menu, the dialogs and the dashboard (locale.get / locale.set, locale.changed)
 * all follow it. "system" is resolved from the system's preferred languages.
 */
export class DesktopLocale implements LocaleOwner {
  private readonly listeners = localeListeners();

  constructor(
    private readonly settings: SettingsStore,
    private readonly systemLanguages: () => readonly string[],
    private readonly log: (line: string) => void,
  ) {}

  get(): LocaleSetting {
    return this.settings.get().locale;
  }

  /** The language the host's own surfaces speak now. */
  resolved(): Locale {
    return resolveLocale(this.get(), this.systemLanguages());
  }

  /** In effect at once (the listeners re-render); resolves when it is on disk. */
  set(setting: LocaleSetting): Promise<void> {
    const changed = setting !== this.get();
    const saved = this.settings.update({ locale: setting });
    if (changed) this.listeners.tell(setting, this.log);
    return saved;
  }

  onChange(listener: (setting: LocaleSetting) => void): () => void {
    return this.listeners.on(listener);
  }
}

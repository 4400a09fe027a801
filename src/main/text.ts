import { fill, localeFromTag, messages, type Locale, type MessageKey } from '../../shared/i18n';

export type LocaleSetting = 'system' | Locale;

/** The app's language: the user's choice, else the first system language we speak, else English. */
export function resolveLocale(setting: LocaleSetting, systemTags: readonly string[]): Locale {
  if (setting !== 'system') return setting;
  const spoken = systemTags.find((tag) => /^(ko|en)\b/i.test(tag));
  return localeFromTag(spoken ?? systemTags[0] ?? 'en');
}

/** A UI string with its `{name}` placeholders filled; an unknown name stays visible so a slip shows. */
export function tr(locale: Locale, key: MessageKey, values: Record<string, string | number> = {}): string {
  return fill(messages[locale][key], values);
}

/** Bytes as GB with one decimal: decimal units, as Ollama, the approval text and the dashboard use. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(0)} MB`;
  return `${Math.round(bytes / 1e3)} kB`;
}

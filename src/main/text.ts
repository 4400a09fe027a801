import { fill, messages, type Locale, type MessageKey } from '../../shared/i18n';

// The language choice is in the contract now (locale.get / locale.set); these stay importable here.
export { resolveLocale, type LocaleSetting } from '../../shared/locale';

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

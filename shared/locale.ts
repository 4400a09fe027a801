import { z } from 'zod';
import { localeFromTag, type Locale } from './i18n';

/** The user's choice of language: a language, or "system" (follow the language of where it is shown). */
export const localeSettingSchema = z.enum(['system', 'ko', 'en']);
export type LocaleSetting = z.infer<typeof localeSettingSchema>;

/** What the locale channels answer: the host owns the choice (docs/architecture.md, "The language"). */
export const localeViewSchema = z.object({ setting: localeSettingSchema });
export type LocaleView = z.infer<typeof localeViewSchema>;

/**
 * The language to show: the user's choice, else the first of `systemTags` (most preferred first)
 * we speak, else English. "system" is resolved where the words are shown: the desktop host from
 * the system's languages for its tray and dialogs, the dashboard from its browser's.
 */
export function resolveLocale(setting: LocaleSetting, systemTags: readonly string[]): Locale {
  if (setting !== 'system') return setting;
  const spoken = systemTags.find((tag) => /^(ko|en)\b/i.test(tag));
  return localeFromTag(spoken ?? systemTags[0] ?? 'en');
}

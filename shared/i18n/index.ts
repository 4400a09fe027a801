import { desktop as enDesktop, type DesktopKey } from './en/desktop';
import { engine as enEngine, type EngineKey } from './en/engine';
import { ui as enUi, type UiKey } from './en/ui';
import { desktop as koDesktop } from './ko/desktop';
import { engine as koEngine } from './ko/engine';
import { ui as koUi } from './ko/ui';

/**
 * The words of every surface in the two languages the product ships (docs/architecture.md, "What
 * the product promises"), one catalogue per language and surface: the dashboard (`ui`), the
 * desktop shell (`desktop`) and what the engine says (`engine`). English holds the keys; Korean
 * must have exactly the same ones, which its catalogues' types enforce.
 */
export const locales = ['ko', 'en'] as const;
export type Locale = (typeof locales)[number];

export type { DesktopKey, EngineKey, UiKey };
export type MessageKey = UiKey | DesktopKey | EngineKey;

/** The catalogues by surface, for the test that holds them to one another. */
export const catalogues = {
  en: { ui: enUi, desktop: enDesktop, engine: enEngine },
  ko: { ui: koUi, desktop: koDesktop, engine: koEngine },
} as const satisfies Record<Locale, Record<'ui' | 'desktop' | 'engine', Record<string, string>>>;

export const messages: Record<Locale, Record<MessageKey, string>> = {
  ko: { ...koUi, ...koDesktop, ...koEngine },
  en: { ...enUi, ...enDesktop, ...enEngine },
};

/** The engine's keys, for the schema that checks an EngineMessage (shared/engine-message.ts). */
export const engineKeys = Object.keys(enEngine) as [EngineKey, ...EngineKey[]];

export function t(locale: Locale, key: MessageKey): string {
  return messages[locale][key];
}

/** Fills `{name}` placeholders; unknown names stay visible so a slip shows. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}

/** Picks ko or en from a BCP 47 tag such as `ko-KR` or `en-US`; anything else falls back to en. */
export function localeFromTag(tag: string | undefined | null): Locale {
  return tag?.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

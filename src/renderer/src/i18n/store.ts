import { useCallback } from 'react';
import { create } from 'zustand';
import { localeFromTag, messages, type Locale, type MessageKey } from '../../../../shared/i18n';
import { fill } from '../lib/format';

const storageKey = 'frontier-sos.locale';

function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(storageKey);
  if (saved === 'ko' || saved === 'en') return saved;
  return localeFromTag(globalThis.navigator?.language);
}

interface LocaleSlice {
  locale: Locale;
  setLocale(locale: Locale): void;
}

/** Follows the system language until the user picks one; the choice is remembered. */
export const useLocale = create<LocaleSlice>((set) => ({
  locale: initialLocale(),
  setLocale(locale) {
    globalThis.localStorage?.setItem(storageKey, locale);
    document.documentElement.lang = locale;
    set({ locale });
  },
}));

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function useT(): Translate {
  const locale = useLocale((s) => s.locale);
  return useCallback<Translate>(
    (key, values) => (values ? fill(messages[locale][key], values) : messages[locale][key]),
    [locale],
  );
}

import { useCallback } from 'react';
import { create } from 'zustand';
import { messages, type Locale, type MessageKey } from '../../../../shared/i18n';
import { resolveLocale, type LocaleSetting } from '../../../../shared/locale';
import { call } from '../api/client';
import { eventStream } from '../api/events';
import { fill } from '../lib/format';

/** "system" here is this browser's (or Electron's) languages, most preferred first. */
function shown(setting: LocaleSetting): Locale {
  const nav = globalThis.navigator;
  return resolveLocale(setting, nav?.languages?.length ? nav.languages : [nav?.language ?? 'en']);
}

interface LocaleSlice {
  /** The language shown. */
  locale: Locale;
  /** The host's setting, as last heard (locale.get, locale.changed). */
  setting: LocaleSetting;
  /** The user picks a language: shown at once, kept by the host. */
  setLocale(locale: Locale): void;
  /** The host's setting, from its answer or its push. */
  applySetting(setting: LocaleSetting): void;
}

/**
 * The host owns the language (locale.get / locale.set, shared/contract.ts): the tray, the other
 * tabs and the next start all follow one choice. Until the host has answered, the page follows
 * its own system language, which is what "system" means anyway.
 */
export const useLocale = create<LocaleSlice>((set, get) => ({
  locale: shown('system'),
  setting: 'system',
  setLocale(locale) {
    const before = get().setting;
    get().applySetting(locale);
    call('locale.set', { setting: locale }).catch((error: unknown) => {
      // The host did not keep it: show what it still has, and say why in the console.
      console.warn('The language could not be saved by the host:', error);
      get().applySetting(before);
    });
  },
  applySetting(setting) {
    const locale = shown(setting);
    document.documentElement.lang = locale;
    set({ setting, locale });
  },
}));

let started = false;

/** Where this page kept the language before the host owned it; handed to the host once, then removed. */
const legacyKey = 'frontier-sos.locale';

function legacyChoice(): Locale | null {
  try {
    const saved = globalThis.localStorage?.getItem(legacyKey);
    globalThis.localStorage?.removeItem(legacyKey);
    return saved === 'ko' || saved === 'en' ? saved : null;
  } catch {
    return null; // storage refused (a sandboxed page): there is nothing to hand over
  }
}

/** Reads the host's setting once and follows its changes (from the tray, the menu, another tab). */
export function startLocale(): void {
  if (started) return;
  started = true;
  const locale = useLocale.getState();
  eventStream().on('locale.changed', ({ setting }) => locale.applySetting(setting));
  const legacy = legacyChoice();
  call('locale.get', {}).then(
    ({ setting }) => {
      // A choice the user made in the page before it asked the host wins over the answer.
      if (useLocale.getState().setting !== locale.setting) return;
      if (legacy && setting === 'system') locale.setLocale(legacy);
      else locale.applySetting(setting);
    },
    (error: unknown) => console.warn('The language setting could not be read from the host:', error),
  );
}

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function useT(): Translate {
  const locale = useLocale((s) => s.locale);
  return useCallback<Translate>(
    (key, values) => (values ? fill(messages[locale][key], values) : messages[locale][key]),
    [locale],
  );
}

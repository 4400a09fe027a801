import { create } from 'zustand';

export const themes = ['system', 'light', 'dark'] as const;
export type Theme = (typeof themes)[number];

const storageKey = 'frontier-sos.theme';

function savedTheme(): Theme {
  const saved = globalThis.localStorage?.getItem(storageKey);
  return saved === 'light' || saved === 'dark' ? saved : 'system';
}

/** Sets `data-theme` on <html>; "system" removes it so prefers-color-scheme decides. */
function applyTheme(theme: Theme): void {
  if (theme === 'system') delete document.documentElement.dataset['theme'];
  else document.documentElement.dataset['theme'] = theme;
}

interface ThemeSlice {
  theme: Theme;
  setTheme(theme: Theme): void;
}

/** Follows the system until the user picks light or dark; the choice is remembered. */
export const useTheme = create<ThemeSlice>((set) => ({
  theme: savedTheme(),
  setTheme(theme) {
    if (theme === 'system') globalThis.localStorage?.removeItem(storageKey);
    else globalThis.localStorage?.setItem(storageKey, theme);
    applyTheme(theme);
    set({ theme });
  },
}));

applyTheme(savedTheme());

/** Whether the page shows dark colours now (for the chart, which draws on a canvas). */
export function isDark(): boolean {
  const forced = document.documentElement.dataset['theme'];
  if (forced) return forced === 'dark';
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}

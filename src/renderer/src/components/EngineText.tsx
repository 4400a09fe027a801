import { useCallback } from 'react';
import { localizeEngineText } from '../../../../shared/engine-text';
import { useLocale } from '../i18n/store';

/** The engine's sentence in the dashboard's language; text from elsewhere (Ollama, a provider) as it came. */
export function useEngineText(): (text: string) => string {
  const locale = useLocale((s) => s.locale);
  return useCallback((text: string) => localizeEngineText(text, locale) ?? text, [locale]);
}

/** Why a task waits or ended, in the user's language when it is one of the engine's sentences. */
export function EngineText({ text }: { text: string }) {
  const locale = useLocale((s) => s.locale);
  const shown = localizeEngineText(text, locale);
  if (shown === null) return <span lang="en">{text}</span>;
  return shown === text ? <span>{text}</span> : <span title={text}>{shown}</span>;
}

import { useCallback } from 'react';
import { foreignKeys, inEnglish, renderMessage, type EngineMessage } from '../../../../shared/engine-message';
import { useLocale } from '../i18n/store';

/** The engine's messages rendered in the dashboard's language. */
export function useEngineText(): (message: EngineMessage) => string {
  const locale = useLocale((s) => s.locale);
  return useCallback((message: EngineMessage) => renderMessage(message, locale), [locale]);
}

/**
 * Why a task waits or ended, in the user's language, from the engine's data. Text from outside
 * the engine (Ollama's or a provider's error, a sentence an older build stored) is shown as it
 * came and marked as English; a translated message keeps the English on hover.
 */
export function EngineText({ message }: { message: EngineMessage }) {
  const locale = useLocale((s) => s.locale);
  const shown = renderMessage(message, locale);
  if (foreignKeys.has(message.key)) return <span lang="en">{shown}</span>;
  const english = inEnglish(message);
  return shown === english ? <span>{shown}</span> : <span title={english}>{shown}</span>;
}

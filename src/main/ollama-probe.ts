import type { Locale } from '../../shared/i18n';
import type { MessageBoxOptions } from './facade';
import { tr } from './text';

/** Whether an Ollama answers at `url` within `timeoutMs` (its cheapest call, GET /api/version). */
export async function ollamaAnswers(
  url: string,
  options: { timeoutMs?: number; fetch?: typeof fetch } = {},
): Promise<boolean> {
  const get = options.fetch ?? fetch;
  try {
    const response = await get(new URL('/api/version', url), {
      signal: AbortSignal.timeout(options.timeoutMs ?? 1500),
    });
    return response.ok;
  } catch {
    // The decision itself: refused, timed out or unreachable all mean "no Ollama here"; the user
    // is then asked whether to wait for one or use the simulator.
    return false;
  }
}

export const ollamaButtons = ['wait', 'simulator'] as const;

/**
 * The offer made when no Ollama answers at start (docs/interfaces.md: "it offers the built-in
 * simulator"). Waiting is the default: the user started the real thing.
 */
export function ollamaMissingQuestion(url: string, locale: Locale): Omit<MessageBoxOptions, 'signal'> {
  return {
    type: 'question',
    title: 'Frontier SOS',
    message: tr(locale, 'dialog.ollamaMissing', { url }),
    detail: tr(locale, 'dialog.ollamaDetail'),
    buttons: [tr(locale, 'dialog.waitForOllama'), tr(locale, 'dialog.useSimulator')],
    defaultId: ollamaButtons.indexOf('wait'),
    cancelId: ollamaButtons.indexOf('wait'),
    noLink: true,
  };
}

export function choseSimulator(response: number): boolean {
  return ollamaButtons[response] === 'simulator';
}

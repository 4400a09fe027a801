import type { Locale } from '../../shared/i18n';
import type { Swap } from '../../shared/swap';
import { isPastApproval } from '../core/index';
import type { MessageBoxOptions } from './facade';
import { tr } from './text';

/** Button order of the quit question: staying is the default and what Escape does. */
export const quitButtons = ['quit', 'stay'] as const;

/**
 * Whether quitting needs the user's word first. Before approval nothing is unloaded, and the swap
 * is simply asked again on the next start; past approval the residents are gone until the swap
 * ends, so quitting then must be said out loud (it resumes from the journal on the next start).
 */
export function quitQuestion(swap: Swap | null, locale: Locale): Omit<MessageBoxOptions, 'signal'> | null {
  if (!swap || !isPastApproval(swap.state)) return null;
  const state = tr(locale, `swapState.${swap.state}`);
  return {
    type: 'warning',
    title: tr(locale, 'dialog.quitTitle'),
    message: tr(locale, 'dialog.quitSwap', { state: locale === 'en' ? swap.state : `${swap.state}, ${state}` }),
    detail: tr(locale, 'dialog.quitSwapDetail'),
    buttons: [tr(locale, 'dialog.quitAnyway'), tr(locale, 'dialog.keepRunning')],
    defaultId: quitButtons.indexOf('stay'),
    cancelId: quitButtons.indexOf('stay'),
    noLink: true,
  };
}

export function quitConfirmed(response: number): boolean {
  return quitButtons[response] === 'quit';
}

export interface QuitDeps {
  /** The question to ask first, or null when quitting loses nothing. */
  question(): Omit<MessageBoxOptions, 'signal'> | null;
  ask(question: Omit<MessageBoxOptions, 'signal'>): Promise<{ response: number }>;
  /** Lets go of everything (the app's one DisposableStore) and quits. */
  quit(): Promise<void>;
}

/** Quit as the menu's Quit does: asks first if a swap is past approval; one question at a time. Resolves to whether it quit. */
export function quitRequester(deps: QuitDeps): () => Promise<boolean> {
  let asking = false;
  return async () => {
    if (asking) return false;
    asking = true;
    try {
      const question = deps.question();
      if (question && !quitConfirmed((await deps.ask(question)).response)) return false;
      await deps.quit();
      return true;
    } finally {
      asking = false;
    }
  };
}

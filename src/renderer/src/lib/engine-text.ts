import type { MessageKey } from '../../../../shared/i18n';

/**
 * The engine explains waits in English sentences (Task.waitingFor). The ones it uses today are
 * shown in the dashboard's language; any other text is shown as the engine wrote it.
 */
const waiting: Record<string, MessageKey> = {
  'Waiting for your approval': 'waiting.approval',
  'Waiting for the Coder and the Reviewer to go IDLE': 'waiting.drain',
  'Saving the work to files': 'waiting.snapshot',
  'Waiting for the Planner swap to finish': 'waiting.swap',
  'Waiting for the Coder to go IDLE': 'waiting.coder',
  'Waiting for the Reviewer to go IDLE': 'waiting.reviewer',
  "Reviewed after the Planner swap (the Coder's answer is saved)": 'waiting.reviewAfterSwap',
  'Waiting for the Router to go IDLE': 'waiting.router',
  'Checking that the Planner fits in memory': 'waiting.fitCheck',
  'Preparing the frontier request': 'waiting.frontierPreparing',
};

/** Sentences that carry details after a fixed opening (which providers lack a key, say). */
const waitingPrefixes: ReadonlyArray<[string, MessageKey]> = [['No frontier API key is set', 'waiting.frontierNoKey']];

export function waitingKey(text: string): MessageKey | null {
  return waiting[text] ?? waitingPrefixes.find(([prefix]) => text.startsWith(prefix))?.[1] ?? null;
}

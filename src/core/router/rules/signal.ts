import type { EscalationRule, Reason } from '../types';

/**
 * What one escalation rule found in a task. `fired` means the rule claims the task; `near` means
 * it saw some of its cues but not enough, which lowers the confidence of a `routine` decision so a
 * Router model gets asked about it. `cues` are the matched words, quoted in the reason.
 */
export interface Signal {
  rule: EscalationRule;
  fired: boolean;
  near: boolean;
  confidence: number;
  cues: string[];
  /** The reason when the rule decides; `target` is where the rule's configuration sends the task. */
  because(target: string): Reason;
  /** A short note for a `routine` reason when the rule came close, e.g. "mentions React 19, but no breaking change". */
  nearNote?: Reason;
}

/** The matched text, trimmed for quoting in a reason, or null. */
export function hit(re: RegExp, text: string): string | null {
  const m = re.exec(text);
  if (!m) return null;
  const s = m[0].trim().replace(/\s+/g, ' ');
  return s.length > 32 ? `${s.slice(0, 31)}…` : s;
}

/** Adds the match (if any) to `cues` and returns whether there was one. */
export function collect(re: RegExp, text: string, cues: string[]): boolean {
  const found = hit(re, text);
  if (found === null) return false;
  if (cues.length < 4 && !cues.includes(found)) cues.push(found);
  return true;
}

export const quote = (cues: string[]): string =>
  cues
    .slice(0, 3)
    .map((c) => `"${c}"`)
    .join(', ');

export const notFired = (rule: EscalationRule, near = false, nearNote?: Reason): Signal => ({
  rule,
  fired: false,
  near,
  confidence: 0,
  cues: [],
  because: () => ({ en: '', ko: '' }),
  ...(nearNote ? { nearNote } : {}),
});

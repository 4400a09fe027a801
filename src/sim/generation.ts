import type { SimClock, TimerHandle } from './clock';
import type { Speed } from './models';

/**
 * Plays an answer out in time: prompt processing first, then one token after another at the
 * model's speed. Emission times are absolute, so a coarse real clock does not drift; tokens that
 * fall due together are emitted together.
 */

/** Roughly token-sized pieces: short letter runs, up to three digits, single symbols, with their leading space. */
export function tokenize(text: string): string[] {
  return text.match(/\s*[A-Za-z\u00C0-\uFFFF]{1,6}|\s*\d{1,3}|\s*[^\sA-Za-z\d\u00C0-\uFFFF]|\s+/g) ?? [];
}

/** About four characters a token, as for English with a BPE vocabulary. */
export function countPromptTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

export interface Metrics {
  total_duration: number;
  load_duration: number;
  prompt_eval_count: number;
  prompt_eval_duration: number;
  eval_count: number;
  eval_duration: number;
}

export interface GenerationPlan {
  tokens: string[];
  promptTokens: number;
  speed: Speed;
  doneReason: 'stop' | 'length';
  /** Break the stream with this error after this many tokens (fault injection). */
  failAfter?: { tokens: number; message: string };
}

export interface GenerationHandlers {
  /** Called with the pieces that fell due together. */
  onTokens(pieces: string[]): void;
  onDone(timing: { promptEvalMs: number; evalMs: number }): void;
  onError(message: string): void;
}

export interface RunningGeneration {
  cancel(): void;
}

const ns = (ms: number) => Math.round(ms * 1e6);

export function metrics(
  startedAt: number,
  loadedAt: number,
  endedAt: number,
  plan: GenerationPlan,
  timing: { promptEvalMs: number; evalMs: number },
  evalCount: number,
): Metrics {
  return {
    total_duration: ns(endedAt - startedAt),
    load_duration: ns(loadedAt - startedAt),
    prompt_eval_count: plan.promptTokens,
    prompt_eval_duration: ns(timing.promptEvalMs),
    eval_count: evalCount,
    eval_duration: ns(timing.evalMs),
  };
}

/** Starts the playback; `scale` turns simulated ms into clock ms. */
export function play(
  clock: SimClock,
  scale: number,
  plan: GenerationPlan,
  handlers: GenerationHandlers,
): RunningGeneration {
  const start = clock.now();
  const promptMs = (plan.promptTokens / plan.speed.prompt) * 1000 * scale;
  const perToken = (1000 / plan.speed.generate) * scale;
  const limit = plan.failAfter ? Math.min(plan.failAfter.tokens, plan.tokens.length) : plan.tokens.length;
  const dueAt = (i: number) => start + promptMs + (i + 1) * perToken;
  let emitted = 0;
  let timer: TimerHandle | null = null;
  let cancelled = false;

  const finish = () => {
    if (plan.failAfter) handlers.onError(plan.failAfter.message);
    else handlers.onDone({ promptEvalMs: promptMs, evalMs: plan.tokens.length * perToken });
  };

  const tick = () => {
    timer = null;
    if (cancelled) return;
    const now = clock.now();
    const batch: string[] = [];
    while (emitted < limit && dueAt(emitted) <= now + 1e-9) batch.push(plan.tokens[emitted++]!);
    if (batch.length > 0) handlers.onTokens(batch);
    if (cancelled) return;
    if (emitted >= limit) {
      finish();
      return;
    }
    timer = clock.setTimer(dueAt(emitted) - now, tick);
  };

  timer = clock.setTimer(limit === 0 ? promptMs : dueAt(0) - start, tick);
  return {
    cancel() {
      cancelled = true;
      if (timer) clock.clearTimer(timer);
      timer = null;
    },
  };
}

import { resolveRouterConfig, type RouterConfig, type RouterConfigInput } from './config';
import { architectureSignal } from './rules/architecture';
import { failedSignal } from './rules/failed';
import { mathSignal } from './rules/math';
import { compileLibraries, postCutoffSignal } from './rules/post-cutoff';
import type { Signal } from './rules/signal';
import { detectLang } from './text';
import type { RouteDecision, RouterTask } from './types';

export interface RouterRules {
  readonly config: RouterConfig;
  /** Decides with the built-in rules only: pure, deterministic, no I/O. */
  decide(task: RouterTask): RouteDecision;
}

const targetName = (t: 'planner' | 'frontier'): string => (t === 'planner' ? 'Planner' : 'Frontier');

/** Confidence of `routine` when no rule saw anything, and when one came close. */
const ROUTINE_SURE = 0.9;
const ROUTINE_UNSURE = 0.55;

/**
 * The rules of product.md §2, compiled once (regexes, the library table) and applied per task.
 * Order: a count of failed fixes is a fact and wins; otherwise the escalation rule with the
 * highest confidence (ties: post-cutoff, architecture, math); otherwise routine — the default,
 * because ~90% of the work is meant to stay local.
 */
export function createRouterRules(input: RouterConfigInput = {}): RouterRules {
  const config = resolveRouterConfig(input);
  const table = compileLibraries(config.libraries, config.knowledgeCutoff);

  function decide(task: RouterTask): RouteDecision {
    const text = task.text;
    const lang = detectLang(text);
    const failed = failedSignal(text, task.failedAttempts, config.failedAttemptsThreshold);
    if (failed.fired) return fromSignal(failed, lang);

    const signals: Signal[] = [postCutoffSignal(text, table, config.knowledgeCutoff), architectureSignal(text), mathSignal(text)];
    let best: Signal | null = null;
    for (const s of signals) if (s.fired && (best === null || s.confidence > best.confidence)) best = s;
    if (best) return fromSignal(best, lang);

    const near = signals.filter((s) => s.near);
    const note = near.find((s) => s.nearNote)?.nearNote;
    return {
      route: 'local',
      rule: 'routine',
      confidence: near.length ? ROUTINE_UNSURE : ROUTINE_SURE,
      lang,
      reason: {
        en: `Routine work for the local team (coding, logs, tests, docs, explaining or tuning existing code)${note ? `: ${note.en}` : ''}.`,
        ko: `로컬 팀이 처리할 일상 업무입니다(코딩, 로그, 테스트, 문서, 기존 코드 설명·튜닝)${note ? `. ${note.ko}` : ''}.`,
      },
    };
  }

  function fromSignal(s: Signal, lang: RouteDecision['lang']): RouteDecision {
    const target = config.targets[s.rule];
    return { route: target, rule: s.rule, confidence: s.confidence, lang, reason: s.because(targetName(target)) };
  }

  return { config, decide };
}

let defaults: RouterRules | undefined;

/** The rules with the default configuration (compiled on first use). */
export function routeByRules(task: RouterTask): RouteDecision {
  defaults ??= createRouterRules();
  return defaults.decide(task);
}

import { z } from 'zod';
import { routeSchema } from '../../../shared/domain';
import type { Router } from './router';
import type { Reason, RouteDecision, RouterTask } from './types';

/**
 * The Router model's judgment, behind an interface: the real one (asking the resident Router
 * model through the ModelHost port) is written with the Ollama integration; tests use fakes.
 * `judge` must stop its work when `signal` aborts (the timeout).
 *
 * The answer only ever becomes a route. The model does not load, summon or call anything: a
 * `planner` answer files a planner request like a rule would, and the swap protocol serves it.
 */
export interface RouterJudge {
  judge(task: RouterTask, signal: AbortSignal): Promise<RouterJudgeAnswer>;
}

export interface RouterJudgeAnswer {
  route: 'local' | 'planner' | 'frontier';
  reason: string;
}

/** What a model may answer. Validated even though the type says so: models answer what they like. */
const answerSchema = z.object({
  route: z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), routeSchema),
  reason: z.string().trim().min(1, 'the reason is empty'),
});

export interface DecideOptions {
  rules: Router;
  /** No judge: the rules decide everything. */
  judge?: RouterJudge;
  /** How long the model may take, in ms; then the rules decide. */
  timeoutMs?: number;
  /** Why the Router model may not be asked now (a swap has it unloaded, or it is not loaded). */
  modelAway?: 'swap' | 'not-loaded';
}

const awayNote: Record<'swap' | 'not-loaded', Reason> = {
  swap: {
    en: 'the Router model is unloaded for the Planner swap',
    ko: 'Planner 교체 중이라 라우터 모델이 내려가 있음',
  },
  'not-loaded': { en: 'the Router model is not loaded', ko: '라우터 모델이 로드되어 있지 않음' },
};

export const defaultJudgeTimeoutMs = 8000;
const maxModelReasonChars = 300;

class JudgeTimeout extends Error {}

function fallback(byRules: RouteDecision, why: Reason): RouteDecision {
  return {
    ...byRules,
    reason: {
      en: `${byRules.reason.en} (model unavailable: fell back to rules — ${why.en})`,
      ko: `${byRules.reason.ko} (모델 사용 불가: 규칙으로 대체 — ${why.ko})`,
    },
  };
}

/**
 * Decides a task: the rules first; only when they are unsure (confidence below
 * `askModelBelow`) is the Router model asked, with a timeout. A timeout, an error or an answer
 * that is not a valid route falls back to the rules' decision, and the reason says so.
 */
export async function decideRoute(task: RouterTask, options: DecideOptions): Promise<RouteDecision> {
  const { rules, judge } = options;
  const byRules = rules.decide(task);
  if (byRules.confidence >= rules.sureAbove) return byRules;
  if (options.modelAway) {
    const why = awayNote[options.modelAway];
    return {
      ...byRules,
      reason: {
        en: `${byRules.reason.en} (not asked: ${why.en})`,
        ko: `${byRules.reason.ko} (모델에 묻지 않음: ${why.ko})`,
      },
    };
  }
  if (!judge) return byRules;

  const timeoutMs = options.timeoutMs ?? defaultJudgeTimeoutMs;
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // Reject before aborting: a judge that settles on abort must not win the race with a late answer.
      reject(new JudgeTimeout());
      controller.abort();
    }, timeoutMs);
  });
  let answer: unknown;
  try {
    answer = await Promise.race([judge.judge(task, controller.signal), deadline]);
  } catch (error) {
    if (error instanceof JudgeTimeout) {
      return fallback(byRules, { en: `no answer within ${timeoutMs} ms`, ko: `${timeoutMs}ms 안에 답이 없음` });
    }
    const message = error instanceof Error ? error.message : String(error);
    return fallback(byRules, { en: `the model failed: ${message}`, ko: `모델 오류: ${message}` });
  } finally {
    clearTimeout(timer);
  }

  const parsed = answerSchema.safeParse(answer);
  if (!parsed.success) {
    const problem = parsed.error.issues.map((i) => `${i.path.join('.') || 'answer'}: ${i.message}`).join('; ');
    return fallback(byRules, { en: `invalid answer (${problem})`, ko: `잘못된 답 (${problem})` });
  }
  const said = parsed.data.reason.replace(/\s+/g, ' ');
  const reason = said.length > maxModelReasonChars ? `${said.slice(0, maxModelReasonChars - 1)}…` : said;
  const unsure = `${byRules.rule} ${byRules.confidence.toFixed(2)}`;
  return {
    route: parsed.data.route,
    rule: 'router-model',
    confidence: byRules.confidence,
    lang: byRules.lang,
    reason: {
      en: `Router model: ${reason} (the rules were unsure: ${unsure})`,
      ko: `라우터 모델 판단: ${reason} (규칙 판단이 불확실: ${unsure})`,
    },
  };
}

import { resolveRouterConfig, type RouterConfig, type RouterConfigInput } from './config';
import { architectureCues, describeCues, mathCues } from './classifier/explain';
import { clip, fastTaskFeatures, taskFeatures, type TaskFeatures } from './classifier/features';
import { loadModel, type LinearModel, type Prediction } from './classifier/model';
import shippedWeights from './classifier/weights.json';
import { failedSignal } from './rules/failed';
import { compileLibraries, postCutoffSignal } from './rules/post-cutoff';
import type { Signal } from './rules/signal';
import { detectLang } from './text';
import type { EscalationRule, Reason, RouteDecision, RouterTask } from './types';

export interface Router {
  readonly config: RouterConfig;
  readonly model: LinearModel;
  /** At or above this confidence a decision stands alone; below it the Router model is asked. */
  readonly sureAbove: number;
  /** Decides without the Router model: facts first, then the classifier. Pure, no I/O. */
  decide(task: RouterTask): RouteDecision;
  /** The decision a fact makes (a count of failed fixes at the threshold), or null: the classifier decides. */
  fact(task: RouterTask): RouteDecision | null;
  /** What the classifier sees of a task (for training, corrections and inspection). */
  features(task: RouterTask): TaskFeatures;
}

const targetName = (t: 'planner' | 'frontier'): string => (t === 'planner' ? 'Planner' : 'Frontier');
const percent = (p: number): string => `${Math.round(p * 100)}%`;

let shipped: LinearModel | undefined;
/** The classifier trained by scripts/train-router.mjs and shipped with the app. */
export function shippedModel(): LinearModel {
  shipped ??= loadModel(shippedWeights);
  return shipped;
}

/**
 * The Router without its model (docs/architecture.md, "Routing targets"). Facts decide first and for certain: a count of
 * failed fixes at the threshold (recorded, or stated in the text). Everything else is decided by
 * a classifier over concept cues and n-grams (docs/router.md), whose calibrated confidence says
 * whether the decision stands alone or the Router model should be asked.
 */
export function createRouter(input: RouterConfigInput = {}, model: LinearModel = shippedModel()): Router {
  const config = resolveRouterConfig(input);
  const table = compileLibraries(config.libraries, config.knowledgeCutoff);
  const sureAbove = config.askModelBelow ?? model.file.calibration.sureAbove;

  const features = (task: RouterTask): TaskFeatures =>
    taskFeatures(task.text, table, config.knowledgeCutoff, config.failedAttemptsThreshold);

  /** The fact, if one decides, and what failedSignal saw (so the features need not read it again). */
  function readFact(task: RouterTask): { decision: RouteDecision | null; cues: Record<string, number> } {
    const cues: Record<string, number> = {};
    // The same clipped text the features read (a long log's middle is not read by either).
    const failed = failedSignal(clip(task.text), task.failedAttempts, config.failedAttemptsThreshold, cues);
    // A count is a fact; "tried several times" is only a cue for the classifier.
    return {
      decision: failed.fired && failed.confidence >= 0.85 ? fromSignal(failed, detectLang(task.text)) : null,
      cues,
    };
  }

  const fact = (task: RouterTask): RouteDecision | null => readFact(task).decision;

  function decide(task: RouterTask): RouteDecision {
    const { decision, cues } = readFact(task);
    if (decision) return decision;
    const seen = fastTaskFeatures(task.text, table, config.knowledgeCutoff, config.failedAttemptsThreshold, cues);
    return fromPrediction(model.predict(seen), seen, task.text, detectLang(task.text));
  }

  function fromSignal(s: Signal, lang: RouteDecision['lang']): RouteDecision {
    const target = config.targets[s.rule];
    return {
      route: target,
      rule: s.rule,
      confidence: s.confidence === 1 ? 1 : Math.max(s.confidence, sureAbove),
      lang,
      reason: s.because(targetName(target)),
    };
  }

  function fromPrediction(p: Prediction, seen: TaskFeatures, text: string, lang: RouteDecision['lang']): RouteDecision {
    const cues = describeCues(p.drivers);
    const sure = percent(p.confidence);
    if (p.best === 'local') {
      return {
        route: 'local',
        rule: 'routine',
        confidence: p.confidence,
        lang,
        reason: {
          en: `Routine work for the local team (${cues ? `${cues.en}; ` : ''}classifier ${sure} sure).`,
          ko: `로컬 팀이 처리할 일상 업무입니다(${cues ? `${cues.ko}; ` : ''}분류기 확신도 ${sure}).`,
        },
      };
    }
    const rule = ruleFor(p, seen);
    const target = config.targets[rule];
    const name = targetName(target);
    let reason: Reason;
    if (rule === 'post-cutoff-library') {
      const signal = postCutoffSignal(text, table, config.knowledgeCutoff);
      const why = signal.fired
        ? signal.because(name)
        : {
            en: `Needs knowledge of a release newer than the local models' (cutoff ${config.knowledgeCutoff}): ${name}.`,
            ko: `로컬 모델이 학습하지 못한 최신 릴리스(기준 ${config.knowledgeCutoff})에 대한 지식이 필요합니다. ${name}로 보냅니다.`,
          };
      reason = withCues(why, cues, sure);
    } else if (rule === 'new-architecture') {
      reason = withCues(
        {
          en: `Reads as the design of a whole new system: ${name} designs it.`,
          ko: `새 시스템 전체의 설계 요청으로 읽힙니다. ${name}가 설계합니다.`,
        },
        cues,
        sure,
      );
    } else if (rule === 'math-optimisation') {
      reason = withCues(
        {
          en: `Reads as mathematical optimisation or algorithm design: ${name}.`,
          ko: `수학적 최적화 또는 알고리즘 설계로 읽힙니다. ${name}로 보냅니다.`,
        },
        cues,
        sure,
      );
    } else {
      reason = withCues(
        {
          en: `The task says earlier fixes failed several times: ${name}.`,
          ko: `여러 번 수정에 실패했다고 합니다. ${name}로 보냅니다.`,
        },
        cues,
        sure,
      );
    }
    return { route: target, rule, confidence: p.confidence, lang, reason };
  }

  return { config, model, sureAbove, decide, fact, features };
}

/** Which escalation rule a planner or frontier prediction stands for, from the cues that pushed it. */
function ruleFor(p: Prediction, seen: TaskFeatures): EscalationRule {
  if (p.best === 'frontier')
    return seen.concepts['failed.vague'] === 1 && seen.concepts['post.library'] !== 1
      ? 'failed-3-times'
      : 'post-cutoff-library';
  let math = 0;
  let architecture = 0;
  for (const d of p.drivers) {
    if (mathCues.has(d.feature)) math += d.push;
    else if (architectureCues.has(d.feature)) architecture += d.push;
  }
  return math > architecture ? 'math-optimisation' : 'new-architecture';
}

function withCues(base: Reason, cues: Reason | null, sure: string): Reason {
  return {
    en: `${base.en} (${cues ? `${cues.en}; ` : ''}classifier ${sure} sure)`,
    ko: `${base.ko} (${cues ? `${cues.ko}; ` : ''}분류기 확신도 ${sure})`,
  };
}

let defaults: Router | undefined;

/** The Router with the default configuration and the shipped classifier (built on first use). */
export function routeByDefaults(task: RouterTask): RouteDecision {
  defaults ??= createRouter();
  return defaults.decide(task);
}

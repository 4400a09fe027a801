import type { Route } from '../../../shared/domain';

export type { Route } from '../../../shared/domain';

/** A task as the Router receives it (docs/interfaces.md, `route`). */
export interface RouterTask {
  id?: string;
  text: string;
  /** How many times the local agents already failed to fix this task. */
  failedAttempts?: number;
}

/** The escalation rules of docs/architecture.md, "Routing targets"; each has a configurable target. */
export type EscalationRule = 'failed-3-times' | 'new-architecture' | 'post-cutoff-library' | 'math-optimisation';

/**
 * Who decided: one of the rules, or the Router model (`router-model`). The names are part of the
 * `route` CLI contract. `failed-3-times` keeps its name when the threshold is configured to
 * something other than 3: the name identifies the rule, the reason carries the number.
 */
export type RuleName = EscalationRule | 'routine' | 'router-model';

export type Lang = 'en' | 'ko';

/** A human-readable explanation in both UI languages. */
export interface Reason {
  en: string;
  ko: string;
}

export interface RouteDecision {
  route: Route;
  rule: RuleName;
  reason: Reason;
  /**
   * How sure the deciding step is, 0..1. Rules below the configured `askModelBelow` are the ones a
   * Router model is asked about; a model judgment carries the confidence the rules had.
   */
  confidence: number;
  /** The language the task is written in: the CLI prints `reason[lang]`. */
  lang: Lang;
}

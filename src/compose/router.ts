import type { RoleConfig } from '../../shared/roles';
import type { RouteTask } from '../core/orchestrator/orchestrator';
import type { ModelHost } from '../core/ports';
import { createModelJudge, createRouterRules, decideRoute, routeByRules } from '../core/router/index';

/** The Router's rules alone, as the orchestrator's route function; the reason in the task's language. */
export const routeWithRules: RouteTask = ({ text, failedAttempts }) => {
  const decision = routeByRules({ text, failedAttempts });
  return { route: decision.route, rule: decision.rule, reason: decision.reason[decision.lang] };
};

/**
 * The rules, and the Router model for what they are unsure of (with a timeout and a fall-back to
 * the rules that the reason records). The model only names a route: it never loads anything.
 */
export function routeWithModel(host: ModelHost, router: RoleConfig): RouteTask {
  const rules = createRouterRules();
  const judge = createModelJudge(host, router.model, router.numCtx);
  return async ({ text, failedAttempts }) => {
    const decision = await decideRoute({ text, failedAttempts }, { rules, judge });
    return { route: decision.route, rule: decision.rule, reason: decision.reason[decision.lang] };
  };
}

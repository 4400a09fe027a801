import { routeByRules } from '../core/router/index';
import type { RouteTask } from '../core/orchestrator/orchestrator';

/** The Router's rules as the orchestrator's route function; the reason in the task's language. */
export const routeWithRules: RouteTask = ({ text, failedAttempts }) => {
  const decision = routeByRules({ text, failedAttempts });
  return { route: decision.route, rule: decision.rule, reason: decision.reason[decision.lang] };
};

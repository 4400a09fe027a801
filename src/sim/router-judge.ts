import { routeByDefaults } from '../core/index';
import { detectRole, type TextRequest } from './generator';

type Schema = Record<string, unknown>;
const isSchema = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The simulated Router model's judgment: when a request to the Router asks for a structured
 * `route`, the simulator answers with the shipped classifier's best guess instead of a random
 * member of the enum, so demo mode routes sensibly. Null for every other request.
 */
export function simulatedRouterAnswer(request: TextRequest, schema: unknown): string | null {
  if (detectRole(request.system, request.model) !== 'router' || !isSchema(schema)) return null;
  const route = isSchema(schema['properties']) ? schema['properties']['route'] : undefined;
  if (!isSchema(route) || !Array.isArray(route['enum'])) return null;
  const decision = routeByDefaults({ text: request.input });
  if (!route['enum'].includes(decision.route)) return null;
  return JSON.stringify({
    route: decision.route,
    reason: `Simulated Router model: the classifier's best guess (${decision.rule}, ${Math.round(decision.confidence * 100)}%).`,
  });
}

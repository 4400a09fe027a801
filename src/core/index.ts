import type { AgentState, AppState, Role } from '../../shared/domain';
import type { HandlerMap } from '../../shared/contract';
import { defaultRoleModels, type CoreOptions, type RoleModels } from './config';
import type { Ports } from './ports';

export type { Ports } from './ports';
export * from './config';

const roles: readonly Role[] = ['router', 'coder', 'reviewer', 'planner'];

export interface Core {
  /** Handlers for the shared contract; hosts register exactly these. */
  readonly handlers: HandlerMap;
  getState(): Promise<AppState>;
  readonly models: RoleModels;
}

/**
 * Wires the engine from its ports. The orchestration modules (queue, agents, protocol, snapshot,
 * memory, router, frontier, journal, events) are added here by their issues; for now the state is
 * what the model host reports as loaded.
 */
export function createCore(ports: Ports, options: CoreOptions = {}): Core {
  const models: RoleModels = { ...defaultRoleModels, ...options.models };

  async function getState(): Promise<AppState> {
    const [loaded, memory] = await Promise.all([
      ports.modelHost.listLoaded().catch(() => []),
      ports.memory.read(),
    ]);
    const loadedNames = new Set(loaded.map((m) => m.name));
    const agents: AgentState[] = roles.map((role) => ({
      role,
      model: models[role],
      lock: 'IDLE',
      loaded: loadedNames.has(models[role]),
    }));
    return {
      agents,
      queue: [],
      approvals: [],
      swap: null,
      memory: {
        budgetBytes: memory.budgetBytes,
        usedBytes: loaded.reduce((sum, m) => sum + m.sizeBytes, 0),
      },
      spend: { todayUsd: 0, monthUsd: 0 },
      simulated: options.simulated ?? false,
    };
  }

  const handlers: HandlerMap = {
    'state.get': async () => getState(),
  };

  return { handlers, getState, models };
}

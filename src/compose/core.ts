import { createFrontierClients, type FrontierClientsOptions } from '../adapters/frontier/index';
import { createOllamaHost } from '../adapters/ollama/ollama-host';
import { createSystemMemoryProbe } from '../adapters/memory/system-probe';
import { createEnvSecrets } from '../adapters/secrets/env-secrets';
import { createFsWorkspace } from '../adapters/workspace/fs-workspace';
import {
  createApprovalBroker,
  createCore,
  createMemoryMonitor,
  createModelJudge,
  EngineSettingsError,
  frontierOptionsFromEnv,
  readEngineSettings,
  resolveSpecs,
  systemClock,
  systemScheduler,
  type ApprovalBroker,
  type Core,
  type FrontierOptions,
  type MemoryMonitor,
  type MemoryProbe,
  type Secrets,
} from '../core/index';
import { defaultProfileId, findProfile } from '../../shared/memory/profiles';
import { residentRoles, resolveRoles, type RoleOverrides } from '../../shared/roles';
import { planMemory } from '../../shared/memory/plan';
import { cpuOffloadMessage } from '../../shared/memory/offload';
import { engineSettingsPath } from '../../shared/engine-settings';

export interface ComposeOptions {
  ollamaUrl: string;
  workspaceDir: string;
  simulated?: boolean;
  /** The simulator's time scale (demo mode): expected times are said in the time the user waits. */
  simulatedTimeScale?: number;
  /** Replaces this machine's memory readings (the simulator brings its own Mac's). */
  memory?: MemoryProbe;
  /** Where API keys live; the environment when not given (the desktop app brings the keychain). */
  secrets?: Secrets;
  /**
   * Frontier escalation: where the APIs are (the fake servers under --sim) and its settings.
   * Settings not given here come from the environment (FRONTIER_* variables, README).
   */
  frontier?: Omit<FrontierClientsOptions, 'secrets'> & { options?: Partial<FrontierOptions> };
  /** Role settings on top of the workspace's `.frontier-sos/settings.json` (the CLI's flags). */
  roles?: RoleOverrides;
}

/**
 * Builds a core from the real adapters. The roles are the defaults, then the workspace's settings
 * file, then `options.roles`; a model outside the built-in catalogue is sized from Ollama.
 */
export async function composeCore(
  options: ComposeOptions,
): Promise<{ core: Core; approvals: ApprovalBroker; monitor: MemoryMonitor }> {
  const approvals = createApprovalBroker(systemClock.now);
  const modelHost = createOllamaHost({ url: options.ollamaUrl });
  const workspace = createFsWorkspace(options.workspaceDir);
  const settings = await readEngineSettings(workspace);
  const roles = resolveRoles(settings.roles, options.roles);
  const specs = await resolveSpecs(modelHost, roles, options.ollamaUrl);
  const profile = findProfile(settings.profile ?? defaultProfileId)!;
  // Residents that do not fit together would be evicted by Ollama all day: say so before starting.
  const plan = planMemory(roles, profile, specs);
  if (!plan.residentsFit) {
    const gb = (bytes: number) => `${(bytes / 1e9).toFixed(1)} GB`;
    throw new EngineSettingsError(
      `The residents (${residentRoles.map((r) => `${roles[r].model} at num_ctx ${roles[r].numCtx}`).join(', ')}) need ${gb(plan.residentsTotalBytes)} together, more than the ${gb(plan.budgetBytes)} budget of ${profile.id}. Lower num_ctx or choose smaller models in ${engineSettingsPath}; \`frontier-sos memory\` shows the plan.`,
    );
  }
  // A role Ollama would half run on the CPU (a 52B Planner among them) is unusable: refuse to start.
  if (plan.cpuOffload.length) {
    throw new EngineSettingsError(
      `${plan.cpuOffload.map(cpuOffloadMessage).join(' ')} Change it in ${engineSettingsPath}; \`frontier-sos memory\` shows the plan.`,
    );
  }
  const secrets = options.secrets ?? createEnvSecrets();
  const { options: frontierOptions, ...frontierApis } = options.frontier ?? {};
  const memory = options.memory ?? createSystemMemoryProbe();
  // The monitor samples memory for the dashboard's gauge and chart and for the fit gate's swap
  // trend; it slows to one sample every 10 s while nothing changes.
  const monitor = createMemoryMonitor({ probe: memory, host: modelHost, scheduler: systemScheduler, profile });
  monitor.start();
  const core = createCore(
    {
      modelHost,
      frontier: createFrontierClients({ ...frontierApis, secrets }),
      workspace,
      memory,
      approvals,
      clock: systemClock,
      secrets,
    },
    {
      simulated: options.simulated ?? false,
      ollamaUrl: options.ollamaUrl,
      monitor,
      roles,
      specs,
      profile,
      // The Router model judges what the classifier is unsure of; the core decides when it may be asked.
      routerJudge: createModelJudge(modelHost, roles.router.model, roles.router.numCtx),
      ...(settings.keepSecretsInHandoffFiles ? { keepSecretsInHandoffFiles: true } : {}),
      ...(options.simulatedTimeScale ? { timeScale: options.simulatedTimeScale } : {}),
      frontier: { ...frontierOptionsFromEnv(process.env), ...frontierOptions },
    },
  );
  return { core, approvals, monitor };
}

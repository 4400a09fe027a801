import { createFrontierClients, type FrontierClientsOptions } from '../adapters/frontier/index';
import { createOllamaHost } from '../adapters/ollama/ollama-host';
import { createSystemMemoryProbe } from '../adapters/memory/system-probe';
import { createEnvSecrets } from '../adapters/secrets/env-secrets';
import { createFsWorkspace } from '../adapters/workspace/fs-workspace';
import { frontierOptionsFromEnv, type FrontierOptions } from '../core/frontier/options';
import { createCore, type Core } from '../core/index';
import { createApprovalBroker, type ApprovalBroker } from '../core/approvals';
import { systemClock } from '../core/clock';
import type { MemoryProbe, Secrets } from '../core/ports';
import { routeWithModel } from './router';
import { createMemoryMonitor, type MemoryMonitor } from '../core/memory/monitor';
import { systemScheduler } from '../core/memory/scheduler';
import { defaultProfileId, findProfile } from '../../shared/memory/profiles';
import { defaultRoles } from '../../shared/roles';

export interface ComposeOptions {
  ollamaUrl: string;
  workspaceDir: string;
  simulated?: boolean;
  /** Replaces this machine's memory readings (the simulator brings its own Mac's). */
  memory?: MemoryProbe;
  /** Where API keys live; the environment when not given (the desktop app brings the keychain). */
  secrets?: Secrets;
  /**
   * Frontier escalation: where the APIs are (the fake servers under --sim) and its settings.
   * Settings not given here come from the environment (FRONTIER_* variables, README).
   */
  frontier?: Omit<FrontierClientsOptions, 'secrets'> & { options?: Partial<FrontierOptions> };
}

/** Builds a core from the real adapters, for the hosts that run outside Electron. */
export function composeCore(options: ComposeOptions): { core: Core; approvals: ApprovalBroker; monitor: MemoryMonitor } {
  const approvals = createApprovalBroker(systemClock.now);
  const modelHost = createOllamaHost({ url: options.ollamaUrl });
  const secrets = options.secrets ?? createEnvSecrets();
  const { options: frontierOptions, ...frontierApis } = options.frontier ?? {};
  const memory = options.memory ?? createSystemMemoryProbe();
  // The monitor samples memory for the dashboard's gauge and chart and for the fit gate's swap
  // trend; it slows to one sample every 10 s while nothing changes.
  const monitor = createMemoryMonitor({ probe: memory, host: modelHost, scheduler: systemScheduler, profile: findProfile(defaultProfileId)! });
  monitor.start();
  const core = createCore(
    {
      modelHost,
      frontier: createFrontierClients({ ...frontierApis, secrets }),
      workspace: createFsWorkspace(options.workspaceDir),
      memory,
      approvals,
      clock: systemClock,
      secrets,
    },
    {
      simulated: options.simulated ?? false,
      ollamaUrl: options.ollamaUrl,
      monitor,
      route: routeWithModel(modelHost, defaultRoles.router),
      frontier: { ...frontierOptionsFromEnv(process.env), ...frontierOptions },
    },
  );
  return { core, approvals, monitor };
}

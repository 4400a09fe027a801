import { createOllamaHost } from '../adapters/ollama/ollama-host';
import { createSystemMemoryProbe } from '../adapters/memory/system-probe';
import { createEnvSecrets } from '../adapters/secrets/env-secrets';
import { createFsWorkspace } from '../adapters/workspace/fs-workspace';
import { createCore, type Core } from '../core/index';
import { createApprovalBroker, type ApprovalBroker } from '../core/approvals';
import { systemClock } from '../core/clock';
import type { MemoryProbe, Secrets } from '../core/ports';
import { routeWithModel } from './router';
import { defaultRoles } from '../../shared/roles';

export interface ComposeOptions {
  ollamaUrl: string;
  workspaceDir: string;
  simulated?: boolean;
  /** Replaces this machine's memory readings (the simulator brings its own Mac's). */
  memory?: MemoryProbe;
  /** Where API keys live; the environment when not given (the desktop app brings the keychain). */
  secrets?: Secrets;
}

/** Builds a core from the real adapters, for the hosts that run outside Electron. */
export function composeCore(options: ComposeOptions): { core: Core; approvals: ApprovalBroker } {
  const approvals = createApprovalBroker(systemClock.now);
  const modelHost = createOllamaHost({ url: options.ollamaUrl });
  const core = createCore(
    {
      modelHost,
      frontier: [],
      workspace: createFsWorkspace(options.workspaceDir),
      memory: options.memory ?? createSystemMemoryProbe(),
      approvals,
      clock: systemClock,
      secrets: options.secrets ?? createEnvSecrets(),
    },
    { simulated: options.simulated ?? false, ollamaUrl: options.ollamaUrl, route: routeWithModel(modelHost, defaultRoles.router) },
  );
  return { core, approvals };
}

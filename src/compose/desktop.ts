import { resolve } from 'node:path';
import { createEnvSecrets } from '../adapters/secrets/env-secrets';
import type { ApprovalBroker, Core, Secrets } from '../core/index';
import { startFrontierSim } from '../sim/frontier/index';
import { startSimulator } from '../sim/index';
import { composeCore } from './core';
import { simulatedMemoryProbe } from './sim-memory';

export interface DesktopEngineOptions {
  workspaceDir: string;
  /** A real Ollama; ignored when `sim` is given. */
  ollamaUrl: string;
  /** Run the built-in simulator in this process (`--demo`), as the headless host does with --sim. */
  sim?: { timeScale: number; seed?: number };
  /** The keychain-backed store the Electron host brings (not used with `sim`: see below). */
  secrets: Secrets;
}

export interface DesktopEngine {
  core: Core;
  /** The desktop's dialog, notification and tray answer here, beside the dashboard. */
  approvals: ApprovalBroker;
  simulated: boolean;
  /** Replays the journal, repairs, loads the residents and starts scheduling (can take a while). */
  start(): Promise<void>;
  /** Stops the engine without losing work, then the simulators. */
  close(): Promise<void>;
}

/**
 * The engine for the Electron host: the same composition as the headless host's, with the host's
 * own secrets and the approval broker handed back (the host opens and closes its prompts on it).
 * Not started yet: the host opens its window first and starts it after. The Electron main process
 * may not import the simulator itself (layers), so it starts here.
 */
export async function createDesktopEngine(options: DesktopEngineOptions): Promise<DesktopEngine> {
  const sim = options.sim
    ? await startSimulator({ port: 0, timeScale: options.sim.timeScale, seed: options.sim.seed ?? 0 })
    : null;
  // In demo mode the frontier APIs are simulated too, with stand-in keys, as in the headless host:
  // a demo never reads the keychain's keys nor sends anything to a real API.
  const frontierSim = options.sim
    ? await startFrontierSim({ chunkDelayMs: Math.round(20 * options.sim.timeScale) })
    : null;
  const closeSims = async () => {
    await frontierSim?.close();
    await sim?.close();
  };
  try {
    const { core, approvals, monitor } = await composeCore({
      ollamaUrl: sim ? sim.url : options.ollamaUrl,
      workspaceDir: resolve(options.workspaceDir),
      simulated: sim !== null,
      ...(options.sim ? { simulatedTimeScale: options.sim.timeScale } : {}),
      secrets: frontierSim ? createEnvSecrets({ ...frontierSim.keys }) : options.secrets,
      ...(sim ? { memory: simulatedMemoryProbe(sim) } : {}),
      ...(frontierSim
        ? { frontier: { openaiBaseURL: frontierSim.openai.baseURL, anthropicBaseURL: frontierSim.anthropic.baseURL } }
        : {}),
    });
    return {
      core,
      approvals,
      simulated: sim !== null,
      start: () => core.start(),
      close: async () => {
        await core.stop(); // nothing new starts; running work finishes or is queued again next start
        monitor.stop(); // its sampling timer would otherwise outlive the engine
        await closeSims();
      },
    };
  } catch (error) {
    await closeSims();
    throw error;
  }
}

import { resolve } from 'node:path';
import { createEnvSecrets } from '../adapters/secrets/env-secrets';
import type { Core, FrontierOptions } from '../core/index';
import { startSimulator, type Simulator } from '../sim/index';
import { startFrontierSim, type FrontierSim } from '../sim/frontier/index';
import type { ContractHandlers } from '../../shared/contract';
import type { RoleOverrides } from '../../shared/roles';
import { composeCore } from './core';
import { hostHandlers, workspaceLocaleOwner, type LocaleOwner } from './host-channels';
import { createPushPipeline, type PushPipeline } from './push-pipeline';
import { simulatedMemoryProbe } from './sim-memory';

export interface HeadlessOptions {
  workspaceDir: string;
  /** A real Ollama; ignored when `sim` is given. */
  ollamaUrl: string;
  /** Run the built-in simulator in this process instead of talking to Ollama. */
  sim?: { timeScale: number; seed?: number };
  /** Frontier settings on top of the environment's (caps, provider, models…). */
  frontier?: Partial<FrontierOptions>;
  /** Role models and num_ctx on top of the workspace's settings file. */
  roles?: RoleOverrides;
  /** One push frame in ms (createPushPipeline's `frameMs`). */
  pushFrameMs?: number;
  /** Where the host's problems are said (a failed push); stderr when not given. */
  log?: (line: string) => void;
  /**
   * Called with the core before it replays its journal. A seam for tests (the crash-recovery test
   * arms its SIGKILL here, from its own entry, tests/helpers/crash-serve.ts); no host passes it.
   */
  beforeStart?: (core: Core) => void;
}

export interface Headless {
  core: Core;
  /** The whole contract for a host to register: the engine's channels and the locale's. */
  handlers: ContractHandlers;
  /** The dashboard's events (deltas, tokens, notices, progress, the language): the host forwards them. */
  pushes: PushPipeline;
  /** The dashboard's language, kept in the workspace's settings file. */
  locale: LocaleOwner;
  sim: Simulator | null;
  /** With `sim`: the fake OpenAI and Anthropic APIs the frontier clients talk to (with stand-in keys). */
  frontierSim: FrontierSim | null;
  /** Stops the pushes and the engine without losing work (Core.stop), then the simulators. */
  close(graceMs?: number): Promise<void>;
}

/** The engine for hosts without Electron (the headless server, the CLI): started and recovered. */
export async function startHeadless(options: HeadlessOptions): Promise<Headless> {
  const sim = options.sim
    ? await startSimulator({ port: 0, timeScale: options.sim.timeScale, seed: options.sim.seed ?? 0 })
    : null;
  // Under --sim the frontier APIs are simulated too, with stand-in keys: no real key is read or sent.
  const frontierSim = options.sim
    ? await startFrontierSim({ chunkDelayMs: Math.round(20 * options.sim.timeScale) })
    : null;
  let composed;
  try {
    composed = await composeCore({
      ollamaUrl: sim ? sim.url : options.ollamaUrl,
      workspaceDir: resolve(options.workspaceDir),
      simulated: sim !== null,
      ...(options.sim ? { simulatedTimeScale: options.sim.timeScale } : {}),
      ...(sim ? { memory: simulatedMemoryProbe(sim) } : {}),
      ...(frontierSim ? { secrets: createEnvSecrets({ ...frontierSim.keys }) } : {}),
      frontier: {
        ...(frontierSim
          ? { openaiBaseURL: frontierSim.openai.baseURL, anthropicBaseURL: frontierSim.anthropic.baseURL }
          : {}),
        ...(options.frontier ? { options: options.frontier } : {}),
      },
      ...(options.roles ? { roles: options.roles } : {}),
    });
  } catch (error) {
    await frontierSim?.close();
    await sim?.close();
    throw error;
  }
  const { core, monitor } = composed;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  options.beforeStart?.(core);
  const closeAll = async () => {
    monitor.stop();
    await frontierSim?.close();
    await sim?.close();
  };
  try {
    await core.start();
  } catch (error) {
    // A start that fails (a damaged journal, say) frees the simulators' ports before it reports.
    await core.stop(0);
    await closeAll();
    throw error;
  }
  const locale = await workspaceLocaleOwner(resolve(options.workspaceDir), log);
  const pushes = createPushPipeline(core, { log, ...(options.pushFrameMs ? { frameMs: options.pushFrameMs } : {}) });
  // The language is the host's, not the engine's: its changes reach every dashboard the same way.
  locale.onChange((setting) => pushes.emit('locale.changed', { setting }));
  return {
    core,
    handlers: hostHandlers(core.handlers, locale),
    pushes,
    locale,
    sim,
    frontierSim,
    close: async (graceMs?: number) => {
      // The pushes first (nobody is listening any more), then the engine (nothing new starts,
      // running work finishes or is left for the next start), then the simulators it talks to.
      pushes.dispose();
      await core.stop(graceMs);
      await closeAll();
    },
  };
}

import { resolve } from 'node:path';
import { startSimulator, type Simulator } from '../sim/index';
import type { Core } from '../core/index';
import { composeCore } from './core';
import { simulatedMemoryProbe } from './sim-memory';

export interface HeadlessOptions {
  workspaceDir: string;
  /** A real Ollama; ignored when `sim` is given. */
  ollamaUrl: string;
  /** Run the built-in simulator in this process instead of talking to Ollama. */
  sim?: { timeScale: number; seed?: number };
}

export interface Headless {
  core: Core;
  sim: Simulator | null;
  close(): Promise<void>;
}

/**
 * Test hook for the crash-recovery tests: FRONTIER_SOS_CRASH_AT=<swap state> kills this process
 * (SIGKILL) the moment that state is journalled, before its effect runs — the worst moment.
 * Never set it outside those tests.
 */
function armCrashHook(core: Core): void {
  const at = process.env['FRONTIER_SOS_CRASH_AT'];
  if (!at) return;
  core.on('changed', () => {
    if (core.orchestrator.ctx.state.swap?.state === at) process.kill(process.pid, 'SIGKILL');
  });
}

/** The engine for hosts without Electron (the headless server, the CLI): started and recovered. */
export async function startHeadless(options: HeadlessOptions): Promise<Headless> {
  const sim = options.sim ? await startSimulator({ port: 0, timeScale: options.sim.timeScale, seed: options.sim.seed ?? 0 }) : null;
  const { core } = composeCore({
    ollamaUrl: sim ? sim.url : options.ollamaUrl,
    workspaceDir: resolve(options.workspaceDir),
    simulated: sim !== null,
    ...(sim ? { memory: simulatedMemoryProbe(sim) } : {}),
  });
  armCrashHook(core);
  await core.start();
  return {
    core,
    sim,
    close: async () => {
      await sim?.close();
    },
  };
}

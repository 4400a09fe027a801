import {
  defaultProfileId,
  findProfile,
  profiles,
  type MachineProfile,
  type ModelSpec,
} from '../../shared/memory/index';
import { drive, realClock, VirtualClock, type RealClock, type SimClock } from './clock';
import { Faults } from './faults';
import type { InferenceContext } from './inference';
import { keepAliveFromEnv, parseGoDuration } from './keep-alive';
import { Machine, type MachineEvent, type Runner } from './machine';
import { installedModels, type Speed } from './models';
import { defaultLoadTimeoutMs } from './rules';
import { loadScriptFile, Script, type ScriptRule } from './script';
import { startServer } from './server';

export { drive, realClock, VirtualClock, type SimClock } from './clock';
export { Faults, faultSchema, type Fault } from './faults';
export { FOREVER, parseGoDuration, parseKeepAlive } from './keep-alive';
export { Machine, tierNumCtx, type MachineEvent, type Runner } from './machine';
export { findInstalled, installedModels, speedFor, type InstalledModel, type Speed } from './models';
export { parseScript, Script, type ScriptRequest, type ScriptRule } from './script';
export { schemaInstance, seededRng } from './generator';

/** The Ollama version the simulator reports: the release whose source it follows. */
export const simulatedOllamaVersion = '0.32.15';

export interface SimulatorOptions {
  /** 0 (default) picks a free port. The server binds 127.0.0.1 only. */
  port?: number;
  seed?: number;
  /** Multiplies every simulated duration: 0.02 makes a 40 s load take 0.8 s. Default 1. */
  timeScale?: number;
  /** Default: the real clock. Pass a VirtualClock to control time (then use `drive`). */
  clock?: SimClock;
  /** A profile or its id; default m4pro-64. */
  profile?: MachineProfile | string;
  /** Rules, or the path of a JSON / JSON Lines script file. */
  script?: readonly ScriptRule[] | string;
  /** Installed models; default the memory catalogue. */
  models?: readonly ModelSpec[];
  /** Tokens per second per model name, replacing the assumed figures. */
  speeds?: Record<string, Speed>;
  version?: string;
  maxLoadedModels?: number;
  maxQueue?: number;
  numParallel?: number;
  defaultKeepAliveMs?: number;
  /** Simulated ms to stop a runner's process (an unload, a cancelled load) until its memory is free (default 500). */
  unloadDelayMs?: number;
  /** OLLAMA_LOAD_TIMEOUT in simulated ms: a load without progress this long fails (default 5 min; Infinity: never). */
  loadTimeoutMs?: number;
  fitFraction?: number;
  defaultNumCtx?: number;
  /** Serve the admin API under /__sim/ (tests, `sim --admin`). Off by default. */
  admin?: boolean;
}

/** A read-only view of the simulated machine, for tests and the benchmark. */
export interface SimState {
  /** Work is waiting on time: queued or in-flight requests, a load, tokens, an unload. */
  busy(): boolean;
  budgetBytes: number;
  usedBytes(): number;
  peakBytes(): number;
  bytesLoaded(): number;
  loaded(): Runner[];
  queued(): number;
  inFlight(): number;
  events: readonly MachineEvent[];
  onEvent(listener: (event: MachineEvent) => void): () => void;
}

export interface Simulator {
  url: string;
  port: number;
  state: SimState;
  faults: Faults;
  script: Script;
  clock: SimClock;
  machine: Machine;
  /**
   * With a VirtualClock: settles `promise`, advancing virtual time from event to event while the
   * machine is busy. With a real clock it just awaits the promise.
   */
  drive<T>(promise: Promise<T>, options?: { realTimeoutMs?: number; until?: number }): Promise<T>;
  close(): Promise<void>;
}

/** Ollama's environment variables, as its envconfig reads them. */
export function optionsFromEnv(env: NodeJS.ProcessEnv): SimulatorOptions {
  const positive = (name: string) => {
    const n = Number.parseInt(env[name] ?? '', 10);
    return Number.isFinite(n) && n > 0 ? n : undefined;
  };
  const options: SimulatorOptions = { defaultKeepAliveMs: keepAliveFromEnv(env['OLLAMA_KEEP_ALIVE']) };
  const pairs: Array<[keyof SimulatorOptions, string]> = [
    ['maxLoadedModels', 'OLLAMA_MAX_LOADED_MODELS'],
    ['maxQueue', 'OLLAMA_MAX_QUEUE'],
    ['numParallel', 'OLLAMA_NUM_PARALLEL'],
    ['defaultNumCtx', 'OLLAMA_CONTEXT_LENGTH'],
  ];
  for (const [key, name] of pairs) {
    const value = positive(name);
    if (value !== undefined) (options as Record<string, unknown>)[key] = value;
  }
  const loadTimeout = loadTimeoutFromEnv(env['OLLAMA_LOAD_TIMEOUT']);
  if (loadTimeout !== defaultLoadTimeoutMs) options.loadTimeoutMs = loadTimeout;
  return options;
}

/**
 * envconfig.LoadTimeout: a Go duration, else whole seconds, else the default (5 minutes); zero or
 * negative means no limit.
 */
export function loadTimeoutFromEnv(value: string | undefined): number {
  if (value === undefined || value === '') return defaultLoadTimeoutMs;
  let ms: number;
  try {
    ms = parseGoDuration(value);
  } catch {
    if (!/^[+-]?\d+$/.test(value.trim())) return defaultLoadTimeoutMs;
    ms = Number.parseInt(value, 10) * 1000;
  }
  return ms <= 0 ? Number.POSITIVE_INFINITY : ms;
}

export function resolveProfile(profile: MachineProfile | string | undefined): MachineProfile {
  if (typeof profile === 'object') return profile;
  const id = profile ?? defaultProfileId;
  const found = findProfile(id);
  if (!found) throw new Error(`Unknown machine profile "${id}". Profiles: ${profiles.map((p) => p.id).join(', ')}.`);
  return found;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const profile = resolveProfile(options.profile);
  const timeScale = options.timeScale ?? 1;
  if (!(timeScale > 0) || !Number.isFinite(timeScale))
    throw new Error(`timeScale must be a positive number, not ${timeScale}.`);
  const ownClock: RealClock | null = options.clock ? null : realClock();
  const clock = options.clock ?? ownClock!;
  const faults = new Faults();
  const models = installedModels(options.models, options.speeds);
  const rules = typeof options.script === 'string' ? loadScriptFile(options.script) : (options.script ?? []);
  const script = new Script(rules);
  const machine = new Machine({
    clock,
    timeScale,
    profile,
    models,
    faults,
    ...(options.maxLoadedModels === undefined ? {} : { maxLoadedModels: options.maxLoadedModels }),
    ...(options.maxQueue === undefined ? {} : { maxQueue: options.maxQueue }),
    ...(options.numParallel === undefined ? {} : { numParallel: options.numParallel }),
    ...(options.defaultKeepAliveMs === undefined ? {} : { defaultKeepAliveMs: options.defaultKeepAliveMs }),
    ...(options.unloadDelayMs === undefined ? {} : { unloadDelayMs: options.unloadDelayMs }),
    ...(options.loadTimeoutMs === undefined ? {} : { loadTimeoutMs: options.loadTimeoutMs }),
    ...(options.fitFraction === undefined ? {} : { fitFraction: options.fitFraction }),
    ...(options.defaultNumCtx === undefined ? {} : { defaultNumCtx: options.defaultNumCtx }),
  });
  const inFlight = { count: 0 };
  const ctx: InferenceContext = {
    clock,
    timeScale,
    machine,
    models,
    faults,
    script,
    seed: options.seed ?? 0,
    inFlight,
  };
  const server = await startServer({
    port: options.port ?? 0,
    version: options.version ?? simulatedOllamaVersion,
    ctx,
    admin: options.admin ?? false,
  });
  faults.attach({ down: (forMs) => server.down(forMs), up: () => server.up() });

  const busy = () => inFlight.count > 0 || machine.busy();
  const state: SimState = {
    busy,
    budgetBytes: profile.gpuBudgetBytes,
    usedBytes: () => machine.usedBytes(),
    peakBytes: () => machine.peakBytes(),
    bytesLoaded: () => machine.bytesLoaded(),
    loaded: () => machine.runnersList(),
    queued: () => machine.queuedCount(),
    inFlight: () => inFlight.count,
    events: machine.events,
    onEvent: (listener) => machine.onEvent(listener),
  };
  return {
    url: server.url,
    port: server.port,
    state,
    faults,
    script,
    clock,
    machine,
    drive: (promise, driveOptions = {}) =>
      clock instanceof VirtualClock ? drive(clock, promise, { busy, ...driveOptions }) : promise,
    async close() {
      machine.close();
      await server.close();
      ownClock?.dispose();
    },
  };
}

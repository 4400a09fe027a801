// The core's one public entry (docs/architecture.md, "Layers"). Hosts, adapters, the simulator and
// the bench reach the engine only through what is exported here; the lint rule
// `boundaries/dependencies` refuses a deep import into src/core from any other layer (tests aside,
// which may test a module directly, and src/core/testing.ts for the engine's insides).

// The engine.
export { createCore, type Core, type CoreTasks, type CreateCoreOptions } from './create-core';
export type { CoreEvents, CoreLog } from './orchestrator/context';
export { defaultOrchestratorOptions, seedPolicy, sosPolicy } from './orchestrator/policy';
export type { OrchestratorOptions, Policy } from './orchestrator/policy';
export type { RouteTask, RouterAccess } from './orchestrator/orchestrator';
export { isPastApproval } from './protocol/transitions';

// The ports adapters implement, and what crosses them.
export type * from './ports';
export { ModelHostError, isModelHostError, type ModelHostErrorKind } from './model-host-error';
export { FrontierError, isFrontierError, type FrontierErrorKind } from './frontier/errors';
export { createApprovalBroker, type ApprovalBroker, type PendingApproval } from './approvals';
export { systemClock } from './clock';

// Memory: the monitor the hosts run, and the pressure readings the probes share.
export { createMemoryMonitor, type MemoryMonitor, type MemoryEvent } from './memory/monitor';
export { systemScheduler, type Scheduler } from './memory/scheduler';
export {
  isHighPressure,
  pressureFromFreePercent,
  pressureFromKernelLevel,
  pressureFromPsi,
  worstPressure,
} from './memory/pressure';
export { ModelSizeError, resolveSpecs, withTag } from './memory/specs';

// Settings and files.
export { EngineSettingsError, readEngineSettings } from './engine-settings';
export { repairJournal, journalPath } from './journal/journal';
export {
  defaultFrontierOptions,
  FrontierConfigError,
  frontierOptionsFromEnv,
  resolveFrontierOptions,
  type FrontierOptions,
} from './frontier/options';

// The Router, for the CLI's `route`, its worker threads and the Router lab.
export * from './router/index';

// What scripts/bench-monitor.mjs needs, bundled by `npm run build` to out/cli/memory-bench.mjs so
// the benchmark runs built code with plain Node (no TypeScript loader at run time).
export { createSystemMemoryProbe } from './system-probe';
export { createMacosProbe, macosCommands } from './macos-probe';
export { execRunner } from './runner';
export { detectMachine } from './machine';
export { createMemoryMonitor, systemScheduler } from '../../core/index';
export { profileFor } from '../../../shared/memory/profiles';

// Bundles the CLI (src/cli) for Node 20 into out/cli/index.mjs. Dependencies stay external:
// they are installed beside it by npm, and bundling them would hide their versions.
import { build } from 'esbuild';

const shared = {
  bundle: true,
  platform: 'node',
  target: 'node20.19',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  tsconfig: 'tsconfig.node.json',
  logLevel: 'warning',
};

await build({ ...shared, entryPoints: ['src/cli/index.ts'], outfile: 'out/cli/index.mjs' });
// The routing worker `route --no-llm` starts for bulk input (src/cli/route-pool.ts), beside the CLI.
await build({ ...shared, entryPoints: ['src/cli/route-worker.ts'], outfile: 'out/cli/route-worker.mjs' });
// The memory monitor on its own, for `npm run bench:monitor` (scripts/bench-monitor.mjs).
await build({ ...shared, entryPoints: ['src/adapters/memory/bench-entry.ts'], outfile: 'out/cli/memory-bench.mjs' });
// The Router's lab (training, cross-validation, calibration, metrics), for `npm run train:router`
// and `npm run eval:router` (scripts/train-router.mjs, scripts/eval-router.mjs).
await build({ ...shared, entryPoints: ['bench/router/lab.ts'], outfile: 'out/cli/router-lab.mjs' });

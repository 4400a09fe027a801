// A test-only entry (tests/process/crash-recovery.process.test.ts bundles it): `frontier-sos serve` whose
// process kills itself with SIGKILL the moment the swap enters FRONTIER_SOS_CRASH_AT, right after
// that state is journalled and before its effect runs: the worst moment. Production code has no
// such hook; this entry passes it through serve's test seam (HeadlessOptions.beforeStart).
import { createServeCommand } from '../../src/cli/commands/serve';
import { processIO, run } from '../../src/cli/index';

const at = process.env['FRONTIER_SOS_CRASH_AT'];
const serve = createServeCommand({
  beforeStart: (core) => {
    if (!at) return;
    core.on('changed', () => {
      if (core.currentSwap()?.state === at) process.kill(process.pid, 'SIGKILL');
    });
  },
});
process.exitCode = await run(process.argv.slice(2), processIO(), [serve]);

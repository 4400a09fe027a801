import type { MemoryProbe } from '../core/index';
import type { Simulator } from '../sim/index';

const GiB = 2 ** 30;
/** macOS, a browser and an editor on the simulated Mac: what is in use before any model. */
const baselineBytes = 6 * GiB;

/**
 * Memory readings of the simulated Mac, not of the machine the demo runs on: the fit gate then
 * judges a swap as it would on the reference machine. The simulator's memory-pressure fault
 * ("another app takes N bytes") shows up here as used memory.
 */
export function simulatedMemoryProbe(sim: Simulator): MemoryProbe {
  return {
    async read() {
      const profile = sim.machine.profile;
      const used = baselineBytes + sim.faults.reservedBytes() + sim.machine.usedBytes();
      const free = Math.max(0, profile.totalBytes - used);
      return {
        totalBytes: profile.totalBytes,
        freeBytes: free,
        usedBytes: Math.min(profile.totalBytes, used),
        budgetBytes: profile.gpuBudgetBytes,
        swapUsedBytes: 0,
        swapTotalBytes: 0,
        pressure: free / profile.totalBytes < 0.05 ? 'critical' : free / profile.totalBytes < 0.15 ? 'warn' : 'normal',
        pressureDetail: `simulated: ${Math.round((free / profile.totalBytes) * 100)}% free`,
        source: 'simulator',
      };
    },
  };
}

import { freemem, totalmem } from 'node:os';
import type { MemoryProbe } from '../../core/ports';

/**
 * A first reading from the operating system. The memory-monitor issue replaces it with the
 * systeminformation + macOS probe; the budget here is the GPU working-set rule of thumb (75%).
 */
export function createOsMemoryProbe(): MemoryProbe {
  return {
    async read() {
      const total = totalmem();
      return { totalBytes: total, freeBytes: freemem(), budgetBytes: Math.floor(total * 0.75) };
    },
  };
}

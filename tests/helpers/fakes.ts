import type { LoadedModel, Ports } from '../../src/core/ports';
import { createApprovalBroker } from '../../src/core/approvals';

/** Ports that touch nothing outside the test; `loaded` is what the fake model host reports. */
export function fakePorts(loaded: LoadedModel[] = []): Ports {
  let now = 0;
  return {
    modelHost: { version: async () => '0.0.0-test', listLoaded: async () => loaded },
    frontier: [],
    workspace: {
      root: '/nowhere',
      readText: async () => null,
      writeTextAtomic: async () => undefined,
      appendLine: async () => undefined,
    },
    memory: { read: async () => ({ totalBytes: 64e9, freeBytes: 32e9, budgetBytes: 48 * 2 ** 30 }) },
    approvals: createApprovalBroker(() => now),
    clock: { now: () => now, sleep: async (ms) => void (now += ms) },
    secrets: { get: async () => null, set: async () => undefined, has: async () => false },
  };
}

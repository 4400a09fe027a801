import type { LoadedModel, ModelHost, Ports } from '../../src/core/ports';
import { createApprovalBroker } from '../../src/core/approvals';

/** Ports that touch nothing outside the test; `loaded` is what the fake model host reports. */
/** An in-memory model host: loads and unloads change what it lists; chat echoes the last message. */
export function fakeModelHost(initiallyLoaded: LoadedModel[] = []): ModelHost {
  const loaded = [...initiallyLoaded];
  return {
    version: async () => '0.12.0',
    listInstalled: async () => [],
    listLoaded: async () => [...loaded],
    show: async (name) => ({
      name,
      architecture: 'qwen2',
      blockCount: null,
      embeddingLength: null,
      headCount: null,
      headCountKv: null,
      contextLength: null,
      parameterCount: null,
      vocabSize: null,
    }),
    load: async (model) => {
      if (!loaded.some((m) => m.name === model)) loaded.push({ name: model, sizeBytes: 1e9, expiresAt: null });
      return { model, loadDurationMs: 0, totalDurationMs: 0 };
    },
    unload: async (model) => {
      const i = loaded.findIndex((m) => m.name === model);
      if (i >= 0) loaded.splice(i, 1);
    },
    chat: async (request) => {
      const content = `echo: ${request.messages.at(-1)?.content ?? ''}`;
      request.onToken?.(content);
      return { content, doneReason: 'stop', promptTokens: 1, outputTokens: 1, totalDurationMs: 0, loadDurationMs: 0 };
    },
  };
}

export function fakePorts(loaded: LoadedModel[] = []): Ports {
  let now = 0;
  return {
    modelHost: fakeModelHost(loaded),
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

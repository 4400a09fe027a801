import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ollamaUrl } from '../../../src/adapters/ollama/host-url';
import { createOllamaHost } from '../../../src/adapters/ollama/ollama-host';
import { isModelHostError, type ModelHostError } from '../../../src/core/model-host-error';
import { chatStructured } from '../../../src/core/models/structured';
import type { ModelHost } from '../../../src/core/ports';
import { startSimulator, type Simulator } from '../../../src/sim/index';

/**
 * One contract for the ModelHost port, run against every host we can reach: the simulator
 * always, and a real Ollama when OLLAMA_HOST is set (its model: OLLAMA_CONTRACT_MODEL, default
 * qwen2.5:0.5b — small enough for any machine). Without OLLAMA_HOST the real run is reported as
 * skipped, not passed.
 */
function modelHostContract(
  name: string,
  setup: () => Promise<{ host: ModelHost; model: string; teardown(): Promise<void> }>,
) {
  describe(`ModelHost contract: ${name}`, () => {
    let host: ModelHost;
    let model: string;
    let teardown: () => Promise<void>;
    beforeAll(async () => {
      ({ host, model, teardown } = await setup());
    }, 120_000);
    afterAll(async () => teardown?.());
    const run = () => ({ numCtx: 2048, keepAlive: '5m' as const });

    it('reports a supported version', async () => {
      expect(await host.version()).toMatch(/^\d+\.\d+\.\d+/);
    });

    it('lists the model as installed, with its size', async () => {
      const installed = await host.listInstalled();
      const entry = installed.find((m) => m.name === model);
      expect(entry, `${model} is not installed: run \`ollama pull ${model}\``).toBeDefined();
      expect(entry!.sizeBytes).toBeGreaterThan(0);
    });

    it('shows the metadata memory estimates need', async () => {
      const details = await host.show(model);
      expect(details.architecture).not.toBe('');
      expect(details.blockCount).toBeGreaterThan(0);
      expect(details.headCountKv).toBeGreaterThan(0);
    });

    it('loads without generating, and /api/ps then lists it with size and expiry', async () => {
      await host.load(model, run());
      const loaded = (await host.listLoaded()).find((m) => m.name === model);
      expect(loaded).toBeDefined();
      expect(loaded!.sizeBytes).toBeGreaterThan(0);
      expect(loaded!.expiresAt).not.toBeNull();
    }, 120_000);

    it('streams a chat answer token by token', async () => {
      const tokens: string[] = [];
      const result = await host.chat({
        model,
        messages: [{ role: 'user', content: 'Say hello in five words.' }],
        options: run(),
        onToken: (t) => tokens.push(t),
      });
      expect(tokens.length).toBeGreaterThan(1);
      expect(tokens.join('')).toBe(result.content);
      expect(result.outputTokens).toBeGreaterThan(0);
      expect(result.doneReason).not.toBeNull();
    }, 120_000);

    it('follows a JSON Schema format (validated with zod)', async () => {
      const schema = z.object({
        route: z.enum(['local', 'planner', 'frontier']),
        confidence: z.number().min(0).max(1),
      });
      const answer = await chatStructured(
        host,
        {
          model,
          messages: [{ role: 'user', content: 'Route this task: "fix a typo". Answer as JSON.' }],
          options: run(),
        },
        schema,
      );
      expect(schema.safeParse(answer).success).toBe(true);
    }, 120_000);

    it('stops a stream when asked', async () => {
      const controller = new AbortController();
      const chat = host.chat({
        model,
        messages: [{ role: 'user', content: 'Write a long story about a lighthouse.' }],
        options: run(),
        signal: controller.signal,
        onToken: () => controller.abort(),
      });
      const error = await chat.then(
        () => null,
        (e: unknown) => e,
      );
      expect(isModelHostError(error, 'aborted'), String(error)).toBe(true);
    }, 120_000);

    it('unloads, and returns only once /api/ps no longer lists the model', async () => {
      await host.unload(model, { timeoutMs: 60_000 });
      expect((await host.listLoaded()).some((m) => m.name === model)).toBe(false);
    }, 120_000);

    it('says how to install a model that is missing', async () => {
      const error = (await host
        .chat({ model: 'no-such-model:1b', messages: [{ role: 'user', content: 'hi' }], options: run() })
        .then(
          () => null,
          (e: unknown) => e,
        )) as ModelHostError;
      expect(isModelHostError(error, 'not_found'), String(error)).toBe(true);
      expect(error.message).toContain('ollama pull no-such-model:1b');
    });
  });
}

modelHostContract('the simulator', async () => {
  const sim: Simulator = await startSimulator({ port: 0, timeScale: 0.001, seed: 7 });
  return {
    host: createOllamaHost({ url: sim.url, unloadPollMs: 20 }),
    model: 'qwen2.5:7b',
    teardown: () => sim.close(),
  };
});

const realOllama = process.env['OLLAMA_HOST'];
describe.skipIf(!realOllama)('against a real Ollama (set OLLAMA_HOST to run)', () => {
  modelHostContract(`Ollama at ${realOllama ?? '(not set)'}`, async () => ({
    host: createOllamaHost({ url: ollamaUrl(realOllama) }),
    model: process.env['OLLAMA_CONTRACT_MODEL'] ?? 'qwen2.5:0.5b',
    teardown: async () => undefined,
  }));
});

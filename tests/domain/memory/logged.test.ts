import { describe, expect, it } from 'vitest';
import { estimateModel, findSpec, type ModelSpec } from '../../../shared/memory/index';
import { loggedFigures, loggedSpecs, type LoggedFigure } from '../../fixtures/ollama-memory-logs';

// The estimate against figures real Ollama servers logged, each cited by its thread
// (tests/fixtures/ollama-memory-logs.ts; docs/ollama.md, "Memory prediction"). The settings are
// the ones each log shows, so the check is of the formula, not of Metal's defaults.
const MiB = 2 ** 20;
const specOf = (f: LoggedFigure): ModelSpec =>
  typeof f.spec === 'string' ? (findSpec(f.spec) ?? loggedSpecs[f.spec]!) : f.spec;
const label = (f: LoggedFigure) => `${f.url} ${specOf(f).name} num_ctx ${f.run.numCtx}×${f.run.numParallel}`;

describe('the estimate against memory figures Ollama logged', () => {
  it('cites at least five models, each figure with its thread', () => {
    expect(new Set(loggedFigures.map((f) => f.url.split('#')[0])).size).toBeGreaterThanOrEqual(5);
    expect(new Set(loggedFigures.map((f) => f.model)).size).toBeGreaterThanOrEqual(5);
    for (const f of loggedFigures) expect(f.url).toMatch(/^https:\/\/github\.com\/ollama\/ollama\/issues\/\d+$/);
  });

  const totals = loggedFigures.flatMap((f) =>
    Object.entries(f.totalMiB ?? {}).map(([kind, mib]) => [label(f), kind, mib, f] as const),
  );
  it.each(totals)('%s: the total is within 5%% of the %s figure (%d MiB)', (_, __, mib, f) => {
    const estimate = estimateModel(specOf(f), f.run).totalBytes / MiB;
    expect(Math.abs(estimate - mib) / mib, `${estimate.toFixed(1)} MiB estimated`).toBeLessThanOrEqual(0.05);
  });

  const kvs = loggedFigures.filter((f) => f.kvMiB !== undefined).map((f) => [label(f), f.kvMiB!, f] as const);
  it.each(kvs)('%s: the KV cache is exactly the %d MiB logged', (_, mib, f) => {
    expect(estimateModel(specOf(f), f.run).kvBytes).toBe(mib * MiB);
  });

  // The one log with every buffer line: each term of the estimate, not only their sum.
  it('reproduces every llama.cpp buffer of the 32B log (issue 9221) to the MiB', () => {
    const f = loggedFigures.find((x) => x.url.endsWith('/9221'))!;
    const e = estimateModel(specOf(f), f.run);
    expect(e.weightsBytes / MiB).toBeCloseTo(417.66 + 18508.35, 1);
    expect(e.kvBytes / MiB).toBe(2048);
    // CUDA0 compute 696.00 + CUDA_Host compute 26.01 + CUDA_Host output 2.40.
    expect(Math.abs(e.graphBytes / MiB - (696 + 26.01 + 2.4))).toBeLessThan(0.1);
  });

  // The weights are the GGUF file: llama.cpp's model buffers add up to it less a few MiB of
  // metadata (issue 9091: 8148.38 + 417.66 MiB for the 14B).
  it("takes the file size for the weights llama.cpp's model buffers hold", () => {
    const weights = findSpec('qwen2.5:14b')!.weightsBytes / MiB;
    expect(Math.abs(weights - (8148.38 + 417.66)) / weights).toBeLessThan(0.001);
  });
});

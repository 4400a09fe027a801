import { describe, expect, it } from 'vitest';
import {
  catalogue,
  estimateModel,
  findProfile,
  findSpec,
  kvBytes,
  planMemory,
  plannerFitsBeside,
  UnknownModelError,
  cpuOffloadMessage,
  type ModelSpec,
} from '../../../shared/memory/index';
import { defaultRoles, type RolesConfig } from '../../../shared/roles';

const MiB = 2 ** 20;
const GiB = 2 ** 30;
const m4pro = findProfile('m4pro-64')!;
const spec = (name: string): ModelSpec => findSpec(name)!;
const withCtx = (numCtx: number): RolesConfig => ({
  router: { ...defaultRoles.router, numCtx },
  coder: { ...defaultRoles.coder, numCtx },
  reviewer: { ...defaultRoles.reviewer, numCtx },
  planner: { ...defaultRoles.planner, numCtx },
});
const within = (actual: number, expected: number, fraction: number) =>
  expect(Math.abs(actual - expected) / expected, `${actual} vs ${expected}`).toBeLessThanOrEqual(fraction);

describe('memory estimates against what Ollama reports', () => {
  // docs/ollama.md, "Model sizes": KV per token at f16 for the default models.
  it.each([
    ['qwen2.5:7b', 56],
    ['qwen2.5:14b', 192],
    ['qwen2.5-coder:32b', 256],
    ['llama3.3:70b', 320],
  ])('%s keeps %i KiB of KV per token', (name, kib) => {
    expect(kvBytes(spec(name), { numCtx: 1 })).toBe(kib * 1024);
  });

  // Ollama's server log for a qwen2 14B at num_ctx 4096 (an "offload" line): memory.required.kv="768.0 MiB".
  // The cited whole-model checks are in tests/memory-logged.test.ts.
  it('matches the KV Ollama logged for a Qwen2.5 14B at num_ctx 4096', () => {
    expect(kvBytes(spec('qwen2.5:14b'), { numCtx: 4096 })).toBe(768 * MiB);
  });

  // The same log line for a Qwen2.5(-VL) 7B text tower at num_ctx 4096: memory.required.kv="224.0 MiB".
  it('matches the KV Ollama logged for a Qwen2.5 7B at num_ctx 4096', () => {
    expect(kvBytes(spec('qwen2.5:7b'), { numCtx: 4096 })).toBe(224 * MiB);
  });

  // docs/ollama.md: KV at num_ctx 8192 / 32768 for the residents (~0.5/1.8, ~1.5/6.0, ~2.0/8.0 GB).
  it.each([
    ['qwen2.5:7b', 8192, 0.47e9],
    ['qwen2.5:7b', 32768, 1.88e9],
    ['qwen2.5:14b', 8192, 1.61e9],
    ['qwen2.5:14b', 32768, 6.44e9],
    ['qwen2.5-coder:32b', 8192, 2.15e9],
    ['qwen2.5-coder:32b', 32768, 8.59e9],
  ])('%s at num_ctx %i needs %d bytes of KV (within 5%)', (name, numCtx, bytes) => {
    within(kvBytes(spec(name), { numCtx }), bytes, 0.05);
  });

  // The weights are the sizes `ollama list` / /api/tags report: 4.7, 9.0, 19.9 and 42 GB.
  it.each([
    ['qwen2.5:7b', 4.7e9],
    ['qwen2.5:14b', 9.0e9],
    ['qwen2.5-coder:32b', 19.9e9],
    ['llama3.3:70b', 42e9],
  ])('%s weighs %d bytes (within 5%)', (name, bytes) => {
    within(spec(name).weightsBytes, bytes, 0.05);
  });

  it('scales KV with num_parallel and shrinks it with a quantized cache (ggml blocks of 32 with an f16 scale)', () => {
    const base = kvBytes(spec('qwen2.5:7b'), { numCtx: 8192 });
    expect(kvBytes(spec('qwen2.5:7b'), { numCtx: 8192, numParallel: 4 })).toBe(4 * base);
    expect(kvBytes(spec('qwen2.5:7b'), { numCtx: 8192, kvCacheType: 'q8_0' })).toBe((base * 34) / 64);
    expect(kvBytes(spec('qwen2.5:7b'), { numCtx: 8192, kvCacheType: 'q4_0' })).toBe((base * 18) / 64);
  });

  it('caps num_ctx at the trained context, as Ollama does before starting llama-server', () => {
    expect(kvBytes(spec('qwen2.5:7b'), { numCtx: 65536 })).toBe(kvBytes(spec('qwen2.5:7b'), { numCtx: 32768 }));
  });

  it('gives the hybrid planner a small KV cache (4 attention layers) plus its recurrent state', () => {
    const planner = spec('jamba-mini:52b');
    expect(planner.weightsBytes).toBeGreaterThanOrEqual(25e9);
    expect(planner.weightsBytes).toBeLessThanOrEqual(40e9);
    const kv = kvBytes(planner, { numCtx: 32768 });
    expect(kv).toBe(2 * 4 * 32768 * 8 * 128 * 2 + 28 * 155_744 * 4);
  });

  it('adds weights, KV and graph into the total', () => {
    const e = estimateModel(spec('qwen2.5-coder:32b'), { numCtx: 8192 });
    expect(e.totalBytes).toBe(e.weightsBytes + e.kvBytes + e.graphBytes);
  });

  it("runs Ollama 0.32's automatic batch: 512 up to 4096 tokens, 1024 up to 32768, 2048 above", () => {
    expect(estimateModel(spec('qwen2.5:7b'), { numCtx: 4096 }).numBatch).toBe(512);
    expect(estimateModel(spec('qwen2.5:7b'), { numCtx: 8192 }).numBatch).toBe(1024);
    expect(estimateModel(spec('qwen2.5:7b'), { numCtx: 8192, numParallel: 8 }).numBatch).toBe(2048);
    // Close to the memory available it steps down (sched.go automaticGenerationBatch).
    const coder = spec('qwen2.5-coder:32b');
    expect(estimateModel(coder, { numCtx: 8192, availableBytes: 24 * GiB }).numBatch).toBe(512);
    expect(estimateModel(coder, { numCtx: 8192, numBatch: 256 }).numBatch).toBe(256);
  });

  it("keeps the compute buffer flat in the context with flash attention (Metal's default), not without", () => {
    const coder = spec('qwen2.5-coder:32b');
    const graph = (numCtx: number, flashAttention: boolean) =>
      estimateModel(coder, { numCtx, numBatch: 512, flashAttention }).graphBytes;
    expect(graph(32768, true) - graph(8192, true)).toBeLessThan(100 * MiB);
    // Without it the K·Q scores grow with the context: 4 bytes × 512 × 40 heads per cell.
    expect(graph(32768, false) - graph(8192, false)).toBeGreaterThan(24576 * 512 * 40 * 4);
  });

  // Issue 16 read 27.2 GiB off v0.32.15 for qwen2.5-coder:32b at 32k against our 29.1: Ollama's
  // prediction is the file, an f16 KV cache and the 768 MiB surcharge of batch 1024; the allocation
  // is the file, the KV cache and the compute buffers llama-server reserves with flash attention.
  it("separates Ollama's own prediction from what llama-server allocates", () => {
    const coder = spec('qwen2.5-coder:32b');
    const e = estimateModel(coder, { numCtx: 32768 });
    expect(e.ollamaPredictedBytes).toBe(coder.weightsBytes + 8 * GiB + 768 * MiB);
    within(e.ollamaPredictedBytes, 27.24 * GiB, 0.001);
    within(e.totalBytes, 27.2 * GiB, 0.01);
    // The prediction ignores the cache type; the allocation does not.
    const q8 = estimateModel(coder, { numCtx: 32768, kvCacheType: 'q8_0' });
    expect(q8.ollamaPredictedBytes).toBe(e.ollamaPredictedBytes);
    expect(q8.totalBytes).toBeLessThan(e.totalBytes - 3.5 * GiB);
  });

  it("predicts a hybrid model's KV as Ollama does: every block, one KV head", () => {
    const planner = spec('jamba-mini:52b');
    const e = estimateModel(planner, { numCtx: 32768 });
    expect(e.ollamaPredictedBytes).toBe(planner.weightsBytes + 2 * 32 * 1 * 128 * 32768 * 2 + 768 * MiB);
  });

  it('has no duplicate names in the catalogue', () => {
    expect(new Set(catalogue.map((m) => m.name)).size).toBe(catalogue.length);
  });
});

describe('the memory plan for the m4pro-64 profile', () => {
  it('has a 48 GiB GPU budget less 10% headroom', () => {
    expect(m4pro.gpuBudgetBytes).toBe(48 * GiB);
    expect(planMemory(defaultRoles, m4pro).budgetBytes).toBe(Math.floor(48 * GiB * 0.9));
  });

  it('at num_ctx 8192 the residents total 35-42 GB and fit', () => {
    const plan = planMemory(withCtx(8192), m4pro);
    expect(plan.residentsTotalBytes).toBeGreaterThanOrEqual(35e9);
    expect(plan.residentsTotalBytes).toBeLessThanOrEqual(42e9);
    expect(plan.residentsFit).toBe(true);
  });

  it("at num_ctx 32768 (Ollama's default on this GPU) the residents do not fit", () => {
    const plan = planMemory(withCtx(32768), m4pro);
    expect(plan.residentsTotalBytes).toBeGreaterThan(plan.budgetBytes);
    expect(plan.residentsFit).toBe(false);
  });

  it('a planner swap evicts the Coder and the Reviewer and keeps the Router', () => {
    for (const roles of [defaultRoles, withCtx(8192)]) {
      const plan = planMemory(roles, m4pro);
      expect(plan.plannerSwapEvicts).toEqual(['coder', 'reviewer']);
      const kept = plan.models.filter((m) => m.role === 'router' || m.role === 'planner');
      expect(kept.reduce((s, m) => s + m.totalBytes, 0)).toBeLessThanOrEqual(plan.budgetBytes);
    }
  });

  it('evicts nothing when everything fits, and the fewest residents otherwise', () => {
    const big = findProfile('m4max-128')!;
    expect(planMemory(defaultRoles, big).plannerSwapEvicts).toEqual([]);
    // A small planner that fits beside the Router and Reviewer: only the Coder has to go.
    const smallPlanner: RolesConfig = {
      ...defaultRoles,
      planner: { model: 'qwen2.5:32b', numCtx: 8192, resident: false },
    };
    expect(planMemory(smallPlanner, m4pro).plannerSwapEvicts).toEqual(['coder']);
  });

  it('says when even unloading every resident is not enough', () => {
    const tiny = findProfile('m3-36')!;
    const roles: RolesConfig = { ...defaultRoles, planner: { model: 'llama3.3:70b', numCtx: 8192, resident: false } };
    expect(planMemory(roles, tiny).plannerSwapEvicts).toBeNull();
  });

  it("keeps a resident beside the Planner only if Ollama's own prediction is within 80% of what is free", () => {
    const budget = planMemory(defaultRoles, m4pro).budgetBytes;
    const kept = 10 * GiB;
    const free = m4pro.gpuBudgetBytes - kept;
    // The allocation fits our budget either way; Ollama's prediction decides whether it evicts.
    expect(plannerFitsBeside({ totalBytes: 30 * GiB, ollamaPredictedBytes: 0.8 * free }, kept, budget, m4pro)).toBe(
      true,
    );
    expect(plannerFitsBeside({ totalBytes: 30 * GiB, ollamaPredictedBytes: 0.8 * free + 1 }, kept, budget, m4pro)).toBe(
      false,
    );
    // With nothing kept Ollama loads without the 80% check (requireFull false).
    expect(plannerFitsBeside({ totalBytes: 30 * GiB, ollamaPredictedBytes: 60 * GiB }, 0, budget, m4pro)).toBe(true);
  });

  it('names a model it cannot size', () => {
    const roles: RolesConfig = { ...defaultRoles, coder: { model: 'mystery:99b', numCtx: 8192, resident: true } };
    expect(() => planMemory(roles, m4pro)).toThrow(UnknownModelError);
    expect(() => planMemory(roles, m4pro)).toThrow(/mystery:99b/);
  });
});

describe('the plan refuses a role llama-server would partly run on the CPU', () => {
  const GB = 1e9;

  it('has nothing to refuse for the default roles', () => {
    expect(planMemory(defaultRoles, m4pro).cpuOffload).toEqual([]);
  });

  it('names the Planner, by how much, and the num_ctx that fits when it is too big even alone', () => {
    const roles: RolesConfig = { ...defaultRoles, planner: { model: 'llama3.3:70b', numCtx: 32768, resident: false } };
    const plan = planMemory(roles, m4pro);
    expect(plan.plannerSwapEvicts).toBeNull();
    expect(plan.cpuOffload).toHaveLength(1);
    const [risk] = plan.cpuOffload;
    expect(risk).toMatchObject({ role: 'planner', model: 'llama3.3:70b', numCtx: 32768, beside: [] });
    // The whole 48 GiB working set less llama.cpp's 1 GiB fit margin.
    expect(risk!.roomBytes).toBe(47 * GiB);
    expect(risk!.overBytes).toBe(risk!.needBytes - 47 * GiB);
    expect(risk!.overBytes).toBeGreaterThan(3 * GB);
    expect(risk!.fitsAtNumCtx).toBe(21504);
    expect(estimateModel(spec('llama3.3:70b'), { numCtx: 21504 }).totalBytes).toBeLessThanOrEqual(47 * GiB);
    expect(estimateModel(spec('llama3.3:70b'), { numCtx: 22528 }).totalBytes).toBeGreaterThan(47 * GiB);
    expect(cpuOffloadMessage(risk!)).toMatch(
      /^The planner \(llama3\.3:70b at num_ctx 32768\) needs 53\.9 GB but only 50\.5 GB of the GPU is free for it, so Ollama would run about 3\.5 GB of it on the CPU, which makes it unusably slow\. Lower the planner's num_ctx to 21504 or less, or choose a smaller planner model\.$/,
    );
  });

  it('says to choose a smaller model when even num_ctx 2048 does not fit', () => {
    const roles: RolesConfig = { ...defaultRoles, planner: { model: 'llama3.3:70b', numCtx: 8192, resident: false } };
    const risks = planMemory(roles, findProfile('m3-36')!).cpuOffload;
    // On a 36 GB Mac the three default residents spill too.
    expect(risks.map((r) => r.role)).toEqual(['coder', 'planner']);
    const risk = risks.find((r) => r.role === 'planner');
    expect(risk).toMatchObject({ fitsAtNumCtx: null });
    expect(cpuOffloadMessage(risk!)).toContain('Choose a smaller planner model: even num_ctx 2048 does not fit.');
  });

  it('names the largest resident, loaded beside the others, when the residents spill', () => {
    const roles: RolesConfig = { ...defaultRoles, coder: { model: 'llama3.3:70b', numCtx: 8192, resident: true } };
    const plan = planMemory(roles, m4pro);
    const risk = plan.cpuOffload.find((r) => r.role === 'coder');
    expect(risk).toMatchObject({ model: 'llama3.3:70b', beside: ['router', 'reviewer'] });
    const others = plan.models.filter((m) => m.role === 'router' || m.role === 'reviewer');
    expect(risk!.roomBytes).toBe(48 * GiB - others.reduce((s, m) => s + m.totalBytes, 0) - GiB);
    expect(cpuOffloadMessage(risk!)).toContain('beside the router and reviewer');
  });

  it('does not refuse a Planner that only misses the budget headroom: the fit gate handles that', () => {
    // Too big for the 90% budget beside anything, yet within the working set less 1 GiB alone.
    const roles: RolesConfig = { ...defaultRoles, planner: { model: 'llama3.3:70b', numCtx: 8192, resident: false } };
    const plan = planMemory(roles, m4pro);
    const planner = plan.models.find((m) => m.role === 'planner')!;
    expect(planner.totalBytes).toBeLessThanOrEqual(47 * GiB);
    expect(plan.cpuOffload).toEqual([]);
  });
});

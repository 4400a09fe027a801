import { describe, expect, it } from 'vitest';
import {
  catalogue,
  estimateModel,
  findProfile,
  findSpec,
  graphBytes,
  kvBytes,
  planMemory,
  UnknownModelError,
  type ModelSpec,
} from '../shared/memory/index';
import { defaultRoles, type RolesConfig } from '../shared/roles';

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

  // Ollama's server log for a qwen2 14B at num_ctx 4096 (ollama/ollama-era 0.10 "offload" line):
  //   memory.required.kv="768.0 MiB" memory.graph.full="348.0 MiB"
  it('matches the KV and graph figures Ollama logged for a Qwen2.5 14B at num_ctx 4096', () => {
    expect(kvBytes(spec('qwen2.5:14b'), { numCtx: 4096 })).toBe(768 * MiB);
    within(graphBytes(spec('qwen2.5:14b'), { numCtx: 4096 }), 348 * MiB, 0.01);
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

  it('scales KV with num_parallel and shrinks it with a q8_0 cache', () => {
    const base = kvBytes(spec('qwen2.5:7b'), { numCtx: 8192 });
    expect(kvBytes(spec('qwen2.5:7b'), { numCtx: 8192, numParallel: 4 })).toBe(4 * base);
    expect(kvBytes(spec('qwen2.5:7b'), { numCtx: 8192, kvCacheType: 'q8_0' })).toBe(base / 2);
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

  it('names a model it cannot size', () => {
    const roles: RolesConfig = { ...defaultRoles, coder: { model: 'mystery:99b', numCtx: 8192, resident: true } };
    expect(() => planMemory(roles, m4pro)).toThrow(UnknownModelError);
    expect(() => planMemory(roles, m4pro)).toThrow(/mystery:99b/);
  });
});

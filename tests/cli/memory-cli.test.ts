import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// `frontier-sos memory` as docs/interfaces.md specifies it, run from the build.
function memory(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/frontier-sos.mjs', 'memory', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface PlanJson {
  budget_bytes: number;
  models: Array<{ role: string; model: string; weights_bytes: number; kv_bytes: number; total_bytes: number }>;
  residents_total_bytes: number;
  residents_fit: boolean;
  planner_swap_evicts: string[];
}

describe('frontier-sos memory', () => {
  it('prints the plan in the documented JSON shape', () => {
    const { code, stdout } = memory('--profile', 'm4pro-64', '--num-ctx', '8192', '--json');
    expect(code).toBe(0);
    const plan = JSON.parse(stdout) as PlanJson;
    expect(Object.keys(plan)).toEqual(
      expect.arrayContaining([
        'budget_bytes',
        'models',
        'residents_total_bytes',
        'residents_fit',
        'planner_swap_evicts',
      ]),
    );
    expect(plan.models.map((m) => m.role)).toEqual(['router', 'coder', 'reviewer', 'planner']);
    for (const m of plan.models) {
      expect(Object.keys(m)).toEqual(
        expect.arrayContaining(['role', 'model', 'weights_bytes', 'kv_bytes', 'total_bytes']),
      );
      expect(m.total_bytes).toBeGreaterThan(m.weights_bytes + m.kv_bytes);
    }
    const residents = plan.models.filter((m) => m.role !== 'planner').reduce((s, m) => s + m.total_bytes, 0);
    expect(plan.residents_total_bytes).toBe(residents);
  });

  it('at num_ctx 8192 the residents total 35-42 GB and fit; a swap evicts the Coder and the Reviewer', () => {
    const plan = JSON.parse(memory('--num-ctx', '8192', '--json').stdout) as PlanJson;
    expect(plan.residents_total_bytes).toBeGreaterThanOrEqual(35e9);
    expect(plan.residents_total_bytes).toBeLessThanOrEqual(42e9);
    expect(plan.residents_fit).toBe(true);
    expect(plan.planner_swap_evicts).toEqual(expect.arrayContaining(['coder', 'reviewer']));
    expect(plan.planner_swap_evicts).not.toContain('router');
  });

  it('at num_ctx 32768 the residents do not fit', () => {
    const plan = JSON.parse(memory('--num-ctx', '32768', '--json').stdout) as PlanJson;
    expect(plan.residents_fit).toBe(false);
    expect(plan.residents_total_bytes).toBeGreaterThan(plan.budget_bytes);
  });

  it('prints a readable plan by default', () => {
    const { code, stdout } = memory();
    expect(code).toBe(0);
    expect(stdout).toMatch(/Residents together: .* they fit/);
    expect(stdout).toMatch(/Planner swap: must unload coder and reviewer/);
  });

  it('refuses a role Ollama would half run on the CPU: which role, by how much, what to change (exit 2)', () => {
    const text = memory('--planner', 'llama3.3:70b');
    expect(text.code).toBe(2);
    const why =
      "The planner (llama3.3:70b at num_ctx 32768) needs 53.9 GB but only 50.5 GB of the GPU is free for it, so Ollama would run about 3.5 GB of it on the CPU, which makes it unusably slow. Lower the planner's num_ctx to 21504 or less, or choose a smaller planner model.";
    expect(text.stdout).toContain(`REFUSED: ${why}`);
    expect(text.stderr).toBe(`frontier-sos memory: ${why}\n`);

    const json = memory('--planner', 'llama3.3:70b', '--json');
    expect(json.code).toBe(2);
    const plan = JSON.parse(json.stdout) as { refused: boolean; cpu_offload: Array<Record<string, unknown>> };
    expect(plan.refused).toBe(true);
    expect(plan.cpu_offload).toEqual([
      expect.objectContaining({ role: 'planner', num_ctx: 32768, fits_at_num_ctx: 21504, beside: [], message: why }),
    ]);
    // The default roles are not refused.
    expect(JSON.parse(memory('--json').stdout)).toMatchObject({ refused: false, cpu_offload: [] });
  });

  it('explains an unknown profile, a bad num_ctx and an unknown model', () => {
    expect(memory('--profile', 'm1-8')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown profile "m1-8". Profiles: m4pro-64'),
    });
    expect(memory('--num-ctx', 'big')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--num-ctx must be a whole number'),
    });
    expect(memory('--coder', 'mystery:99b')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('No size is known for "mystery:99b"'),
    });
  });
});

import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogue, estimateModel, type ModelSpec } from '../../shared/memory/index';
import { defaultRoles, resolveRoles } from '../../shared/roles';
import { createOllamaHost } from '../../src/adapters/ollama/ollama-host';
import { createMemoryWorkspace } from '../../src/adapters/workspace/memory-workspace';
import { engineSettingsPath } from '../../shared/engine-settings';
import { EngineSettingsError, readEngineSettings } from '../../src/core/engine-settings';
import { startHeadless, type Headless } from '../../src/compose/headless';
import { ModelSizeError, resolveSpecs } from '../../src/core/memory/specs';
import { startSimulator, type Simulator } from '../../src/sim/index';

// A 20B coder that only the (simulated) Ollama knows: not in the built-in catalogue.
const acme: ModelSpec = {
  ...catalogue.find((m) => m.name === 'qwen2.5-coder:14b')!,
  name: 'acme-coder:20b',
  parameterSize: '20.4B',
  weightsBytes: 12_400_000_000,
  blockCount: 60,
};

let sim: Simulator | null = null;
let headless: Headless | null = null;
afterEach(async () => {
  await headless?.close();
  headless = null;
  await sim?.close();
  sim = null;
});

function cli(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/frontier-sos.mjs', ...args], {
      env: { PATH: process.env['PATH'], HOME: process.env['HOME'] },
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
  });
}

async function workspaceWith(settings: string | null): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'fsos-settings-'));
  if (settings !== null) {
    await mkdir(join(dir, '.frontier-sos'), { recursive: true });
    await writeFile(join(dir, engineSettingsPath), settings);
  }
  return dir;
}

describe('role settings', () => {
  it('layers the defaults, the workspace file and the flags, later ones winning', () => {
    expect(resolveRoles()).toEqual(defaultRoles);
    const roles = resolveRoles(
      { planner: { model: 'qwen2.5:32b', numCtx: 16384 }, coder: { numCtx: 4096 } },
      { coder: { model: 'qwen2.5-coder:14b' } },
    );
    expect(roles.planner).toEqual({ model: 'qwen2.5:32b', numCtx: 16384, resident: false });
    expect(roles.coder).toEqual({ model: 'qwen2.5-coder:14b', numCtx: 4096, resident: true });
    expect(roles.router).toEqual(defaultRoles.router);
    // The defaults themselves are never changed by a resolution.
    expect(defaultRoles.coder.model).toBe('qwen2.5-coder:32b');
  });

  it('reads the workspace file, and says which line to fix when it cannot be used', async () => {
    const workspace = createMemoryWorkspace();
    expect(await readEngineSettings(workspace)).toEqual({});
    await workspace.writeTextAtomic(
      engineSettingsPath,
      '{"roles": {"planner": {"model": "qwen2.5:32b"}}, "profile": "m4max-128"}',
    );
    expect(await readEngineSettings(workspace)).toEqual({
      roles: { planner: { model: 'qwen2.5:32b' } },
      profile: 'm4max-128',
    });
    await workspace.writeTextAtomic(engineSettingsPath, '{"roles": ');
    await expect(readEngineSettings(workspace)).rejects.toThrow(
      /settings\.json is not valid JSON .*delete it to use the defaults/,
    );
    await workspace.writeTextAtomic(
      engineSettingsPath,
      '{"roles": {"designer": {"model": "x"}, "coder": {"numCtx": 100}}}',
    );
    const error = await readEngineSettings(workspace).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineSettingsError);
    expect(String(error)).toMatch(/roles\.coder\.numCtx: num_ctx below 512/);
    expect(String(error)).toMatch(/designer/);
    expect(String(error)).toContain('Example: {"roles"');
  });

  it('sizes a model outside the catalogue from what Ollama reports, as the catalogue would', async () => {
    sim = await startSimulator({ port: 0, timeScale: 0.02, models: [...catalogue, acme] });
    const host = createOllamaHost({ url: sim.url });
    const roles = resolveRoles({ coder: { model: 'acme-coder:20b' } });
    const lookup = await resolveSpecs(host, roles, sim.url);
    const spec = lookup('acme-coder:20b')!;
    expect(spec.weightsBytes).toBe(acme.weightsBytes);
    expect(estimateModel(spec, { numCtx: 8192 })).toEqual(estimateModel(acme, { numCtx: 8192 }));
    // Catalogued models still come from the catalogue.
    expect(lookup('qwen2.5:7b')).toBe(catalogue.find((m) => m.name === 'qwen2.5:7b'));

    await expect(resolveSpecs(host, resolveRoles({ planner: { model: 'nowhere:70b' } }), sim.url)).rejects.toThrow(
      /planner model "nowhere:70b" is not installed .*ollama pull nowhere:70b/,
    );
    const down = createOllamaHost({ url: 'http://127.0.0.1:9' });
    await expect(resolveSpecs(down, roles, 'http://127.0.0.1:9')).rejects.toThrow(ModelSizeError);
    await expect(resolveSpecs(down, roles, 'http://127.0.0.1:9')).rejects.toThrow(
      /Cannot size acme-coder:20b: it is not in the built-in catalogue and Ollama at http:\/\/127\.0\.0\.1:9 did not answer/,
    );
    // Only the catalogue's models: Ollama is not even asked.
    expect((await resolveSpecs(down, defaultRoles, 'http://127.0.0.1:9'))('jamba-mini:52b')?.name).toBe(
      'jamba-mini:52b',
    );
  });

  it("runs the host with the workspace file's roles, the flags on top", async () => {
    const dir = await workspaceWith(
      '{"roles": {"planner": {"model": "qwen2.5:32b", "numCtx": 16384}, "reviewer": {"model": "qwen2.5-coder:14b"}}}',
    );
    headless = await startHeadless({
      workspaceDir: dir,
      ollamaUrl: 'http://127.0.0.1:9',
      sim: { timeScale: 0.02 },
      roles: { reviewer: { model: 'qwen2.5:14b' } },
    });
    const settings = await headless.core.handlers['settings.get']({});
    expect(settings.roles.find((r) => r.role === 'planner')).toMatchObject({ model: 'qwen2.5:32b', numCtx: 16384 });
    expect(settings.roles.find((r) => r.role === 'reviewer')).toMatchObject({ model: 'qwen2.5:14b' });
    const state = await headless.core.getState();
    expect(state.agents.find((a) => a.role === 'planner')?.model).toBe('qwen2.5:32b');
  });

  it('refuses to start, saying what to change, when the file is wrong or the residents cannot fit', async () => {
    const bad = await workspaceWith('{"roles": {"coder": {"numCtx": "big"}}}');
    const refused = await cli(['serve', '--sim', '--time-scale', '0.02', '--workspace', bad]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      '.frontier-sos/settings.json has settings that cannot be used — roles.coder.numCtx',
    );

    const crowded = await workspaceWith('{"roles": {"coder": {"numCtx": 32768}, "reviewer": {"numCtx": 32768}}}');
    const tooBig = await cli(['serve', '--sim', '--time-scale', '0.02', '--workspace', crowded]);
    expect(tooBig.code).toBe(2);
    expect(tooBig.stderr).toMatch(
      /The residents \(qwen2\.5:7b at num_ctx 8192, qwen2\.5-coder:32b at num_ctx 32768, qwen2\.5:14b at num_ctx 32768\) need [\d.]+ GB together, more than the 46\.4 GB budget of m4pro-64/,
    );

    // A Planner that fits alone in no budget would be half run on the CPU: refused, with the fix.
    const halfOnCpu = await cli([
      'serve',
      '--sim',
      '--time-scale',
      '0.02',
      '--workspace',
      await workspaceWith(null),
      '--planner',
      'llama3.3:70b',
    ]);
    expect(halfOnCpu.code).toBe(2);
    expect(halfOnCpu.stderr).toContain(
      "The planner (llama3.3:70b at num_ctx 32768) needs 53.9 GB but only 50.5 GB of the GPU is free for it, so Ollama would run about 3.5 GB of it on the CPU, which makes it unusably slow. Lower the planner's num_ctx to 21504 or less, or choose a smaller planner model.",
    );

    const unknown = await cli([
      'serve',
      '--sim',
      '--time-scale',
      '0.02',
      '--workspace',
      await workspaceWith(null),
      '--planner',
      'nowhere:70b',
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/planner model "nowhere:70b" is not installed in Ollama/);
  });
});

describe("settings.roles (the dashboard's role editor)", () => {
  it('checks proposed roles against the plan, saves them for the next start, and refuses what cannot fit', async () => {
    const dir = await workspaceWith(null);
    headless = await startHeadless({ workspaceDir: dir, ollamaUrl: 'http://127.0.0.1:9', sim: { timeScale: 0.02 } });
    const call = headless.core.handlers['settings.roles'];
    const before = await headless.core.handlers['settings.get']({});
    expect(before.profile).toBe('m4pro-64');

    const smaller = { planner: { model: 'qwen2.5:32b', numCtx: 8192 } };
    const checked = await call({ roles: smaller, save: false });
    expect(checked).toMatchObject({
      profile: 'm4pro-64',
      residentsFit: true,
      plannerFits: true,
      plannerSwapEvicts: ['coder'],
      cpuOffload: [],
      saved: false,
    });
    expect(await readFile(join(dir, engineSettingsPath), 'utf8').catch(() => null)).toBeNull();

    const saved = await call({ roles: smaller, profile: 'm4max-128', save: true });
    expect(saved).toMatchObject({ profile: 'm4max-128', plannerSwapEvicts: [], saved: true });
    // Written as the start reads it; the running engine keeps its models until then.
    expect(JSON.parse(await readFile(join(dir, engineSettingsPath), 'utf8'))).toEqual({
      roles: smaller,
      profile: 'm4max-128',
    });
    expect((await headless.core.handlers['settings.get']({})).roles.find((r) => r.role === 'planner')?.model).toBe(
      'jamba-mini:52b',
    );
    // Saving roles keeps the file's other settings.
    await writeFile(join(dir, engineSettingsPath), JSON.stringify({ roles: smaller, keepSecretsInHandoffFiles: true }));
    await call({ roles: smaller, save: true });
    expect(JSON.parse(await readFile(join(dir, engineSettingsPath), 'utf8'))).toEqual({
      roles: smaller,
      keepSecretsInHandoffFiles: true,
    });
    await writeFile(join(dir, engineSettingsPath), JSON.stringify({ roles: smaller, profile: 'm4max-128' }));

    const crowded = { coder: { numCtx: 32768 }, reviewer: { numCtx: 32768 } };
    expect(await call({ roles: crowded, save: false })).toMatchObject({ residentsFit: false, saved: false });
    await expect(call({ roles: crowded, save: true })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(
        /^Not saved: the residents .* need [\d.]+ GB together, more than the 46\.4 GB budget/,
      ),
    });
    // A Planner Ollama would half run on the CPU: the plan says which role, by how much and what to
    // change, and the settings are not saved.
    const halfOnCpu = { planner: { model: 'llama3.3:70b', numCtx: 32768 } };
    const offload = await call({ roles: halfOnCpu, save: false });
    expect(offload.cpuOffload).toEqual([
      expect.objectContaining({ role: 'planner', model: 'llama3.3:70b', numCtx: 32768, fitsAtNumCtx: 21504 }),
    ]);
    expect(offload.cpuOffload[0]!.overBytes).toBeGreaterThan(3e9);
    expect(offload.cpuOffload[0]!.message).toContain('Ollama would run about 3.5 GB of it on the CPU');
    await expect(call({ roles: halfOnCpu, save: true })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(
        /^Not saved: The planner \(llama3\.3:70b at num_ctx 32768\) .* num_ctx to 21504 or less/,
      ),
    });
    await expect(call({ roles: { planner: { model: 'nowhere:70b' } }, save: false })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('ollama pull nowhere:70b'),
    });
    // The file still holds what was saved last.
    expect(JSON.parse(await readFile(join(dir, engineSettingsPath), 'utf8'))).toEqual({
      roles: smaller,
      profile: 'm4max-128',
    });
  });
});

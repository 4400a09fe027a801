import { Ollama } from 'ollama';
import { afterEach, describe, expect, it } from 'vitest';
import { estimateModel, findProfile, findSpec, planMemory } from '../../shared/memory/index';
import { defaultRoles, type RolesConfig } from '../../shared/roles';
import { drive, VirtualClock } from '../../src/sim/clock';
import { Faults } from '../../src/sim/faults';
import { Machine, type Lease, type MachineOptions } from '../../src/sim/machine';
import { installedModels } from '../../src/sim/models';
import { startSimulator, type Simulator } from '../../src/sim/index';

// The scheduler (Ollama's server/sched.go) on virtual time, driven directly and over HTTP.

const GiB = 2 ** 30;
const profile = findProfile('m4pro-64')!;
const models = installedModels();
const model = (name: string) => models.find((m) => m.spec.name === name)!;
const MIN = 60_000;

function machineWith(options: Partial<MachineOptions> = {}) {
  const clock = new VirtualClock();
  const machine = new Machine({ clock, timeScale: 1, profile, models, faults: new Faults(), ...options });
  const settle = <T>(promise: Promise<T>) => drive(clock, promise, { busy: () => machine.busy() });
  const acquire = (name: string, keepAliveMs?: number, numCtx = 8192) =>
    machine.acquire({ model: model(name), numCtx, ...(keepAliveMs === undefined ? {} : { keepAliveMs }) });
  const names = () =>
    machine
      .runnersList()
      .map((r) => r.name)
      .sort();
  return { clock, machine, settle, acquire, names };
}

describe('the simulated scheduler', () => {
  it('evicts the model with the shortest keep_alive first — by its duration, not by the time it has left', async () => {
    const { clock, machine, settle, acquire, names } = machineWith({ maxLoadedModels: 2 });
    (await settle(acquire('qwen2.5:14b', 20 * MIN))).release();
    await clock.advance(15 * MIN); // 14b: 5 minutes left
    (await settle(acquire('qwen2.5:7b', 10 * MIN))).release(); // 7b: 10 minutes left, but the shorter keep_alive
    const lease = await settle(acquire('llama3.1:8b'));
    expect(machine.events.find((e) => e.type === 'evict')).toMatchObject({ model: 'qwen2.5:7b', reason: 'max-loaded' });
    expect(names()).toEqual(['llama3.1:8b', 'qwen2.5:14b']);
    lease.release();
  });

  it('prefers an idle model over a busy one with a shorter keep_alive', async () => {
    const { settle, acquire, machine, names } = machineWith({ maxLoadedModels: 2 });
    const busy = await settle(acquire('qwen2.5:7b', 1 * MIN));
    (await settle(acquire('qwen2.5:14b', 30 * MIN))).release();
    (await settle(acquire('llama3.1:8b'))).release();
    expect(machine.events.find((e) => e.type === 'evict')?.model).toBe('qwen2.5:14b');
    expect(names()).toEqual(['llama3.1:8b', 'qwen2.5:7b']);
    busy.release();
  });

  it('breaks keep_alive ties by the model blob path, as ByDurationAndName does, the same way every run', async () => {
    const [a, b] = [model('qwen2.5-coder:7b'), model('qwen2.5:7b')];
    expect(a.modelPath).toMatch(/^\/Users\/sim\/\.ollama\/models\/blobs\/sha256-[0-9a-f]{64}$/);
    // The blob is not the manifest: here the two orders disagree, so the test tells them apart.
    expect(a.modelPath < b.modelPath).not.toBe(a.digest < b.digest);
    const expected = (a.modelPath < b.modelPath ? a : b).spec.name;
    for (const [first, second] of [
      [a, b],
      [b, a],
    ]) {
      const { settle, acquire, machine } = machineWith({ maxLoadedModels: 2 });
      (await settle(acquire(first!.spec.name))).release();
      (await settle(acquire(second!.spec.name))).release();
      (await settle(acquire('llama3.1:8b'))).release();
      expect(machine.events.find((e) => e.type === 'evict')?.model).toBe(expected);
    }
  });

  it('waits for an evicted model’s in-flight request instead of killing it', async () => {
    const { clock, settle, acquire, machine } = machineWith({ maxLoadedModels: 1 });
    const coder = await settle(acquire('qwen2.5-coder:32b'));
    const planner = acquire('jamba-mini:52b', undefined, 32768);
    await settle(new Promise((resolve) => setTimeout(resolve, 5)));
    await clock.advance(10 * MIN);
    // Marked for eviction, still loaded and running its request; the planner has not started loading.
    expect(machine.runner('qwen2.5-coder:32b')).toMatchObject({ state: 'ready', refCount: 1 });
    expect(machine.events.filter((e) => e.type === 'load-start').map((e) => e.model)).toEqual(['qwen2.5-coder:32b']);
    const releasedAt = clock.now();
    coder.release();
    const lease = await settle(planner);
    const unloadEnd = machine.events.find((e) => e.type === 'unload-end' && e.model === 'qwen2.5-coder:32b')!;
    const plannerStart = machine.events.find((e) => e.type === 'load-start' && e.model === 'jamba-mini:52b')!;
    expect(unloadEnd.at).toBe(releasedAt + 500);
    expect(plannerStart.at).toBeGreaterThanOrEqual(unloadEnd.at);
    lease.release();
  });

  it('loads one model at a time: a request for another model waits for the current load', async () => {
    const { settle, acquire, machine } = machineWith();
    const [a, b] = await settle(Promise.all([acquire('qwen2.5:14b'), acquire('qwen2.5:7b')]));
    const starts = machine.events.filter((e) => e.type === 'load-start');
    const ends = machine.events.filter((e) => e.type === 'load-end');
    expect(starts.map((e) => e.model)).toEqual(['qwen2.5:14b', 'qwen2.5:7b']);
    expect(starts[1]!.at).toBe(ends[0]!.at);
    expect(ends[1]!.at - starts[1]!.at).toBeCloseTo((4_683_087_332 / profile.coldLoadBytesPerSec) * 1000, 3);
    a.release();
    b.release();
  });

  it('loads warm (page cache) the second time', async () => {
    const { clock, settle, acquire, machine } = machineWith();
    const first = await settle(acquire('qwen2.5:7b', 0));
    first.release();
    await clock.advance(1000);
    expect(machine.runnersList()).toHaveLength(0);
    (await settle(acquire('qwen2.5:7b'))).release();
    const loads = machine.events.filter((e) => e.type === 'load-end').map((e) => e.reason);
    expect(loads).toEqual(['cold', 'warm']);
    const [s0, s1] = machine.events.filter((e) => e.type === 'load-start');
    const [e0, e1] = machine.events.filter((e) => e.type === 'load-end');
    expect(e0!.at - s0!.at).toBeCloseTo((4_683_087_332 / 0.8e9) * 1000, 3);
    expect(e1!.at - s1!.at).toBeCloseTo((4_683_087_332 / 4e9) * 1000, 3);
  });

  it('keeps OLLAMA_MAX_LOADED_MODELS (default 3)', async () => {
    const { settle, acquire, names } = machineWith();
    for (const name of ['qwen2.5:7b', 'qwen2.5-coder:7b', 'llama3.1:8b', 'qwen2.5:14b'])
      (await settle(acquire(name))).release();
    expect(names()).toHaveLength(3);
    expect(names()).toContain('qwen2.5:14b');
  });

  it('fits a model beside others only under 80% of the free memory, never over the budget', async () => {
    const { settle, acquire, machine } = machineWith();
    for (const name of ['qwen2.5-coder:32b', 'qwen2.5:14b', 'qwen2.5:7b']) (await settle(acquire(name))).release();
    expect(machine.runnersList()).toHaveLength(3); // the three residents at num_ctx 8192 fit together
    (await settle(acquire('jamba-mini:52b', undefined, 32768))).release();
    const planner = estimateModel(findSpec('jamba-mini:52b')!, { numCtx: 32768 }).totalBytes;
    const others = machine.runnersList().filter((r) => r.name !== 'jamba-mini:52b');
    const othersBytes = others.reduce((s, r) => s + r.sizeBytes, 0);
    expect(planner).toBeLessThanOrEqual(0.8 * (48 * GiB - othersBytes));
    expect(machine.peakBytes()).toBeLessThanOrEqual(48 * GiB);
  });

  it("fails a model larger than the whole machine with llama-server's out-of-memory text", async () => {
    const { settle, machine } = machineWith();
    const error = await settle(machine.acquire({ model: model('llama3.3:70b'), numCtx: 131072 })).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ status: 500 });
    expect((error as Error).message).toMatch(
      /^llama-server process has terminated: exit status 1: error: failed to allocate buffer/,
    );
    expect(machine.runnersList()).toEqual([]);
    // An explicit context is not lowered: one attempt.
    expect(machine.events.filter((e) => e.type === 'load-start')).toHaveLength(1);
  });

  it('offloads part of a model larger than the GPU budget to the CPU, and retries an automatic context once', async () => {
    const { settle, machine } = machineWith();
    // Automatic: 262144 capped at the model's 131072 (95.9 GiB) cannot be allocated on 64 GiB; the
    // retry at 32768 (53.7 GiB) fits the machine but not the 48 GiB GPU budget.
    (await settle(machine.acquire({ model: model('llama3.3:70b') }))).release();
    const [runner] = machine.runnersList();
    expect(runner).toMatchObject({ numCtx: 32768, vramBytes: 47 * GiB });
    expect(runner!.sizeBytes).toBeGreaterThan(runner!.vramBytes);
    expect(machine.events.filter((e) => e.type === 'load-failed').map((e) => e.reason)).toEqual(['out-of-memory']);
  });

  it("keeps, beside the Planner, exactly what the memory plan keeps (the plan knows Ollama's 80% rule)", async () => {
    const residentsOf = (roles: RolesConfig) => (['router', 'coder', 'reviewer'] as const).map((role) => roles[role]);
    // The defaults keep the Router; a 14B Router would pass our budget beside the Planner (45.1 of
    // 46.4 GB) but not Ollama's rule, so the plan evicts it too — and the scheduler agrees.
    const bigRouter: RolesConfig = {
      ...defaultRoles,
      router: { model: 'qwen2.5-coder:14b', numCtx: 8192, resident: true },
    };
    for (const roles of [defaultRoles, bigRouter]) {
      const plan = planMemory(roles, profile);
      const { settle, acquire, machine, names } = machineWith({ maxLoadedModels: 4 });
      for (const r of residentsOf(roles)) (await settle(acquire(r.model, 24 * 60 * MIN, r.numCtx))).release();
      for (const role of plan.plannerSwapEvicts!) machine.expireNow(roles[role].model);
      (await settle(acquire(roles.planner.model, undefined, roles.planner.numCtx))).release();
      expect(machine.events.filter((e) => e.type === 'evict')).toEqual([]);
      const kept = (['router', 'coder', 'reviewer'] as const)
        .filter((role) => !plan.plannerSwapEvicts!.includes(role))
        .map((role) => roles[role].model);
      expect(names()).toEqual([...new Set([...kept, roles.planner.model])].sort());
    }
    expect(planMemory(bigRouter, profile).plannerSwapEvicts).toEqual(['router', 'coder', 'reviewer']);
    // Without the rule the plan would keep the 14B Router, and Ollama would evict it on its own.
    const { settle, acquire, machine } = machineWith({ maxLoadedModels: 4 });
    (await settle(acquire('qwen2.5-coder:14b', 24 * 60 * MIN))).release();
    (await settle(acquire(defaultRoles.planner.model, undefined, defaultRoles.planner.numCtx))).release();
    expect(machine.events.find((e) => e.type === 'evict')).toMatchObject({
      model: 'qwen2.5-coder:14b',
      reason: 'memory',
    });
  });
});

describe('the scheduler over HTTP', () => {
  let sim: Simulator;
  let clock: VirtualClock;
  let client: Ollama;
  const start = async (options = {}) => {
    clock = new VirtualClock();
    sim = await startSimulator({ clock, ...options });
    client = new Ollama({ host: sim.url });
  };
  afterEach(async () => {
    await sim.close();
  });

  it('reloads when num_ctx changes (load_duration > 0 again), not when it stays the same', async () => {
    await start();
    const ask = (num_ctx?: number) =>
      sim.drive(
        client.generate({
          model: 'qwen2.5:7b',
          prompt: 'hello',
          stream: false,
          options: num_ctx === undefined ? {} : { num_ctx },
        }),
      );
    expect((await ask(8192)).load_duration).toBeGreaterThan(0);
    expect((await ask(8192)).load_duration).toBe(0);
    const changed = await ask(4096);
    expect(changed.load_duration).toBeGreaterThan(0);
    expect(sim.state.events.filter((e) => e.type === 'evict').map((e) => e.reason)).toEqual(['reload']);
    expect(((await client.ps()).models[0] as unknown as { context_length: number }).context_length).toBe(4096);
    // No num_ctx at all means the server default, which also differs from 4096.
    expect((await ask()).load_duration).toBeGreaterThan(0);
    expect(((await client.ps()).models[0] as unknown as { context_length: number }).context_length).toBe(32768);
  });

  it('unloads on time when keep_alive runs out, on a virtual clock', async () => {
    await start();
    await sim.drive(client.generate({ model: 'qwen2.5:7b', prompt: '', keep_alive: '10m' }));
    const loadedAt = clock.now();
    expect(new Date((await client.ps()).models[0]!.expires_at).getTime()).toBe(Math.floor(loadedAt + 10 * MIN));
    await clock.advance(10 * MIN - 1);
    expect((await client.ps()).models).toHaveLength(1);
    await clock.advance(1);
    expect(sim.state.events.at(-1)).toMatchObject({ type: 'unload-start', reason: 'keep-alive' });
    await clock.advance(500);
    expect((await client.ps()).models).toHaveLength(0);
  });

  it('keeps a negative keep_alive forever, with a far-future expires_at as Ollama does', async () => {
    await start();
    await sim.drive(client.generate({ model: 'qwen2.5:7b', prompt: '', keep_alive: -1 }));
    await clock.advance(24 * 60 * MIN);
    const [ps] = (await client.ps()).models;
    expect(new Date(ps!.expires_at).getUTCFullYear()).toBeGreaterThan(2300);
  });

  it('unloads after the request with keep_alive 0 and a prompt', async () => {
    await start();
    const reply = await sim.drive(
      client.generate({ model: 'qwen2.5:7b', prompt: 'one shot', keep_alive: 0, stream: false }),
    );
    expect(reply.done_reason).toBe('stop');
    await clock.advance(500);
    expect((await client.ps()).models).toHaveLength(0);
  });

  it('resets the keep-alive with every request', async () => {
    await start();
    await sim.drive(client.generate({ model: 'qwen2.5:7b', prompt: '' }));
    await clock.advance(4 * MIN);
    await sim.drive(client.generate({ model: 'qwen2.5:7b', prompt: 'again', stream: false }));
    await clock.advance(4 * MIN);
    expect((await client.ps()).models).toHaveLength(1);
  });

  it('picks the default num_ctx by GPU memory tier, capped by the model', async () => {
    await start();
    await sim.drive(client.generate({ model: 'jamba-mini:52b', prompt: '' }));
    const [ps] = (await client.ps()).models;
    // 48 GiB → 262144 by default, the 52B's trained context; with KV on 4 of its 32 layers it fits.
    expect((ps as unknown as { context_length: number }).context_length).toBe(262144);
    expect(ps!.size).toBe(estimateModel(findSpec('jamba-mini:52b')!, { numCtx: 262144 }).totalBytes);
  });

  it('answers many concurrent requests to one model one at a time (num_parallel 1)', async () => {
    await start();
    const asks = [1, 2, 3].map((i) => client.generate({ model: 'qwen2.5:7b', prompt: `task ${i}`, stream: false }));
    const replies = await sim.drive(Promise.all(asks));
    const byEnd = [...replies].sort((a, b) => a.total_duration - b.total_duration);
    // Each waited for the one before: total durations grow by at least the previous one's eval time.
    expect(byEnd[1]!.total_duration).toBeGreaterThan(byEnd[0]!.total_duration + byEnd[1]!.eval_duration * 0.5);
    expect(sim.state.events.filter((e) => e.type === 'load-start')).toHaveLength(1);
  });

  it('frees the model when a client aborts its stream, so the next request runs', async () => {
    await start();
    const stream = await sim.drive(client.generate({ model: 'qwen2.5:7b', prompt: 'a long story', stream: true }));
    const iterator = stream[Symbol.asyncIterator]();
    await sim.drive(iterator.next());
    const before = clock.now();
    stream.abort();
    await iterator.next().catch(() => undefined);
    // Real time only: without the abort the answer would still be waiting on virtual time.
    await new Promise((r) => setTimeout(r, 30));
    expect(clock.now()).toBe(before);
    expect(sim.state.inFlight()).toBe(0);
    expect(sim.machine.runner('qwen2.5:7b')).toMatchObject({ refCount: 0, slotsBusy: 0 });
    const next = await sim.drive(client.generate({ model: 'qwen2.5:7b', prompt: 'next', stream: false }));
    expect(next.done).toBe(true);
  });

  it('lets a busy model finish its answer when keep_alive 0 asks to unload it (expireRunner waits for refCount 0)', async () => {
    await start();
    await sim.drive(client.generate({ model: 'qwen2.5:7b', prompt: '' }));
    const answer = client.generate({ model: 'qwen2.5:7b', prompt: 'a long answer', stream: false });
    await sim.drive(new Promise((r) => setTimeout(r, 20)), { until: clock.now() });
    expect(sim.machine.runner('qwen2.5:7b')?.refCount).toBe(1);
    expect(await client.generate({ model: 'qwen2.5:7b', prompt: '', keep_alive: 0 })).toMatchObject({
      done_reason: 'unload',
    });
    const reply = await sim.drive(answer);
    expect(reply.done_reason).toBe('stop');
    expect(reply.eval_count).toBeGreaterThan(5);
    const answeredAt = clock.now();
    await clock.advance(500);
    expect(sim.state.events.slice(-3).map((e) => [e.type, e.at])).toEqual([
      ['expire', expect.any(Number)],
      ['unload-start', answeredAt],
      ['unload-end', answeredAt + 500],
    ]);
  });

  it('binds 127.0.0.1 only', async () => {
    await start();
    expect(new URL(sim.url).hostname).toBe('127.0.0.1');
  });

  it('lets a Lease be released only once', async () => {
    await start();
    const lease: Lease = await sim.drive(sim.machine.acquire({ model: model('qwen2.5:7b'), numCtx: 8192 }));
    lease.release();
    lease.release();
    expect(sim.machine.runner('qwen2.5:7b')?.refCount).toBe(0);
  });
});

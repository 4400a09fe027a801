import { describe, expect, it } from 'vitest';
import { MemoryHistory, RingBuffer, type HistoryPoint } from '../../../src/core/memory/history';
import { changesBetween, combineReading } from '../../../src/core/memory/live';
import { createMemoryMonitor, type MemoryEvent } from '../../../src/core/memory/monitor';
import type { Scheduler } from '../../../src/core/memory/scheduler';
import type { LoadedModel, MemoryReading } from '../../../src/core/ports';
import { findProfile } from '../../../shared/memory/profiles';

const GiB = 2 ** 30;

/** A clock that moves only when the test says; timers fire in order as it passes them. */
function manualScheduler(start = 1_000_000): Scheduler & { advance(ms: number): Promise<void>; pending(): number } {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, { at: number; callback: () => void }>();
  const flush = async () => {
    for (let i = 0; i < 10; i++) await new Promise<void>((r) => setImmediate(r));
  };
  return {
    now: () => now,
    setTimeout(callback, ms) {
      const id = nextId++;
      timers.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    pending: () => timers.size,
    async advance(ms) {
      const until = now + ms;
      await flush();
      for (;;) {
        const due = [...timers.entries()]
          .filter(([, t]) => t.at <= until)
          .sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!due) break;
        timers.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].callback();
        await flush();
      }
      now = until;
      await flush();
    },
  };
}

function scriptedProbe(initial: Partial<MemoryReading> = {}) {
  let reading: MemoryReading = {
    totalBytes: 64 * GiB,
    freeBytes: 30 * GiB,
    budgetBytes: 48 * GiB,
    usedBytes: 34 * GiB,
    pressure: 'normal',
    swapUsedBytes: 0,
    ...initial,
  };
  let reads = 0;
  let failNext: Error | null = null;
  return {
    probe: {
      read: async () => {
        reads++;
        if (failNext) {
          const error = failNext;
          failNext = null;
          throw error;
        }
        return { ...reading };
      },
    },
    set(change: Partial<MemoryReading>) {
      reading = { ...reading, ...change };
    },
    fail(error: Error) {
      failNext = error;
    },
    reads: () => reads,
  };
}

function scriptedHost(models: LoadedModel[] = []) {
  let loaded = models;
  let down = false;
  return {
    host: {
      listLoaded: async () => (down ? Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:11434')) : [...loaded]),
    },
    set: (next: LoadedModel[]) => void (loaded = next),
    setDown: (value: boolean) => void (down = value),
  };
}

const model = (name: string, gb: number): LoadedModel => ({ name, sizeBytes: gb * 1e9, expiresAt: null });

describe('combineReading', () => {
  it('puts models, other apps, free, budget, pressure and swap in one reading', () => {
    const live = combineReading(
      {
        totalBytes: 64 * GiB,
        freeBytes: 20 * GiB,
        budgetBytes: 48 * GiB,
        usedBytes: 44 * GiB,
        pressure: 'normal',
        swapUsedBytes: 0,
        wiredBytes: 36 * GiB,
      },
      { at: 5, loaded: [model('qwen2.5:7b', 5.4), model('qwen2.5-coder:32b', 22)] },
    );
    expect(live).toMatchObject({
      at: 5,
      modelsBytes: 27.4e9,
      otherAppsBytes: 44 * GiB - 27.4e9,
      freeBytes: 20 * GiB,
      budgetBytes: 48 * GiB,
      budgetSource: 'probe',
      pressure: 'normal',
      swapUsedBytes: 0,
      modelHostReachable: true,
    });
    expect(live.models).toEqual([
      { name: 'qwen2.5:7b', bytes: 5.4e9 },
      { name: 'qwen2.5-coder:32b', bytes: 22e9 },
    ]);
  });

  it('prefers an iogpu limit over the profile, and the profile over the probe default', () => {
    const base = { totalBytes: 64 * GiB, freeBytes: 20 * GiB, budgetBytes: 48 * GiB };
    const profile = { ...findProfile('m4pro-64')!, gpuBudgetBytes: 40 * GiB };
    expect(combineReading(base, { at: 0, loaded: [], profile })).toMatchObject({
      budgetBytes: 40 * GiB,
      budgetSource: 'profile',
      profileId: 'm4pro-64',
    });
    expect(combineReading({ ...base, gpuWiredLimitBytes: 56 * GiB }, { at: 0, loaded: [], profile })).toMatchObject({
      budgetBytes: 56 * GiB,
      budgetSource: 'iogpu.wired_limit_mb',
    });
  });

  it('fills what an old-style probe leaves out, and says when the host is unknown', () => {
    const live = combineReading(
      { totalBytes: 64e9, freeBytes: 4e9, budgetBytes: 48e9 },
      { at: 0, loaded: null, hostProblem: 'Ollama is down' },
    );
    expect(live).toMatchObject({
      usedBytes: 60e9,
      otherAppsBytes: 60e9,
      pressure: 'warn',
      pressureDetail: '6% free',
      swapUsedBytes: null,
      modelHostReachable: false,
      problems: ['Ollama is down'],
    });
  });

  it('never reports negative other-app memory', () => {
    expect(
      combineReading({ totalBytes: 64e9, freeBytes: 50e9, budgetBytes: 48e9 }, { at: 0, loaded: [model('big', 30)] })
        .otherAppsBytes,
    ).toBe(0);
  });

  it('sees steady readings as steady and names what moved', () => {
    const a = combineReading(
      { totalBytes: 64 * GiB, freeBytes: 30 * GiB, budgetBytes: 48 * GiB, swapUsedBytes: 0 },
      { at: 0, loaded: [] },
    );
    const nudge = combineReading(
      { totalBytes: 64 * GiB, freeBytes: 30 * GiB - 100 * 2 ** 20, budgetBytes: 48 * GiB, swapUsedBytes: 0 },
      { at: 1, loaded: [] },
    );
    expect(changesBetween(a, nudge, 256 * 2 ** 20)).toEqual([]);
    const b = combineReading(
      { totalBytes: 64 * GiB, freeBytes: 20 * GiB, budgetBytes: 48 * GiB, swapUsedBytes: 4096, pressure: 'warn' },
      { at: 1, loaded: [model('m', 1)] },
    );
    expect(changesBetween(a, b, 256 * 2 ** 20)).toEqual(['free', 'other apps', 'models', 'pressure', 'swap']);
    expect(changesBetween(null, a, 1)).toEqual(['first reading']);
  });
});

describe('memory monitor sampling', () => {
  it('samples at 1 s, slows to 10 s while steady, and returns to 1 s on a change', async () => {
    const clock = manualScheduler();
    const probe = scriptedProbe();
    const monitor = createMemoryMonitor({ probe: probe.probe, host: scriptedHost().host, scheduler: clock });
    monitor.start();
    await clock.advance(0);
    expect(probe.reads()).toBe(1);
    expect(monitor.currentIntervalMs()).toBe(1000);
    const intervals: number[] = [];
    for (let i = 0; i < 6; i++) {
      const before = probe.reads();
      await clock.advance(monitor.currentIntervalMs());
      expect(probe.reads()).toBe(before + 1);
      intervals.push(monitor.currentIntervalMs());
    }
    expect(intervals).toEqual([2000, 4000, 8000, 10000, 10000, 10000]);

    probe.set({ freeBytes: 20 * GiB, usedBytes: 44 * GiB });
    await clock.advance(10_000);
    expect(monitor.currentIntervalMs()).toBe(1000);
    expect(monitor.latest()?.freeBytes).toBe(20 * GiB);
    monitor.stop();
  });

  it('does not sample before the interval is up', async () => {
    const clock = manualScheduler();
    const probe = scriptedProbe();
    const monitor = createMemoryMonitor({ probe: probe.probe, host: scriptedHost().host, scheduler: clock });
    monitor.start();
    await clock.advance(0);
    await clock.advance(999);
    expect(probe.reads()).toBe(1);
    await clock.advance(1);
    expect(probe.reads()).toBe(2);
    monitor.stop();
  });

  it('samples on demand, shares a sample under way, and goes back to the fast rate', async () => {
    const clock = manualScheduler();
    const probe = scriptedProbe();
    const monitor = createMemoryMonitor({ probe: probe.probe, host: scriptedHost().host, scheduler: clock });
    monitor.start();
    for (let i = 0; i < 5; i++) await clock.advance(monitor.currentIntervalMs());
    expect(monitor.currentIntervalMs()).toBe(10_000);
    const reads = probe.reads();
    const [a, b] = await Promise.all([monitor.sampleNow(), monitor.sampleNow()]);
    expect(a).toBe(b);
    expect(probe.reads()).toBe(reads + 1);
    expect(monitor.currentIntervalMs()).toBe(1000);
    // Exactly one timer remains: the next sample 1 s from now.
    expect(clock.pending()).toBe(1);
    await clock.advance(1000);
    expect(probe.reads()).toBe(reads + 2);
    monitor.stop();
    expect(clock.pending()).toBe(0);
  });

  it('tells listeners about changes only, and keeps going when a listener throws', async () => {
    const clock = manualScheduler();
    const probe = scriptedProbe();
    const host = scriptedHost([model('qwen2.5:7b', 5.4)]);
    const monitor = createMemoryMonitor({ probe: probe.probe, host: host.host, scheduler: clock });
    const events: MemoryEvent[] = [];
    monitor.subscribe(() => {
      throw new Error('broken listener');
    });
    const unsubscribe = monitor.subscribe((e) => events.push(e));
    monitor.start();
    await clock.advance(0);
    await clock.advance(1000);
    await clock.advance(2000);
    expect(events.map((e) => (e.type === 'change' ? e.changes : e.type))).toEqual([['first reading']]);
    host.set([]);
    await clock.advance(4000);
    // The probe still counts the memory as used, so it now shows up as other apps.
    expect(events.at(-1)).toMatchObject({
      type: 'change',
      changes: ['other apps', 'models'],
      reading: { modelsBytes: 0 },
      previous: { modelsBytes: 5.4e9 },
    });
    unsubscribe();
    probe.set({ pressure: 'critical' });
    await clock.advance(1000);
    expect(events).toHaveLength(2);
    expect(monitor.latest()?.pressure).toBe('critical');
    monitor.stop();
  });

  it('reports a failed reading as an event and tries again', async () => {
    const clock = manualScheduler();
    const probe = scriptedProbe();
    const monitor = createMemoryMonitor({ probe: probe.probe, host: scriptedHost().host, scheduler: clock });
    const events: MemoryEvent[] = [];
    monitor.subscribe((e) => events.push(e));
    probe.fail(new Error('vm_stat timed out'));
    monitor.start();
    await clock.advance(0);
    expect(events).toEqual([
      { type: 'error', message: 'Memory reading failed: vm_stat timed out. The monitor tries again in 1 s.' },
    ]);
    await clock.advance(1000);
    expect(events.at(-1)).toMatchObject({ type: 'change', changes: ['first reading'] });
    monitor.stop();
  });

  it('goes on without the model list when the host is down or hangs', async () => {
    const clock = manualScheduler();
    const host = scriptedHost([model('qwen2.5:7b', 5.4)]);
    host.setDown(true);
    const monitor = createMemoryMonitor({ probe: scriptedProbe().probe, host: host.host, scheduler: clock });
    const down = await monitor.sampleNow();
    expect(down).toMatchObject({ modelHostReachable: false, models: [] });
    expect(down.problems[0]).toMatch(/ECONNREFUSED/);

    const hanging = createMemoryMonitor({
      probe: scriptedProbe().probe,
      host: { listLoaded: () => new Promise<LoadedModel[]>(() => {}) },
      scheduler: clock,
      hostTimeoutMs: 2000,
    });
    const pending = hanging.sampleNow();
    await clock.advance(2000);
    await expect(pending).resolves.toMatchObject({
      modelHostReachable: false,
      problems: ['the model host did not list loaded models within 2000 ms'],
    });
  });
});

describe('memory history', () => {
  const point = (at: number, free: number, extra: Partial<HistoryPoint> = {}): HistoryPoint => ({
    at,
    freeBytes: free,
    usedBytes: 100 - free,
    modelsBytes: 10,
    otherAppsBytes: 90 - free,
    swapUsedBytes: 0,
    pressure: 'normal',
    ...extra,
  });

  it('keeps a ring of fixed size, oldest first', () => {
    const ring = new RingBuffer<number>(3);
    for (const n of [1, 2, 3, 4, 5]) ring.push(n);
    expect(ring.toArray()).toEqual([3, 4, 5]);
    expect(ring.size).toBe(3);
    expect(ring.last()).toBe(5);
    expect(() => new RingBuffer(0)).toThrow(/capacity/);
  });

  it('keeps the last hour at full rate and drops what is older', () => {
    const history = new MemoryHistory();
    const start = 0;
    for (let s = 0; s <= 2 * 3600; s++) history.add(point(start + s * 1000, s % 7));
    const hour = history.query(2 * 3600 * 1000, 3600 * 1000);
    expect(hour.resolution).toBe('full');
    if (hour.resolution !== 'full') return;
    expect(hour.points).toHaveLength(3601);
    expect(hour.points[0]!.at).toBe(3600 * 1000);
    expect(history.recent(0)).toHaveLength(3601);
  });

  it('downsamples a day into one-minute buckets with min, max, avg and the worst pressure', () => {
    const history = new MemoryHistory();
    for (let s = 0; s < 180; s++)
      history.add(point(s * 1000, s < 60 ? 10 + (s % 3) : 40, s === 130 ? { pressure: 'warn' } : {}));
    const day = history.query(180_000, 86_400_000);
    expect(day.resolution).toBe('bucket');
    if (day.resolution !== 'bucket') return;
    expect(day.buckets.map((b) => [b.start, b.samples, b.pressure])).toEqual([
      [0, 60, 'normal'],
      [60_000, 60, 'normal'],
      [120_000, 60, 'warn'],
    ]);
    expect(day.buckets[0]!.freeBytes).toEqual({ min: 10, max: 12, avg: 11 });
    expect(day.buckets[1]!.freeBytes).toEqual({ min: 40, max: 40, avg: 40 });
  });

  it('keeps at most a day of buckets', () => {
    const history = new MemoryHistory();
    for (let m = 0; m < 2 * 1440; m++) history.add(point(m * 60_000, 1));
    const buckets = history.bucketed(0);
    expect(buckets.length).toBeLessThanOrEqual(1441);
    expect(buckets[0]!.start).toBeGreaterThanOrEqual(1439 * 60_000);
  });

  it('thins full-rate points evenly for a chart of limited width', () => {
    const history = new MemoryHistory();
    for (let s = 0; s < 1000; s++) history.add(point(s * 1000, s));
    const chart = history.query(999_000, 3_600_000, 100);
    expect(chart.resolution === 'full' && chart.points.length).toBe(100);
    if (chart.resolution !== 'full') return;
    expect(chart.points[0]!.at).toBe(0);
    expect(chart.points.at(-1)!.at).toBe(999_000);
  });

  it('measures swap growth over a window', () => {
    const history = new MemoryHistory();
    history.add(point(0, 1, { swapUsedBytes: 1e9 }));
    history.add(point(60_000, 1, { swapUsedBytes: 0.8e9 }));
    history.add(point(120_000, 1, { swapUsedBytes: 1.3e9 }));
    expect(history.swapGrowth(120_000, 300_000)).toBe(0.5e9);
    expect(history.swapGrowth(120_000, 30_000)).toBe(0);
  });

  it('ignores a point that goes back in time', () => {
    const history = new MemoryHistory();
    history.add(point(5000, 1));
    history.add(point(4000, 2));
    expect(history.recent(0).map((p) => p.at)).toEqual([5000]);
  });

  it('feeds the monitor history and swap growth from real samples', async () => {
    const clock = manualScheduler(0);
    const probe = scriptedProbe({ swapUsedBytes: 0 });
    const monitor = createMemoryMonitor({ probe: probe.probe, host: scriptedHost().host, scheduler: clock });
    monitor.start();
    await clock.advance(0);
    probe.set({ swapUsedBytes: 300 * 2 ** 20 });
    await clock.advance(1000);
    const chart = monitor.history(60_000);
    expect(chart.resolution === 'full' && chart.points.map((p) => p.swapUsedBytes)).toEqual([0, 300 * 2 ** 20]);
    expect(monitor.swapGrowthBytes()).toBe(300 * 2 ** 20);
    monitor.stop();
  });
});

import { describe, expect, it } from 'vitest';
import { checkPlannerFit, defaultReserveBytes } from '../../../src/core/memory/fit-gate';
import { combineReading, type LiveMemory } from '../../../src/core/memory/live';
import type { LoadedModel, MemoryPressureLevel } from '../../../src/core/ports';
import { findProfile, planMemory } from '../../../shared/memory/index';
import { defaultRoles, type RolesConfig } from '../../../shared/roles';

const GiB = 2 ** 30;
const m4pro = findProfile('m4pro-64')!;
const plan = planMemory(defaultRoles, m4pro);
const estimate = (role: string) => plan.models.find((m) => m.role === role)!.totalBytes;
const residents: LoadedModel[] = (['router', 'coder', 'reviewer'] as const).map((role) => ({
  name: defaultRoles[role].model,
  sizeBytes: estimate(role),
  expiresAt: null,
}));
const residentsBytes = residents.reduce((s, m) => s + m.sizeBytes, 0);

/** The 64 GB Mac with the three residents loaded and `otherApps` bytes used by everything else. */
function mac(
  otherApps: number,
  extra: { pressure?: MemoryPressureLevel; swapUsedBytes?: number; loaded?: LoadedModel[] } = {},
): LiveMemory {
  const loaded = extra.loaded ?? residents;
  const used = loaded.reduce((s, m) => s + m.sizeBytes, 0) + otherApps;
  return combineReading(
    {
      totalBytes: 64 * GiB,
      freeBytes: 64 * GiB - used,
      usedBytes: used,
      budgetBytes: 48 * GiB,
      pressure: extra.pressure ?? 'normal',
      pressureDetail: extra.pressure === 'warn' ? 'kernel level warn, 9% free' : 'kernel level normal',
      swapUsedBytes: extra.swapUsedBytes ?? 0,
    },
    { at: 0, loaded, profile: m4pro },
  );
}

describe('planner fit gate', () => {
  it('allows the swap when memory is free, with the numbers', () => {
    const decision = checkPlannerFit({ plan, live: mac(8e9) });
    expect(decision.allowed).toBe(true);
    expect(decision.refusals).toEqual([]);
    expect(decision.numbers).toMatchObject({
      needBytes: estimate('planner'),
      unloadRoles: ['coder', 'reviewer'],
      unloadBytes: estimate('coder') + estimate('reviewer'),
      stayingBytes: estimate('router'),
      freeNowBytes: 64 * GiB - residentsBytes - 8e9,
      otherAppsBytes: 8e9,
      reserveBytes: defaultReserveBytes(64 * GiB),
      pressure: 'normal',
    });
    expect(decision.numbers.marginBytes).toBeGreaterThan(10e9);
    expect(decision.message.en).toMatch(
      /^Planner swap fits \(jamba-mini:52b\): need 31\.9 GB, free after unloading coder and reviewer 54\.9 GB, other apps 8\.0 GB, pressure normal, swap none in use\./,
    );
    expect(decision.message.ko).toMatch(
      /^Planner 교체 가능 \(jamba-mini:52b\): 필요 31\.9 GB, coder, reviewer 언로드 후 여유 54\.9 GB, 다른 앱 8\.0 GB, 메모리 압력 정상/,
    );
    expect(decision.advice).toEqual({ en: [], ko: [] });
  });

  it('blocks the swap when another app holds the memory, and says how much to free', () => {
    const decision = checkPlannerFit({ plan, live: mac(27.7e9) });
    expect(decision.allowed).toBe(false);
    expect(decision.refusals).toEqual(['memory']);
    const { numbers } = decision;
    expect(numbers.freeAfterUnloadBytes).toBe(
      64 * GiB - residentsBytes - 27.7e9 + estimate('coder') + estimate('reviewer'),
    );
    expect(numbers.marginBytes).toBeLessThan(0);
    expect(decision.message.en).toContain(
      'Planner swap refused (jamba-mini:52b): memory is 0.2 GB short, counting a 3.4 GB reserve: loading it would push the machine into swap.',
    );
    expect(decision.message.en).toContain(
      'Numbers: need 31.9 GB, free after unloading coder and reviewer 35.2 GB, other apps 27.7 GB, pressure normal, swap none in use.',
    );
    expect(decision.message.en).toContain(
      "What to do: close apps to free at least 0.2 GB (other apps hold 27.7 GB); lower the planner's num_ctx (now 32768",
    );
    expect(decision.message.ko).toContain(
      'Planner 교체 거부 (jamba-mini:52b): 예비 3.4 GB를 감안하면 메모리가 0.2 GB 부족합니다: 로드하면 스왑이 발생합니다.',
    );
    expect(decision.message.ko).toContain(
      '수치: 필요 31.9 GB, coder, reviewer 언로드 후 여유 35.2 GB, 다른 앱 27.7 GB, 메모리 압력 정상, 스왑 사용 없음.',
    );
    expect(decision.advice.ko[0]).toBe('앱을 닫아 최소 0.2 GB를 확보하세요 (다른 앱 사용량 27.7 GB)');
  });

  it('blocks a simulated low-memory Mac that is under pressure and swapping, naming every reason', () => {
    const decision = checkPlannerFit({
      plan,
      live: mac(29.7e9, { pressure: 'warn', swapUsedBytes: 2.5e9 }),
      swapGrowthBytes: 0.6e9,
    });
    expect(decision.allowed).toBe(false);
    expect(decision.refusals).toEqual(['memory', 'pressure', 'swap-growing']);
    expect(decision.message.en).toMatch(
      /memory is 4\.7 GB short, counting a 3\.4 GB reserve and the 2\.5 GB already in swap/,
    );
    expect(decision.message.en).toContain('memory pressure is warn (kernel level warn, 9% free)');
    expect(decision.message.en).toContain('the machine is swapping now (swap grew 0.6 GB)');
    expect(decision.message.en).toContain('swap 2.5 GB in use, +0.6 GB recently');
    expect(decision.message.en).toContain('wait until memory pressure is normal and swap stops growing');
    expect(decision.message.ko).toContain('메모리 압력이 경고 상태입니다');
    expect(decision.message.ko).toContain('지금 스왑이 늘고 있습니다 (0.6 GB 증가)');
    expect(decision.advice.en).toHaveLength(3);
  });

  it('counts memory already in swap against the free memory, even when swap is not growing', () => {
    expect(checkPlannerFit({ plan, live: mac(8e9, { swapUsedBytes: 0 }) }).allowed).toBe(true);
    const decision = checkPlannerFit({ plan, live: mac(8e9, { swapUsedBytes: 20e9 }) });
    expect(decision.refusals).toEqual(['memory']);
  });

  it('refuses on pressure alone, even when the bytes fit', () => {
    for (const pressure of ['warn', 'critical'] as const) {
      expect(checkPlannerFit({ plan, live: mac(8e9, { pressure }) }).refusals).toEqual(['pressure']);
    }
  });

  it('refuses when the models would exceed the GPU working set (models loaded outside the roles stay)', () => {
    const extra = { name: 'llama3.1:8b', sizeBytes: 9e9, expiresAt: null };
    const decision = checkPlannerFit({ plan, live: mac(2e9, { loaded: [...residents, extra] }) });
    expect(decision.refusals).toContain('gpu-budget');
    expect(decision.numbers.stayingBytes).toBe(estimate('router') + 9e9);
    expect(decision.message.en).toMatch(/the models would take 46\.7 GB of a 46\.4 GB GPU budget/);
  });

  it('refuses a planner that does not fit even alone', () => {
    const roles: RolesConfig = { ...defaultRoles, planner: { model: 'llama3.3:70b', numCtx: 8192, resident: false } };
    const small = findProfile('m3-36')!;
    const bigPlan = planMemory(roles, small);
    expect(bigPlan.plannerSwapEvicts).toBeNull();
    const live = combineReading(
      { totalBytes: 36 * GiB, freeBytes: 30 * GiB, budgetBytes: 27 * GiB },
      { at: 0, loaded: [], profile: small },
    );
    const decision = checkPlannerFit({ plan: bigPlan, live });
    expect(decision.refusals).toEqual(expect.arrayContaining(['planner-too-big', 'gpu-budget', 'memory']));
    expect(decision.message.en).toContain('the planner does not fit the budget even with every resident unloaded');
  });

  it('needs nothing when the planner is already loaded', () => {
    const planner = { name: 'jamba-mini:52b', sizeBytes: estimate('planner'), expiresAt: null };
    const decision = checkPlannerFit({ plan, live: mac(8e9, { loaded: [residents[0]!, planner] }) });
    expect(decision.numbers.needBytes).toBe(0);
    expect(decision.allowed).toBe(true);
  });

  it('never allows a swap that would push the machine into swap (10,000 random machines)', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    let allowed = 0;
    for (let i = 0; i < 10_000; i++) {
      const loaded = residents.filter(() => random() < 0.7);
      const modelBytes = loaded.reduce((s, m) => s + m.sizeBytes, 0);
      const otherApps = random() * Math.max(0, 64 * GiB - modelBytes);
      const live = mac(otherApps, {
        loaded,
        swapUsedBytes: random() < 0.3 ? random() * 8e9 : 0,
        pressure: random() < 0.1 ? 'warn' : 'normal',
      });
      const decision = checkPlannerFit({ plan, live, swapGrowthBytes: random() < 0.1 ? random() * 1e9 : 0 });
      if (!decision.allowed) continue;
      allowed++;
      const n = decision.numbers;
      // After the unloads and the load, free memory still covers the reserve and everything in swap.
      expect(live.freeBytes + n.unloadBytes - n.needBytes - (live.swapUsedBytes ?? 0)).toBeGreaterThanOrEqual(
        n.reserveBytes,
      );
      expect(n.stayingBytes + n.needBytes).toBeLessThanOrEqual(n.usableBudgetBytes);
      expect(live.pressure).toBe('normal');
      expect(n.swapGrowthBytes).toBe(0);
    }
    // The property must be exercised, not vacuous.
    expect(allowed).toBeGreaterThan(1000);
  });
});

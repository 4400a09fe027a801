import type { Role } from '../../../shared/domain';
import type { MemoryPlan } from '../../../shared/memory/plan';
import type { MemoryPressureLevel } from '../ports';
import type { LiveMemory } from './live';

/** Why a planner swap is refused; several can hold at once. */
export type FitRefusal = 'planner-too-big' | 'gpu-budget' | 'memory' | 'pressure' | 'swap-growing';

export interface FitNumbers {
  plannerModel: string;
  plannerNumCtx: number;
  /** The planner's estimate (weights + KV + graph); 0 when it is already loaded. */
  needBytes: number;
  /** Roles the plan unloads, and the bytes /api/ps says they hold now. */
  unloadRoles: Role[];
  unloadBytes: number;
  /** Loaded models that stay: kept residents and anything loaded outside the roles. */
  stayingBytes: number;
  freeNowBytes: number;
  freeAfterUnloadBytes: number;
  otherAppsBytes: number;
  swapUsedBytes: number;
  swapGrowthBytes: number;
  /** Free memory that must remain after the load. */
  reserveBytes: number;
  /** Free after unload − swapped-out pages − need − reserve: below 0 means it would swap. */
  marginBytes: number;
  /** The GPU working set less the profile's headroom, and what the models would take of it. */
  usableBudgetBytes: number;
  modelsAfterBytes: number;
  pressure: MemoryPressureLevel;
}

export interface FitDecision {
  allowed: boolean;
  refusals: FitRefusal[];
  numbers: FitNumbers;
  message: { en: string; ko: string };
  /** What the user can do, one action per line (empty when allowed). */
  advice: { en: string[]; ko: string[] };
}

export interface FitInput {
  plan: MemoryPlan;
  live: LiveMemory;
  /** Growth of swap use over the last minutes, from the monitor's history (0 if none). */
  swapGrowthBytes?: number;
  /** Default: the larger of 2 GiB and 5% of RAM (below 5% free XNU's memorystatus turns critical). */
  reserveBytes?: number;
}

const GiB = 2 ** 30;
const gb = (bytes: number) => `${(Math.max(0, bytes) / 1e9).toFixed(1)} GB`;
const pressureKo: Record<MemoryPressureLevel, string> = { normal: '정상', warn: '경고', critical: '위험' };

export function defaultReserveBytes(totalBytes: number): number {
  return Math.max(2 * GiB, Math.round(totalBytes * 0.05));
}

/**
 * Decides, from the memory plan and the live reading, whether a planner swap may be put to the
 * user. Pure: same inputs, same answer. It never allows a swap whose need exceeds the memory that
 * would be free after the unloads, less a reserve and less what already sits in swap (those pages
 * come back into RAM when touched) — that is what keeps the machine out of swap.
 */
export function checkPlannerFit(input: FitInput): FitDecision {
  const { plan, live } = input;
  const planner = plan.models.find((m) => m.role === 'planner');
  if (!planner)
    throw new Error(
      'The memory plan has no planner estimate: build it with planMemory() from a roles config that names a planner.',
    );
  const plannerLoaded = live.models.some((m) => m.name === planner.model);
  const unloadRoles = plan.plannerSwapEvicts ?? [];
  const unloadModels = new Set(plan.models.filter((m) => unloadRoles.includes(m.role)).map((m) => m.model));
  const unloadBytes = live.models.filter((m) => unloadModels.has(m.name)).reduce((sum, m) => sum + m.bytes, 0);
  const needBytes = plannerLoaded ? 0 : planner.totalBytes;
  const swapUsedBytes = live.swapUsedBytes ?? 0;
  const swapGrowthBytes = Math.max(0, input.swapGrowthBytes ?? 0);
  const reserveBytes = input.reserveBytes ?? defaultReserveBytes(live.totalBytes);
  const freeAfterUnloadBytes = live.freeBytes + unloadBytes;
  const stayingBytes = live.modelsBytes - unloadBytes;
  const usableBudgetBytes = Math.floor(live.budgetBytes * (1 - plan.profile.headroomFraction));
  const numbers: FitNumbers = {
    plannerModel: planner.model,
    plannerNumCtx: planner.numCtx,
    needBytes,
    unloadRoles,
    unloadBytes,
    stayingBytes,
    freeNowBytes: live.freeBytes,
    freeAfterUnloadBytes,
    otherAppsBytes: live.otherAppsBytes,
    swapUsedBytes,
    swapGrowthBytes,
    reserveBytes,
    marginBytes: freeAfterUnloadBytes - swapUsedBytes - needBytes - reserveBytes,
    usableBudgetBytes,
    modelsAfterBytes: stayingBytes + needBytes,
    pressure: live.pressure,
  };

  const refusals: FitRefusal[] = [];
  if (plan.plannerSwapEvicts === null) refusals.push('planner-too-big');
  if (numbers.modelsAfterBytes > usableBudgetBytes) refusals.push('gpu-budget');
  if (numbers.marginBytes < 0) refusals.push('memory');
  if (live.pressure !== 'normal') refusals.push('pressure');
  if (swapGrowthBytes > 0) refusals.push('swap-growing');

  const allowed = refusals.length === 0;
  return {
    allowed,
    refusals,
    numbers,
    ...describe(numbers, refusals, planner.kvBytes + planner.graphBytes, live.pressureDetail),
  };
}

function describe(
  n: FitNumbers,
  refusals: FitRefusal[],
  contextBytes: number,
  pressureDetail: string,
): Pick<FitDecision, 'message' | 'advice'> {
  const unloadEn = n.unloadRoles.length ? `after unloading ${n.unloadRoles.join(' and ')}` : 'with nothing unloaded';
  const unloadKo = n.unloadRoles.length ? `${n.unloadRoles.join(', ')} 언로드 후` : '언로드 없이';
  const swapEn =
    n.swapUsedBytes > 0
      ? `${gb(n.swapUsedBytes)} in use${n.swapGrowthBytes > 0 ? `, +${gb(n.swapGrowthBytes)} recently` : ''}`
      : 'none in use';
  const swapKo =
    n.swapUsedBytes > 0
      ? `${gb(n.swapUsedBytes)} 사용 중${n.swapGrowthBytes > 0 ? `, 최근 +${gb(n.swapGrowthBytes)}` : ''}`
      : '사용 없음';
  const figuresEn = `need ${gb(n.needBytes)}, free ${unloadEn} ${gb(n.freeAfterUnloadBytes)}, other apps ${gb(n.otherAppsBytes)}, pressure ${n.pressure}, swap ${swapEn}`;
  const figuresKo = `필요 ${gb(n.needBytes)}, ${unloadKo} 여유 ${gb(n.freeAfterUnloadBytes)}, 다른 앱 ${gb(n.otherAppsBytes)}, 메모리 압력 ${pressureKo[n.pressure]}, 스왑 ${swapKo}`;

  if (refusals.length === 0) {
    return {
      message: {
        en: `Planner swap fits (${n.plannerModel}): ${figuresEn}. ${gb(n.marginBytes)} stays free beyond the ${gb(n.reserveBytes)} reserve; the models will use ${gb(n.modelsAfterBytes)} of the ${gb(n.usableBudgetBytes)} GPU budget.`,
        ko: `Planner 교체 가능 (${n.plannerModel}): ${figuresKo}. 예비 ${gb(n.reserveBytes)} 외에 ${gb(n.marginBytes)}가 남고, 모델 합계는 GPU 한도 ${gb(n.usableBudgetBytes)} 중 ${gb(n.modelsAfterBytes)}입니다.`,
      },
      advice: { en: [], ko: [] },
    };
  }

  const shortfall = -n.marginBytes;
  const swapped = n.swapUsedBytes > 0 ? ` and the ${gb(n.swapUsedBytes)} already in swap` : '';
  const swappedKo = n.swapUsedBytes > 0 ? `와 스왑된 ${gb(n.swapUsedBytes)}` : '';
  const why: Record<FitRefusal, [string, string]> = {
    'planner-too-big': [
      'the planner does not fit the budget even with every resident unloaded',
      '상주 모델을 모두 언로드해도 Planner가 메모리 예산에 들어가지 않습니다',
    ],
    'gpu-budget': [
      `the models would take ${gb(n.modelsAfterBytes)} of a ${gb(n.usableBudgetBytes)} GPU budget`,
      `모델 합계 ${gb(n.modelsAfterBytes)}가 GPU 한도 ${gb(n.usableBudgetBytes)}를 넘습니다`,
    ],
    memory: [
      `memory is ${gb(shortfall)} short, counting a ${gb(n.reserveBytes)} reserve${swapped}: loading it would push the machine into swap`,
      `예비 ${gb(n.reserveBytes)}${swappedKo}를 감안하면 메모리가 ${gb(shortfall)} 부족합니다: 로드하면 스왑이 발생합니다`,
    ],
    pressure: [
      `memory pressure is ${n.pressure} (${pressureDetail})`,
      `메모리 압력이 ${pressureKo[n.pressure]} 상태입니다 (${pressureDetail})`,
    ],
    'swap-growing': [
      `the machine is swapping now (swap grew ${gb(n.swapGrowthBytes)})`,
      `지금 스왑이 늘고 있습니다 (${gb(n.swapGrowthBytes)} 증가)`,
    ],
  };
  const advice = { en: [] as string[], ko: [] as string[] };
  const add = (en: string, ko: string) => {
    advice.en.push(en);
    advice.ko.push(ko);
  };
  if (refusals.includes('memory'))
    add(
      `close apps to free at least ${gb(shortfall)} (other apps hold ${gb(n.otherAppsBytes)})`,
      `앱을 닫아 최소 ${gb(shortfall)}를 확보하세요 (다른 앱 사용량 ${gb(n.otherAppsBytes)})`,
    );
  if (refusals.some((r) => r === 'memory' || r === 'gpu-budget' || r === 'planner-too-big')) {
    add(
      `lower the planner's num_ctx (now ${n.plannerNumCtx}; its KV cache and compute graph take ${gb(contextBytes)}) or pick a smaller planner`,
      `Planner의 num_ctx를 낮추거나 (현재 ${n.plannerNumCtx}, KV 캐시와 계산 그래프 ${gb(contextBytes)}) 더 작은 Planner를 고르세요`,
    );
  }
  if (refusals.includes('pressure') || refusals.includes('swap-growing'))
    add(
      'wait until memory pressure is normal and swap stops growing, then ask again',
      '메모리 압력이 정상으로 돌아오고 스왑 증가가 멈춘 뒤 다시 요청하세요',
    );
  return {
    message: {
      en: `Planner swap refused (${n.plannerModel}): ${refusals.map((r) => why[r][0]).join('; ')}. Numbers: ${figuresEn}. What to do: ${advice.en.join('; ')}.`,
      ko: `Planner 교체 거부 (${n.plannerModel}): ${refusals.map((r) => why[r][1]).join('; ')}. 수치: ${figuresKo}. 조치: ${advice.ko.join('; ')}.`,
    },
    advice,
  };
}

import type { MemoryPressureLevel } from '../ports';

/**
 * How memory pressure is judged. The thresholds are named here once so the UI, the fit gate and
 * the docs agree.
 *
 * - macOS: the kernel's own level, `sysctl kern.memorystatus_vm_pressure_level`, is the truth; it
 *   is what Activity Monitor's pressure graph and dispatch memory-pressure sources report. XNU
 *   returns it dispatch-encoded: 1 normal, 2 warn (its "warning" and "urgent"), 4 critical.
 * - Free percentage (macOS `kern.memorystatus_level`, the figure `memory_pressure` prints as
 *   "System-wide memory free percentage"; Linux MemAvailable / MemTotal): warn below 15%,
 *   critical below 5%. These are XNU's memorystatus tunables (pressure_threshold_percentage 15,
 *   critical_threshold_percentage 5). They are a floor under the kernel level, not a replacement:
 *   macOS compresses long before free pages run out, so the kernel usually speaks first.
 * - Linux PSI (/proc/pressure/memory): warn when "some avg10" ≥ 5% (tasks stalled on memory 0.5 s
 *   of every 10 s), critical when "full avg10" ≥ 5% or "some avg10" ≥ 25%. GLib's PSI memory
 *   monitor uses the same 5% partial-stall level for its "medium" warning.
 * The reading's level is the worst of whichever of these the OS gave.
 */
export const pressureThresholds = {
  freePercentWarn: 15,
  freePercentCritical: 5,
  psiSomeWarn: 5,
  psiSomeCritical: 25,
  psiFullCritical: 5,
} as const;

const rank: Record<MemoryPressureLevel, number> = { normal: 0, warn: 1, critical: 2 };

export function worstPressure(...levels: Array<MemoryPressureLevel | null | undefined>): MemoryPressureLevel | null {
  let worst: MemoryPressureLevel | null = null;
  for (const level of levels) if (level && (worst === null || rank[level] > rank[worst])) worst = level;
  return worst;
}

export function pressureFromFreePercent(percent: number | null | undefined): MemoryPressureLevel | null {
  if (percent === null || percent === undefined || !Number.isFinite(percent)) return null;
  if (percent < pressureThresholds.freePercentCritical) return 'critical';
  if (percent < pressureThresholds.freePercentWarn) return 'warn';
  return 'normal';
}

/** XNU's dispatch-encoded level (kern.memorystatus_vm_pressure_level); unknown values give null. */
export function pressureFromKernelLevel(level: number | null | undefined): MemoryPressureLevel | null {
  if (level === 1) return 'normal';
  if (level === 2) return 'warn';
  if (level === 4) return 'critical';
  return null;
}

export function pressureFromPsi(
  someAvg10: number | null | undefined,
  fullAvg10: number | null | undefined,
): MemoryPressureLevel | null {
  if ((someAvg10 ?? null) === null && (fullAvg10 ?? null) === null) return null;
  const some = someAvg10 ?? 0;
  const full = fullAvg10 ?? 0;
  if (full >= pressureThresholds.psiFullCritical || some >= pressureThresholds.psiSomeCritical) return 'critical';
  if (some >= pressureThresholds.psiSomeWarn) return 'warn';
  return 'normal';
}

export function isHighPressure(level: MemoryPressureLevel): boolean {
  return level !== 'normal';
}

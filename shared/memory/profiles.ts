/**
 * A machine the plan is made for. On Apple silicon the GPU may wire only part of unified memory
 * (`recommendedMaxWorkingSetSize`, about 75%; `iogpu.wired_limit_mb` changes it).
 */
export interface MachineProfile {
  id: string;
  label: string;
  totalBytes: number;
  /** The GPU working-set limit: what the models may use together. */
  gpuBudgetBytes: number;
  /**
   * Share of the budget kept free: KV and graph buffers peak above their estimate, Metal keeps
   * its own buffers, and Ollama refuses loads that come close to the limit.
   */
  headroomFraction: number;
  /** Model load speed from SSD (cold) and from the page cache (warm), bytes per second. */
  coldLoadBytesPerSec: number;
  warmLoadBytesPerSec: number;
}

const GiB = 2 ** 30;

export const profiles: readonly MachineProfile[] = [
  {
    id: 'm4pro-64',
    label: 'MacBook Pro / Mac mini, M4 Pro, 64 GB',
    totalBytes: 64 * GiB,
    gpuBudgetBytes: 48 * GiB,
    headroomFraction: 0.1,
    coldLoadBytesPerSec: 0.8e9,
    warmLoadBytesPerSec: 4e9,
  },
  {
    id: 'm4max-128',
    label: 'MacBook Pro / Mac Studio, M4 Max, 128 GB',
    totalBytes: 128 * GiB,
    gpuBudgetBytes: 96 * GiB,
    headroomFraction: 0.1,
    coldLoadBytesPerSec: 1.2e9,
    warmLoadBytesPerSec: 6e9,
  },
  {
    id: 'm3-36',
    label: 'MacBook Pro, M3 Pro, 36 GB',
    totalBytes: 36 * GiB,
    gpuBudgetBytes: 27 * GiB,
    headroomFraction: 0.1,
    coldLoadBytesPerSec: 0.8e9,
    warmLoadBytesPerSec: 4e9,
  },
];

export const defaultProfileId = 'm4pro-64';

export function findProfile(id: string): MachineProfile | undefined {
  return profiles.find((p) => p.id === id);
}

/** What the models may use together once the headroom is set aside. */
export function usableBytes(profile: MachineProfile): number {
  return Math.floor(profile.gpuBudgetBytes * (1 - profile.headroomFraction));
}

/** What profile detection knows about the machine it runs on (from sysctl or /proc). */
export interface MachineInfo {
  /** `process.platform`: darwin, linux, … */
  platform: string;
  /** CPU name: `machdep.cpu.brand_string` ("Apple M4 Pro") or /proc/cpuinfo's "model name". */
  cpuModel: string | null;
  /** macOS `hw.model` ("Mac16,11"); null elsewhere. */
  hardwareModel: string | null;
  /** Physical memory: `hw.memsize`, or MemTotal. */
  totalBytes: number;
  /** `iogpu.wired_limit_mb` when it is set (non-zero); null when the OS default applies or it is unknown. */
  gpuWiredLimitBytes: number | null;
}

export interface ProfileChoice {
  profile: MachineProfile;
  /** True when a built-in profile matched; false when one was derived from the readings. */
  matched: boolean;
  /** One sentence on why: shown by `doctor`. */
  reason: string;
}

/** Which chip each built-in profile is for; the profile figures themselves stay above. */
const chipOfProfile: Record<string, RegExp> = {
  'm4pro-64': /\bM4 Pro\b/i,
  'm4max-128': /\bM4 Max\b/i,
  'm3-36': /\bM3 Pro\b/i,
};

/** The share of RAM macOS lets the GPU wire by default (recommendedMaxWorkingSetSize on ≥ 36 GB Macs). */
export const defaultGpuShare = 0.75;

const gib = (bytes: number) => `${(bytes / GiB).toFixed(1)} GiB`;

/**
 * Picks the built-in profile for this machine (same chip and, within 1%, the same RAM), else
 * derives one from the readings: budget = the iogpu limit if set, else 75% of RAM; headroom 10%;
 * load speeds are the M4 Pro's, the only measured figures we have (shown as such by `doctor`).
 * An explicit `iogpu.wired_limit_mb` always replaces the budget, because it is what Metal enforces.
 */
export function profileFor(machine: MachineInfo): ProfileChoice {
  const ramMatches = (p: MachineProfile) => Math.abs(p.totalBytes - machine.totalBytes) <= p.totalBytes * 0.01;
  const builtIn =
    machine.platform === 'darwin' && machine.cpuModel
      ? profiles.find((p) => chipOfProfile[p.id]?.test(machine.cpuModel!) && ramMatches(p))
      : undefined;
  const limit = machine.gpuWiredLimitBytes;
  if (builtIn) {
    const profile = limit ? { ...builtIn, gpuBudgetBytes: limit } : builtIn;
    const budget = limit ? `, GPU limit ${gib(limit)} from iogpu.wired_limit_mb` : '';
    return {
      profile,
      matched: true,
      reason: `${machine.cpuModel} with ${gib(machine.totalBytes)} matches ${builtIn.id}${budget}`,
    };
  }
  const reference = findProfile(defaultProfileId)!;
  const gpuBudgetBytes = limit ?? Math.floor(machine.totalBytes * defaultGpuShare);
  const sizeGb = Math.round(machine.totalBytes / 1e9);
  const what = `${machine.cpuModel ?? 'unknown CPU'}, ${gib(machine.totalBytes)}`;
  return {
    profile: {
      id: `derived-${machine.platform}-${sizeGb}gb`,
      label: `This machine (${what}), derived from its readings`,
      totalBytes: machine.totalBytes,
      gpuBudgetBytes,
      headroomFraction: reference.headroomFraction,
      coldLoadBytesPerSec: reference.coldLoadBytesPerSec,
      warmLoadBytesPerSec: reference.warmLoadBytesPerSec,
    },
    matched: false,
    reason: `no built-in profile matches ${what}: budget ${gib(gpuBudgetBytes)} (${limit ? 'iogpu.wired_limit_mb' : '75% of RAM'}), load speeds assumed from ${reference.id}`,
  };
}

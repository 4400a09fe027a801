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

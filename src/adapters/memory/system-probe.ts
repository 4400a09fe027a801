import si from 'systeminformation';
import type { MemoryProbe, MemoryReading } from '../../core/index';
import { defaultGpuShare } from '../../../shared/memory/profiles';
import { createLinuxProbe } from './linux-probe';
import { createMacosProbe } from './macos-probe';
import { execRunner, fileReader, type CommandRunner, type TextFileReader } from './runner';

export interface SystemProbeOptions {
  platform?: string;
  run?: CommandRunner;
  readText?: TextFileReader;
  /** systeminformation's mem(); injected for tests. */
  siMem?: () => Promise<si.Systeminformation.MemData>;
}

/** A reading from systeminformation alone: every platform, but no pressure, wired or compressed. */
export async function readWithSystemInformation(
  siMem: () => Promise<si.Systeminformation.MemData>,
  problems: string[] = [],
): Promise<MemoryReading> {
  const mem = await siMem();
  return {
    totalBytes: mem.total,
    freeBytes: mem.available,
    budgetBytes: Math.floor(mem.total * defaultGpuShare),
    usedBytes: mem.total - mem.available,
    swapTotalBytes: mem.swaptotal,
    swapUsedBytes: mem.swapused,
    source: 'systeminformation',
    problems,
  };
}

/**
 * The real MemoryProbe: the macOS probe (vm_stat + sysctl) on a Mac, the /proc probe on Linux,
 * systeminformation elsewhere and whenever the native path fails (the reading then says why).
 * systeminformation is not the per-sample path on a Mac because its mem() spawns three shells,
 * one of them synchronously, and reports neither wired memory nor pressure.
 */
export function createSystemMemoryProbe(options: SystemProbeOptions = {}): MemoryProbe {
  const platform = options.platform ?? process.platform;
  const siMem = options.siMem ?? (() => si.mem());
  const native =
    platform === 'darwin'
      ? createMacosProbe(options.run ?? execRunner())
      : platform === 'linux'
        ? createLinuxProbe(options.readText ?? fileReader)
        : null;
  return {
    async read() {
      if (!native) return readWithSystemInformation(siMem);
      try {
        return await native.read();
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        return readWithSystemInformation(siMem, [
          `native ${platform} reading failed (${why}); using systeminformation, without pressure`,
        ]);
      }
    },
  };
}

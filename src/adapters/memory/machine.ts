import { cpus, totalmem } from 'node:os';
import type { MachineInfo } from '../../../shared/memory/profiles';
import { parseCpuModel } from './parsers/cpuinfo';
import { parseMeminfo } from './parsers/meminfo';
import { parseSysctl, sysctlInt } from './parsers/sysctl';
import { macosCommands } from './macos-probe';
import { execRunner, fileReader, type CommandRunner, type TextFileReader } from './runner';

export interface DetectOptions {
  platform?: string;
  run?: CommandRunner;
  readText?: TextFileReader;
}

/**
 * What profile selection needs to know about this machine. macOS: one `sysctl` for the chip,
 * model, RAM and GPU limit; Linux: /proc/cpuinfo and /proc/meminfo; elsewhere Node's os module.
 * Anything unreadable falls back to Node's view rather than failing: detection must not stop `doctor`.
 */
export async function detectMachine(options: DetectOptions = {}): Promise<MachineInfo> {
  const platform = options.platform ?? process.platform;
  const fallback: MachineInfo = {
    platform,
    cpuModel: cpus()[0]?.model?.trim() || null,
    hardwareModel: null,
    totalBytes: totalmem(),
    gpuWiredLimitBytes: null,
  };
  if (platform === 'darwin') {
    const run = options.run ?? execRunner();
    const text = await run(macosCommands.sysctl, [
      'machdep.cpu.brand_string',
      'hw.model',
      'hw.memsize',
      'iogpu.wired_limit_mb',
    ]).catch(() => '');
    const values = parseSysctl(text);
    const limitMb = sysctlInt(values, 'iogpu.wired_limit_mb');
    return {
      platform,
      cpuModel: values.get('machdep.cpu.brand_string') || fallback.cpuModel,
      hardwareModel: values.get('hw.model') || null,
      totalBytes: sysctlInt(values, 'hw.memsize') ?? fallback.totalBytes,
      gpuWiredLimitBytes: limitMb ? limitMb * 2 ** 20 : null,
    };
  }
  if (platform === 'linux') {
    const readText = options.readText ?? fileReader;
    const [cpuinfo, meminfo] = await Promise.all([readText('/proc/cpuinfo'), readText('/proc/meminfo')]);
    return {
      ...fallback,
      cpuModel: (cpuinfo && parseCpuModel(cpuinfo)) ?? fallback.cpuModel,
      totalBytes: (meminfo && parseMeminfo(meminfo).totalBytes) || fallback.totalBytes,
    };
  }
  return fallback;
}

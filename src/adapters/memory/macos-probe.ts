import {
  pressureFromFreePercent,
  pressureFromKernelLevel,
  worstPressure,
  type MemoryProbe,
  type MemoryReading,
} from '../../core/index';
import { defaultGpuShare } from '../../../shared/memory/profiles';
import { parseMemoryPressure } from './parsers/memory-pressure';
import { parseSwapUsage, parseSysctl, sysctlInt } from './parsers/sysctl';
import { memoryFromVmStat, parseVmStat } from './parsers/vm-stat';
import type { CommandRunner } from './runner';

export const macosCommands = {
  vmStat: '/usr/bin/vm_stat',
  sysctl: '/usr/sbin/sysctl',
  memoryPressure: '/usr/bin/memory_pressure',
} as const;

/**
 * Everything but the page counts comes from one `sysctl` call per sample: the swap, the kernel's
 * pressure level and free percentage (the figure `memory_pressure` prints), and the GPU limit,
 * which `sudo sysctl iogpu.wired_limit_mb=…` can change while the app runs.
 */
export const macosSampleSysctls = [
  'hw.memsize',
  'vm.swapusage',
  'kern.memorystatus_level',
  'kern.memorystatus_vm_pressure_level',
  'iogpu.wired_limit_mb',
] as const;

/**
 * The macOS probe: two processes a sample (`vm_stat`, `sysctl`). `memory_pressure -Q` is asked
 * only when the sysctl gave no free percentage. Throws when vm_stat's counters are unusable, so
 * the caller can fall back to systeminformation and say why.
 */
export function createMacosProbe(run: CommandRunner): MemoryProbe {
  return {
    async read(): Promise<MemoryReading> {
      const [vmText, sysText] = await Promise.all([
        run(macosCommands.vmStat, []),
        run(macosCommands.sysctl, macosSampleSysctls),
      ]);
      const vm = parseVmStat(vmText);
      const sys = parseSysctl(sysText);
      const problems = [...vm.problems];
      const totalBytes = sysctlInt(sys, 'hw.memsize');
      if (totalBytes === null) throw new Error('sysctl gave no hw.memsize: the total memory is unknown.');
      const memory = memoryFromVmStat(vm, totalBytes);
      if (!memory) throw new Error(`vm_stat gave no usable page counts (${vm.problems.join('; ') || 'empty output'}).`);

      let freePercent = sysctlInt(sys, 'kern.memorystatus_level');
      if (freePercent === null) {
        const report = parseMemoryPressure(await run(macosCommands.memoryPressure, ['-Q']).catch(() => ''));
        freePercent = report.freePercent;
        problems.push(...report.problems);
      }
      const kernelLevel = sysctlInt(sys, 'kern.memorystatus_vm_pressure_level');
      const kernelPressure = pressureFromKernelLevel(kernelLevel);
      const pressure = worstPressure(kernelPressure, pressureFromFreePercent(freePercent));
      const detail = [
        kernelPressure ? `kernel level ${kernelPressure}` : null,
        freePercent !== null ? `${freePercent}% free` : null,
      ]
        .filter(Boolean)
        .join(', ');
      if (!pressure) problems.push('neither kern.memorystatus_vm_pressure_level nor a free percentage could be read');

      const swap = parseSwapUsage(sys.get('vm.swapusage'));
      if (!swap) problems.push('sysctl vm.swapusage could not be read');
      const limitMb = sysctlInt(sys, 'iogpu.wired_limit_mb');
      // 0 (or absent, before macOS 14) means Metal's default working set, ~75% of RAM.
      const gpuWiredLimitBytes = limitMb ? limitMb * 2 ** 20 : null;
      return {
        totalBytes,
        freeBytes: memory.freeBytes,
        budgetBytes: gpuWiredLimitBytes ?? Math.floor(totalBytes * defaultGpuShare),
        usedBytes: memory.usedBytes,
        wiredBytes: memory.wiredBytes,
        compressedBytes: memory.compressedBytes,
        swapTotalBytes: swap?.totalBytes ?? null,
        swapUsedBytes: swap?.usedBytes ?? null,
        swapOutPages: vm.swapouts,
        pressure,
        pressureDetail: detail || null,
        gpuWiredLimitBytes,
        source: 'macos',
        problems,
      };
    },
  };
}

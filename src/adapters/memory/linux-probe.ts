import {
  pressureFromFreePercent,
  pressureFromPsi,
  worstPressure,
  type MemoryProbe,
  type MemoryReading,
} from '../../core/index';
import { defaultGpuShare } from '../../../shared/memory/profiles';
import { parseMeminfo } from './parsers/meminfo';
import { parsePsi } from './parsers/psi';
import type { TextFileReader } from './runner';

export const linuxFiles = { meminfo: '/proc/meminfo', psi: '/proc/pressure/memory' } as const;

/**
 * The Linux probe: two file reads a sample, no process. Free = MemAvailable; pressure = the worse
 * of PSI (when the kernel has it: 4.20+, and not in every container) and the free percentage.
 */
export function createLinuxProbe(readText: TextFileReader): MemoryProbe {
  return {
    async read(): Promise<MemoryReading> {
      const [meminfoText, psiText] = await Promise.all([readText(linuxFiles.meminfo), readText(linuxFiles.psi)]);
      if (meminfoText === null) throw new Error(`${linuxFiles.meminfo} could not be read.`);
      const info = parseMeminfo(meminfoText);
      if (info.totalBytes === null || info.availableBytes === null)
        throw new Error(`${linuxFiles.meminfo} has no MemTotal/MemFree (${info.problems.join('; ')}).`);
      const problems = [...info.problems];
      if (info.availableEstimated)
        problems.push('MemAvailable is missing (kernel before 3.14): free memory is estimated');
      const psi = psiText === null ? null : parsePsi(psiText);
      if (psi) problems.push(...psi.problems);
      const freePercent = (info.availableBytes / info.totalBytes) * 100;
      const psiPressure = psi ? pressureFromPsi(psi.some?.avg10, psi.full?.avg10) : null;
      const pressure = worstPressure(psiPressure, pressureFromFreePercent(freePercent));
      const detail = [
        psi?.some ? `PSI some avg10 ${psi.some.avg10.toFixed(2)}%` : 'no PSI',
        `${Math.round(freePercent)}% available`,
      ].join(', ');
      const swapTotal = info.swapTotalBytes;
      const swapUsed = swapTotal !== null && info.swapFreeBytes !== null ? swapTotal - info.swapFreeBytes : null;
      const freeBytes = Math.min(info.totalBytes, info.availableBytes);
      return {
        totalBytes: info.totalBytes,
        freeBytes,
        // No Apple GPU here: the same 75% rule stands in so budgets read the same everywhere.
        budgetBytes: Math.floor(info.totalBytes * defaultGpuShare),
        usedBytes: info.totalBytes - freeBytes,
        wiredBytes: null,
        compressedBytes: info.zswapBytes,
        swapTotalBytes: swapTotal,
        swapUsedBytes: swapUsed,
        swapOutPages: null,
        pressure,
        pressureDetail: detail,
        gpuWiredLimitBytes: null,
        source: 'linux',
        problems,
      };
    },
  };
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  memoryFromVmStat,
  parseCpuModel,
  parseMeminfo,
  parseMemoryPressure,
  parsePsi,
  parseSwapUsage,
  parseSysctl,
  parseVmStat,
  sysctlInt,
} from '../../../src/adapters/memory/parsers/index';

const fixture = (name: string) => readFileSync(`tests/fixtures/memory/${name}`, 'utf8');
const MiB = 2 ** 20;
const GiB = 2 ** 30;

describe('vm_stat', () => {
  it('reads the page size and every counter of macOS 15 output', () => {
    const vm = parseVmStat(fixture('macos15-vm_stat-residents.txt'));
    expect(vm).toMatchObject({
      pageSize: 16384,
      free: 96231,
      active: 780112,
      inactive: 742503,
      speculative: 12004,
      throttled: 0,
      wired: 2262917,
      purgeable: 21345,
      fileBacked: 520116,
      anonymous: 732421,
      compressorOccupied: 54931,
      storedInCompressor: 161227,
      swapins: 0,
      swapouts: 0,
    });
    expect(vm.problems).toEqual([]);
  });

  it('counts used memory as Activity Monitor does: app (anonymous − purgeable) + wired + compressed', () => {
    const vm = parseVmStat(fixture('macos15-vm_stat-residents.txt'));
    const memory = memoryFromVmStat(vm, 64 * GiB)!;
    expect(memory.usedBytes).toBe((732421 - 21345 + 2262917 + 54931) * 16384);
    expect(memory.freeBytes).toBe(64 * GiB - memory.usedBytes);
    expect(memory.wiredBytes).toBe(2262917 * 16384);
    expect(memory.compressedBytes).toBe(54931 * 16384);
    expect(memory.freeBytes / 1e9).toBeCloseTo(19.09, 2);
  });

  it('reads the swap counters of a swapping macOS 14 machine', () => {
    const vm = parseVmStat(fixture('macos14-vm_stat-swapping.txt'));
    expect(vm).toMatchObject({ swapins: 1203344, swapouts: 2431876, compressorOccupied: 612440, free: 8210 });
    const memory = memoryFromVmStat(vm, 64 * GiB)!;
    expect(memory.freeBytes).toBeLessThan(4 * GiB);
  });

  it('falls back to free + inactive + speculative + purgeable without "Anonymous pages" (older macOS)', () => {
    const text = fixture('macos15-vm_stat-residents.txt').replace(/^Anonymous pages:.*\n/m, '');
    const memory = memoryFromVmStat(parseVmStat(text), 64 * GiB)!;
    expect(memory.freeBytes).toBe((96231 + 742503 + 12004 + 21345) * 16384);
  });

  it('accepts digit grouping and Windows line ends', () => {
    const vm = parseVmStat('Mach Virtual Memory Statistics: (page size of 4096 bytes)\r\nPages free:      10,022.\r\n');
    expect(vm.pageSize).toBe(4096);
    expect(vm.free).toBe(10022);
  });

  it('names what a truncated output lacks and gives no memory figure instead of a wrong one', () => {
    const vm = parseVmStat(fixture('macos-vm_stat-truncated.txt'));
    expect(vm.free).toBe(96231);
    expect(vm.inactive).toBeNull();
    expect(vm.problems.join('\n')).toMatch(/no "Pages inactive", "Pages wired down", "Pages occupied by compressor"/);
    expect(memoryFromVmStat(vm, 64 * GiB)).toBeNull();
  });

  it('survives garbage and empty input', () => {
    for (const text of [fixture('garbage.txt'), '', '\n\n']) {
      const vm = parseVmStat(text);
      expect(vm.pageSize).toBeNull();
      expect(vm.problems.length).toBeGreaterThan(0);
      expect(memoryFromVmStat(vm, 64 * GiB)).toBeNull();
    }
    expect(parseVmStat(fixture('garbage.txt')).problems.join('\n')).toContain(
      '"Pages free" is not a page count ("lots")',
    );
  });
});

describe('memory_pressure', () => {
  it('reads the full report: total, page size, free percentage and swap counters', () => {
    expect(parseMemoryPressure(fixture('macos15-memory_pressure.txt'))).toEqual({
      totalBytes: 68719476736,
      pageSize: 16384,
      freePercent: 58,
      swapins: 0,
      swapouts: 0,
      problems: [],
    });
  });

  it('reads the two-line -Q form', () => {
    expect(parseMemoryPressure(fixture('macos14-memory_pressure-Q-low.txt'))).toMatchObject({
      totalBytes: 68719476736,
      pageSize: null,
      freePercent: 11,
      problems: [],
    });
  });

  it('rejects an out-of-range percentage and says when the line is missing', () => {
    expect(parseMemoryPressure(fixture('garbage.txt'))).toMatchObject({
      freePercent: null,
      problems: ['memory_pressure: free percentage 250% is out of range'],
    });
    expect(parseMemoryPressure('')).toMatchObject({
      freePercent: null,
      problems: ['memory_pressure: no "System-wide memory free percentage" line'],
    });
  });
});

describe('sysctl', () => {
  it('reads name: value lines, and the swap usage in binary units', () => {
    const values = parseSysctl(fixture('macos14-sysctl-sample-swapping.txt'));
    expect(sysctlInt(values, 'hw.memsize')).toBe(64 * GiB);
    expect(sysctlInt(values, 'kern.memorystatus_level')).toBe(11);
    expect(sysctlInt(values, 'kern.memorystatus_vm_pressure_level')).toBe(2);
    expect(sysctlInt(values, 'iogpu.wired_limit_mb')).toBe(0);
    expect(parseSwapUsage(values.get('vm.swapusage'))).toEqual({
      totalBytes: 6144 * MiB,
      usedBytes: Math.round(4821.25 * MiB),
      freeBytes: Math.round(1322.75 * MiB),
      encrypted: true,
    });
  });

  it('reads the swap line whole and in its -n form', () => {
    expect(parseSwapUsage(fixture('macos15-sysctl-swapusage.txt'))).toEqual({
      totalBytes: 2048 * MiB,
      usedBytes: Math.round(1024.5 * MiB),
      freeBytes: Math.round(1023.5 * MiB),
      encrypted: true,
    });
    expect(parseSwapUsage(fixture('macos15-sysctl-n-swapusage.txt'))?.usedBytes).toBe(Math.round(2178.75 * MiB));
    expect(parseSwapUsage('total = 1.00G  used = 0.00M  free = 1024.00M')).toEqual({
      totalBytes: GiB,
      usedBytes: 0,
      freeBytes: GiB,
      encrypted: false,
    });
  });

  it('leaves a name out when sysctl did not know it, and reads the Linux "name = value" form', () => {
    const values = parseSysctl(fixture('macos13-sysctl-sample-no-iogpu.txt'));
    expect(values.has('iogpu.wired_limit_mb')).toBe(false);
    expect(sysctlInt(values, 'iogpu.wired_limit_mb')).toBeNull();
    expect(sysctlInt(parseSysctl('vm.swappiness = 60\n'), 'vm.swappiness')).toBe(60);
  });

  it('returns null for a malformed swap line or value', () => {
    expect(parseSwapUsage('total = lots')).toBeNull();
    expect(parseSwapUsage(undefined)).toBeNull();
    expect(parseSwapUsage(fixture('garbage.txt'))).toBeNull();
    expect(sysctlInt(parseSysctl('hw.memsize: sixty-four\n'), 'hw.memsize')).toBeNull();
  });

  it('reads the machine facts profile detection needs', () => {
    const values = parseSysctl(fixture('macos15-sysctl-machine-m4pro.txt'));
    expect(values.get('machdep.cpu.brand_string')).toBe('Apple M4 Pro');
    expect(values.get('hw.model')).toBe('Mac16,11');
  });
});

describe('/proc/meminfo', () => {
  it('reads the recording of this build machine', () => {
    const info = parseMeminfo(fixture('linux-meminfo-vm-noswap.txt'));
    expect(info.problems).toEqual([]);
    expect(info.totalBytes).toBeGreaterThan(0);
    expect(info.availableBytes).toBeGreaterThan(0);
    expect(info.availableBytes!).toBeLessThanOrEqual(info.totalBytes!);
    expect(info.availableEstimated).toBe(false);
    expect(info.swapTotalBytes).toBe(0);
  });

  it('reads a swapping workstation in bytes, zswap included', () => {
    expect(parseMeminfo(fixture('linux-meminfo-workstation-swap.txt'))).toMatchObject({
      totalBytes: 65587672 * 1024,
      freeBytes: 1934520 * 1024,
      availableBytes: 6120344 * 1024,
      buffersBytes: 412200 * 1024,
      cachedBytes: 5102884 * 1024,
      swapTotalBytes: 8388604 * 1024,
      swapFreeBytes: 6291452 * 1024,
      zswapBytes: 524288 * 1024,
    });
  });

  it('estimates MemAvailable on kernels that lack it, and says so', () => {
    const info = parseMeminfo(fixture('linux-meminfo-old-kernel.txt'));
    expect(info.availableBytes).toBe((512200 + 102400 + 2048000) * 1024);
    expect(info.availableEstimated).toBe(true);
  });

  it('reports what a truncated file lacks', () => {
    const info = parseMeminfo(fixture('linux-meminfo-truncated.txt'));
    expect(info.totalBytes).toBe(65587672 * 1024);
    expect(info.problems.join()).toMatch(/no "SwapTotal", "SwapFree"/);
    expect(parseMeminfo('').totalBytes).toBeNull();
    expect(parseMeminfo(fixture('garbage.txt')).availableBytes).toBeNull();
  });
});

describe('PSI', () => {
  it('reads both lines', () => {
    expect(parsePsi(fixture('linux-psi-memory-stalled.txt'))).toEqual({
      some: { avg10: 12.41, avg60: 6.03, avg300: 1.95, total: 48122934 },
      full: { avg10: 3.1, avg60: 1.22, avg300: 0.41, total: 20311874 },
      problems: [],
    });
    expect(parsePsi(fixture('linux-psi-memory-idle.txt')).some).toMatchObject({ avg10: 0 });
  });

  it('skips a malformed line and says so', () => {
    const psi = parsePsi(fixture('linux-psi-memory-malformed.txt'));
    expect(psi.some).toBeNull();
    expect(psi.full).toMatchObject({ avg10: 0 });
    expect(psi.problems).toContain('PSI: malformed "some" line');
    expect(parsePsi('').problems).toEqual(['PSI: no "some avg10=…" line']);
  });
});

describe('/proc/cpuinfo', () => {
  it('finds the model name, or the ARM Hardware line, or nothing', () => {
    expect(parseCpuModel(fixture('linux-cpuinfo-epyc.txt'))).toBe('AMD EPYC');
    expect(parseCpuModel('processor\t: 0\nHardware\t: BCM2835\n')).toBe('BCM2835');
    expect(parseCpuModel(fixture('garbage.txt'))).toBeNull();
  });
});

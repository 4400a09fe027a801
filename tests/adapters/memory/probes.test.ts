import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLinuxProbe, linuxFiles } from '../../../src/adapters/memory/linux-probe';
import { detectMachine } from '../../../src/adapters/memory/machine';
import { createMacosProbe, macosCommands } from '../../../src/adapters/memory/macos-probe';
import type { CommandRunner, TextFileReader } from '../../../src/adapters/memory/runner';
import { createSystemMemoryProbe } from '../../../src/adapters/memory/system-probe';
import {
  pressureFromFreePercent,
  pressureFromKernelLevel,
  pressureFromPsi,
  worstPressure,
} from '../../../src/core/memory/pressure';
import { findProfile, profileFor } from '../../../shared/memory/profiles';

const fixture = (name: string) => readFileSync(`tests/fixtures/memory/${name}`, 'utf8');
const GiB = 2 ** 30;
const MiB = 2 ** 20;

/** A runner that answers each command with a recorded output and remembers what was run. */
function recordedRunner(outputs: Record<string, string | Error>): CommandRunner & { calls: string[] } {
  const calls: string[] = [];
  const run = async (file: string, args: readonly string[]) => {
    calls.push([file, ...args].join(' '));
    const out = outputs[file];
    if (out === undefined) throw new Error(`unexpected command ${file}`);
    if (out instanceof Error) throw out;
    return out;
  };
  return Object.assign(run, { calls });
}

const files =
  (map: Record<string, string | null>): TextFileReader =>
  async (path) =>
    map[path] ?? null;

describe('pressure thresholds', () => {
  it('maps XNU dispatch levels 1/2/4 and nothing else', () => {
    expect([1, 2, 4, 0, 3, null].map(pressureFromKernelLevel)).toEqual([
      'normal',
      'warn',
      'critical',
      null,
      null,
      null,
    ]);
  });
  it('judges free percentage: warn below 15%, critical below 5%', () => {
    expect([58, 15, 14.9, 5, 4.9, null].map(pressureFromFreePercent)).toEqual([
      'normal',
      'normal',
      'warn',
      'warn',
      'critical',
      null,
    ]);
  });
  it('judges PSI: some ≥ 5% warns, full ≥ 5% or some ≥ 25% is critical', () => {
    expect(pressureFromPsi(0, 0)).toBe('normal');
    expect(pressureFromPsi(12.41, 3.1)).toBe('warn');
    expect(pressureFromPsi(12, 5)).toBe('critical');
    expect(pressureFromPsi(30, 0)).toBe('critical');
    expect(pressureFromPsi(null, null)).toBeNull();
  });
  it('takes the worst level given', () => {
    expect(worstPressure('normal', null, 'warn')).toBe('warn');
    expect(worstPressure(null, undefined)).toBeNull();
  });
});

describe('macOS probe (recorded outputs)', () => {
  it('reads a 64 GB M4 Pro with the residents loaded: two commands, normal pressure, no swap', async () => {
    const run = recordedRunner({
      [macosCommands.vmStat]: fixture('macos15-vm_stat-residents.txt'),
      [macosCommands.sysctl]: fixture('macos15-sysctl-sample-residents.txt'),
    });
    const reading = await createMacosProbe(run).read();
    expect(run.calls).toEqual([
      macosCommands.vmStat,
      `${macosCommands.sysctl} hw.memsize vm.swapusage kern.memorystatus_level kern.memorystatus_vm_pressure_level iogpu.wired_limit_mb`,
    ]);
    expect(reading).toMatchObject({
      totalBytes: 64 * GiB,
      usedBytes: (732421 - 21345 + 2262917 + 54931) * 16384,
      wiredBytes: 2262917 * 16384,
      compressedBytes: 54931 * 16384,
      swapUsedBytes: 0,
      swapOutPages: 0,
      pressure: 'normal',
      pressureDetail: 'kernel level normal, 58% free',
      gpuWiredLimitBytes: null,
      budgetBytes: 48 * GiB,
      source: 'macos',
      problems: [],
    });
    expect(reading.freeBytes + reading.usedBytes!).toBe(64 * GiB);
  });

  it('reports warn and the swap of a machine that is swapping', async () => {
    const run = recordedRunner({
      [macosCommands.vmStat]: fixture('macos14-vm_stat-swapping.txt'),
      [macosCommands.sysctl]: fixture('macos14-sysctl-sample-swapping.txt'),
    });
    const reading = await createMacosProbe(run).read();
    expect(reading).toMatchObject({
      pressure: 'warn',
      pressureDetail: 'kernel level warn, 11% free',
      swapUsedBytes: Math.round(4821.25 * MiB),
      swapTotalBytes: 6144 * MiB,
      swapOutPages: 2431876,
    });
  });

  it('takes the GPU budget from iogpu.wired_limit_mb when it is set', async () => {
    const run = recordedRunner({
      [macosCommands.vmStat]: fixture('macos15-vm_stat-residents.txt'),
      [macosCommands.sysctl]: fixture('macos15-sysctl-sample-iogpu.txt'),
    });
    const reading = await createMacosProbe(run).read();
    expect(reading.gpuWiredLimitBytes).toBe(57344 * MiB);
    expect(reading.budgetBytes).toBe(56 * GiB);
  });

  it('asks memory_pressure -Q only when the sysctl has no free percentage, and trusts the kernel level', async () => {
    const run = recordedRunner({
      [macosCommands.vmStat]: fixture('macos15-vm_stat-residents.txt'),
      [macosCommands.sysctl]: fixture('macos13-sysctl-sample-no-iogpu.txt'),
      [macosCommands.memoryPressure]: fixture('macos14-memory_pressure-Q-low.txt'),
    });
    const reading = await createMacosProbe(run).read();
    expect(run.calls).toContain(`${macosCommands.memoryPressure} -Q`);
    // The kernel says critical (4) even though 11% free alone would only warn.
    expect(reading).toMatchObject({
      pressure: 'critical',
      pressureDetail: 'kernel level critical, 11% free',
      totalBytes: 32 * GiB,
      budgetBytes: 24 * GiB,
      gpuWiredLimitBytes: null,
    });
  });

  it('fails with the reason when vm_stat is unusable, so the system probe can fall back', async () => {
    const run = recordedRunner({
      [macosCommands.vmStat]: fixture('macos-vm_stat-truncated.txt'),
      [macosCommands.sysctl]: fixture('macos15-sysctl-sample-residents.txt'),
    });
    await expect(createMacosProbe(run).read()).rejects.toThrow(/vm_stat gave no usable page counts .*Pages wired down/);
  });

  it('falls back to systeminformation on a Mac whose commands fail, and says so', async () => {
    const run = recordedRunner({ [macosCommands.vmStat]: new Error('spawn ENOENT'), [macosCommands.sysctl]: '' });
    const siMem = async () => ({ total: 16 * GiB, available: 6 * GiB, swaptotal: 0, swapused: 0 }) as never;
    const reading = await createSystemMemoryProbe({ platform: 'darwin', run, siMem }).read();
    expect(reading).toMatchObject({
      source: 'systeminformation',
      totalBytes: 16 * GiB,
      freeBytes: 6 * GiB,
      budgetBytes: 12 * GiB,
    });
    expect(reading.problems?.[0]).toMatch(/native darwin reading failed \(spawn ENOENT\); using systeminformation/);
  });
});

describe('Linux probe', () => {
  it('reads a swapping workstation with PSI: free = MemAvailable, warn from PSI', async () => {
    const reading = await createLinuxProbe(
      files({
        [linuxFiles.meminfo]: fixture('linux-meminfo-workstation-swap.txt'),
        [linuxFiles.psi]: fixture('linux-psi-memory-stalled.txt'),
      }),
    ).read();
    expect(reading).toMatchObject({
      totalBytes: 65587672 * 1024,
      freeBytes: 6120344 * 1024,
      usedBytes: (65587672 - 6120344) * 1024,
      swapUsedBytes: (8388604 - 6291452) * 1024,
      compressedBytes: 524288 * 1024,
      pressure: 'warn',
      pressureDetail: 'PSI some avg10 12.41%, 9% available',
      source: 'linux',
    });
  });

  it('turns critical when PSI shows full stalls', async () => {
    const reading = await createLinuxProbe(
      files({
        [linuxFiles.meminfo]: fixture('linux-meminfo-vm-noswap.txt'),
        [linuxFiles.psi]: fixture('linux-psi-memory-thrashing.txt'),
      }),
    ).read();
    expect(reading.pressure).toBe('critical');
  });

  it('works without PSI (containers, old kernels) from the free percentage alone', async () => {
    const reading = await createLinuxProbe(
      files({ [linuxFiles.meminfo]: fixture('linux-meminfo-old-kernel.txt') }),
    ).read();
    expect(reading.pressure).toBe('normal');
    expect(reading.pressureDetail).toBe('no PSI, 33% available');
    expect(reading.problems).toContain('MemAvailable is missing (kernel before 3.14): free memory is estimated');
  });

  it('fails clearly when /proc/meminfo is unreadable or empty', async () => {
    await expect(createLinuxProbe(files({})).read()).rejects.toThrow('/proc/meminfo could not be read.');
    await expect(createLinuxProbe(files({ [linuxFiles.meminfo]: '' })).read()).rejects.toThrow(/has no MemTotal/);
  });

  it.runIf(process.platform === 'linux')('gives real readings on this Linux machine', async () => {
    const reading = await createSystemMemoryProbe().read();
    expect(reading.source).toBe('linux');
    expect(reading.totalBytes).toBeGreaterThan(256 * MiB);
    expect(reading.freeBytes).toBeGreaterThan(0);
    expect(reading.freeBytes).toBeLessThanOrEqual(reading.totalBytes);
    expect(reading.budgetBytes).toBe(Math.floor(reading.totalBytes * 0.75));
    expect(['normal', 'warn', 'critical']).toContain(reading.pressure);
  });
});

describe('machine detection and profiles', () => {
  it('matches the built-in m4pro-64 profile from a Mac mini M4 Pro', async () => {
    const run = recordedRunner({ [macosCommands.sysctl]: fixture('macos15-sysctl-machine-m4pro.txt') });
    const machine = await detectMachine({ platform: 'darwin', run });
    expect(machine).toEqual({
      platform: 'darwin',
      cpuModel: 'Apple M4 Pro',
      hardwareModel: 'Mac16,11',
      totalBytes: 64 * GiB,
      gpuWiredLimitBytes: null,
    });
    const choice = profileFor(machine);
    expect(choice.matched).toBe(true);
    expect(choice.profile).toBe(findProfile('m4pro-64'));
  });

  it('derives a profile for an unknown Mac, budget from its iogpu limit', async () => {
    const run = recordedRunner({ [macosCommands.sysctl]: fixture('macos15-sysctl-machine-m2max-iogpu.txt') });
    const choice = profileFor(await detectMachine({ platform: 'darwin', run }));
    expect(choice.matched).toBe(false);
    expect(choice.profile).toMatchObject({
      id: 'derived-darwin-103gb',
      totalBytes: 96 * GiB,
      gpuBudgetBytes: 80 * GiB,
      headroomFraction: 0.1,
      coldLoadBytesPerSec: 0.8e9,
    });
    expect(choice.reason).toMatch(
      /no built-in profile matches Apple M2 Max, 96.0 GiB: budget 80.0 GiB \(iogpu.wired_limit_mb\)/,
    );
  });

  it('does not match on the chip alone: an M4 Pro with 48 GB gets a derived 75% budget', () => {
    const choice = profileFor({
      platform: 'darwin',
      cpuModel: 'Apple M4 Pro',
      hardwareModel: null,
      totalBytes: 48 * GiB,
      gpuWiredLimitBytes: null,
    });
    expect(choice.matched).toBe(false);
    expect(choice.profile.gpuBudgetBytes).toBe(36 * GiB);
  });

  it('keeps a matched profile but takes a raised iogpu limit as its budget', () => {
    const choice = profileFor({
      platform: 'darwin',
      cpuModel: 'Apple M4 Pro',
      hardwareModel: 'Mac16,8',
      totalBytes: 64 * GiB,
      gpuWiredLimitBytes: 56 * GiB,
    });
    expect(choice).toMatchObject({ matched: true, profile: { id: 'm4pro-64', gpuBudgetBytes: 56 * GiB } });
    expect(findProfile('m4pro-64')!.gpuBudgetBytes).toBe(48 * GiB);
  });

  it('reads a Linux machine from /proc', async () => {
    const machine = await detectMachine({
      platform: 'linux',
      readText: files({
        '/proc/cpuinfo': fixture('linux-cpuinfo-epyc.txt'),
        '/proc/meminfo': fixture('linux-meminfo-workstation-swap.txt'),
      }),
    });
    expect(machine).toMatchObject({
      platform: 'linux',
      cpuModel: 'AMD EPYC',
      totalBytes: 65587672 * 1024,
      gpuWiredLimitBytes: null,
    });
    expect(profileFor(machine)).toMatchObject({
      matched: false,
      profile: { id: 'derived-linux-67gb', gpuBudgetBytes: Math.floor(65587672 * 1024 * 0.75) },
    });
  });
});

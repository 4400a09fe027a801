// npm run bench:monitor [-- --seconds 30 --samples 300]
// Measures what the memory monitor costs in CPU on this machine, as "% of one core":
//   1. per sample: N back-to-back samples (probe + /api/ps + history), CPU per sample → its cost at 1 Hz;
//   2. the macOS probe's process spawns (vm_stat + sysctl), replayed here with `cat` of the recorded
//      outputs, so their cost is measured even off a Mac;
//   3. real sampling at the fastest default rate (1 s: memory that keeps changing) for S seconds.
// CPU = this process (process.cpuUsage) + its finished children (/proc/self/stat cutime+cstime).
// The /api/ps stub answers in this same process, so its server side is counted too: an overestimate.
// Prints numbers only; the target (< 1% of one core) is not asserted anywhere.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

const built = new URL('../out/cli/memory-bench.mjs', import.meta.url);
if (!existsSync(built)) {
  process.stderr.write('bench:monitor needs the build: run `npm run build` first.\n');
  process.exit(2);
}
const m = await import(built.href);
const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '30' }, samples: { type: 'string', default: '300' } },
});
const seconds = Number(values.seconds);
const samples = Number(values.samples);
if (!(seconds > 0) || !(samples > 0)) {
  process.stderr.write('--seconds and --samples must be positive numbers.\n');
  process.exit(2);
}

let ticksPerSecond = 100;
try {
  ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {
  /* Linux's usual 100 Hz stands */
}
/** CPU microseconds of finished children, where the OS tells (Linux); 0 elsewhere. */
function childrenCpuMicros() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After ") ", field 16 (cutime) and 17 (cstime) of proc(5) are at indexes 13 and 14.
    return ((Number(fields[13]) + Number(fields[14])) / ticksPerSecond) * 1e6;
  } catch {
    return 0;
  }
}
const cpuNow = () => {
  const own = process.cpuUsage();
  return { own: own.user + own.system, children: childrenCpuMicros(), wall: performance.now() };
};
const cpuSince = (start) => {
  const end = cpuNow();
  return { ownUs: end.own - start.own, childrenUs: end.children - start.children, wallMs: end.wall - start.wall };
};
const pct = (x) => `${x.toFixed(3)}%`;

// A stand-in for Ollama's /api/ps with the three residents loaded, unless a real Ollama is set.
const psBody = JSON.stringify({
  models: [
    {
      name: 'qwen2.5:7b',
      model: 'qwen2.5:7b',
      size: 5_700_000_000,
      size_vram: 5_700_000_000,
      expires_at: '2099-01-01T00:00:00Z',
    },
    {
      name: 'qwen2.5-coder:32b',
      model: 'qwen2.5-coder:32b',
      size: 22_700_000_000,
      size_vram: 22_700_000_000,
      expires_at: '2099-01-01T00:00:00Z',
    },
    {
      name: 'qwen2.5:14b',
      model: 'qwen2.5:14b',
      size: 11_300_000_000,
      size_vram: 11_300_000_000,
      expires_at: '2099-01-01T00:00:00Z',
    },
  ],
});
let psUrl = process.env.OLLAMA_HOST
  ? `${process.env.OLLAMA_HOST.startsWith('http') ? '' : 'http://'}${process.env.OLLAMA_HOST}/api/ps`
  : null;
let stub = null;
if (!psUrl) {
  stub = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(psBody);
  });
  await new Promise((resolve) => stub.listen(0, '127.0.0.1', resolve));
  psUrl = `http://127.0.0.1:${stub.address().port}/api/ps`;
}
const host = {
  async listLoaded() {
    const body = await (await fetch(psUrl)).json();
    return (body.models ?? []).map((x) => ({ name: x.name, sizeBytes: x.size, expiresAt: x.expires_at ?? null }));
  },
};

const machine = await m.detectMachine();
const { profile } = m.profileFor(machine);
const probe = m.createSystemMemoryProbe();
const first = await probe.read();
console.log(
  `Memory monitor benchmark — ${machine.cpuModel ?? 'unknown CPU'}, ${(machine.totalBytes / 2 ** 30).toFixed(1)} GiB, ${process.platform}, probe "${first.source}", Node ${process.versions.node}`,
);
console.log(`/api/ps: ${stub ? 'in-process stub (3 models; its server CPU is counted too)' : psUrl}`);

async function perSample(label, monitor, n) {
  for (let i = 0; i < 5; i++) await monitor.sampleNow(); // warm up: JIT, first connections
  const start = cpuNow();
  for (let i = 0; i < n; i++) await monitor.sampleNow();
  const used = cpuSince(start);
  const perSampleMs = (used.ownUs + used.childrenUs) / 1000 / n;
  console.log(
    `${label}: ${n} samples, ${perSampleMs.toFixed(3)} ms CPU each (own ${(used.ownUs / 1000 / n).toFixed(3)} ms, children ${(used.childrenUs / 1000 / n).toFixed(3)} ms)` +
      ` → ${pct(perSampleMs / 10)} of one core at 1 s, ${pct(perSampleMs / 100)} at the steady 10 s`,
  );
  return perSampleMs;
}

const fast = m.createMemoryMonitor({ probe, host, scheduler: m.systemScheduler, profile });
await perSample(`1. ${first.source} probe, back to back`, fast, samples);

// 2. The Mac's probe spawns two processes a sample; replay that with `cat` of the recorded outputs.
const fixtures = new URL('../tests/fixtures/memory/', import.meta.url);
const recorded = {
  [m.macosCommands.vmStat]: new URL('macos15-vm_stat-residents.txt', fixtures).pathname,
  [m.macosCommands.sysctl]: new URL('macos15-sysctl-sample-residents.txt', fixtures).pathname,
};
const catRunner = (file) =>
  new Promise((resolve, reject) =>
    execFile('cat', [recorded[file]], (error, out) => (error ? reject(error) : resolve(out))),
  );
const macLike = m.createMemoryMonitor({
  probe: m.createMacosProbe(catRunner),
  host,
  scheduler: m.systemScheduler,
  profile,
});
const macMs = await perSample('2. macOS probe replayed (2 process spawns a sample)', macLike, Math.min(samples, 200));

// 3. Real sampling: the monitor on its own timers at its fastest rate (1 s), for `seconds`.
const real = m.createMemoryMonitor({ probe, host, scheduler: m.systemScheduler, profile, maxIntervalMs: 1000 });
const start = cpuNow();
real.start();
// The monitor's timers are unref'd (it never keeps a process alive); this wait does.
await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
real.stop();
const used = cpuSince(start);
const sampled = real.history(seconds * 1000 + 1000);
const count = sampled.resolution === 'full' ? sampled.points.length : 0;
const share = ((used.ownUs + used.childrenUs) / 1000 / used.wallMs) * 100;
console.log(
  `3. real sampling at 1 s for ${(used.wallMs / 1000).toFixed(1)} s: ${count} samples, ${pct(share)} of one core (the whole process, idle Node included)`,
);
console.log(
  `Mac estimate at 1 s: ${pct(macMs / 10)} of one core (fork/exec measured here; a Mac's differs). Target: < 1% of one core.`,
);
stub?.close();

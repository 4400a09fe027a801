// npm run bench:dashboard [-- --tasks N --updates N --json]
// Serves the built dashboard with a workspace pre-filled with 10,000 tasks, drives it in Chromium
// and prints how long each live update takes (target: < 16 ms, one frame). Numbers, not a test.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const { values } = parseArgs({
  options: {
    tasks: { type: 'string', default: '10000' },
    updates: { type: 'string', default: '50' },
    json: { type: 'boolean', default: false },
  },
});
const tasks = Number(values.tasks);
const updates = Number(values.updates);

if (!existsSync('out/renderer/index.html') || !existsSync('out/cli/index.mjs')) {
  console.error('bench:dashboard: no build found; running `npm run build` first.');
  execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
}

// The harness is TypeScript beside the e2e tests (it shares their helpers); bundle it to run it.
const outfile = 'out/bench/dashboard.mjs';
await build({
  entryPoints: ['e2e/support/bench-dashboard.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  target: 'node20.19',
  logLevel: 'warning',
});
const { benchDashboard } = await import(new URL(`../${outfile}`, import.meta.url).href);

const log = values.json ? () => undefined : (line) => console.log(line);
const result = await benchDashboard({ tasks, updates, log });
if (values.json) {
  console.log(JSON.stringify(result));
} else {
  const ms = (v) => `${v.toFixed(1)} ms`;
  const row = (name, s) =>
    console.log(
      `${name.padEnd(34)} p50 ${ms(s.p50).padStart(9)}   p95 ${ms(s.p95).padStart(9)}   max ${ms(s.max).padStart(9)}   (n=${s.n})`,
    );
  console.log(
    `\n${result.painted.n} state pushes with ${tasks.toLocaleString('en-US')} tasks (${result.tasksFiled} new tasks filed to cause them):`,
  );
  row('idle: any moment → next frame', result.idleFrame);
  row('parse (JSON of the push)', result.parse);
  row('store update + React render', result.work);
  row('update → next frame', result.update);
  row('update → after that frame (paint)', result.painted);
  console.log(
    `target: < 16 ms per update. Store update + React render: p95 ${ms(result.work.p95)} (${result.work.p95 < 16 ? 'met' : 'not met'}).`,
  );
  console.log(
    `"→ next frame" includes the wait for the frame (idle p50 ${ms(result.idleFrame.p50)}) and the parse of the push (a delta: only the tasks that changed).`,
  );
}

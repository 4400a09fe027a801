import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// `npm start` where Electron cannot run: one line says why, then the headless host serves the
// dashboard; `--demo` becomes the host's `--sim`. (Where Electron runs, the same flags go to
// the desktop app, which reads them itself: tests/main/settings.test.ts, "desktop arguments".)
describe('npm start without a display', () => {
  it('says why in one line and serves the dashboard headless, with --demo as the simulator', async () => {
    expect(existsSync('out/cli/index.mjs') && existsSync('out/main/index.js'), 'run `npm run build` first').toBe(true);
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env['DISPLAY'];
    delete env['WAYLAND_DISPLAY'];
    const child = spawn(
      process.execPath,
      ['scripts/start.mjs', '--demo', '--time-scale', '0.01', '--hidden', '--port', '0'],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (/dashboard: http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.test(out)) resolve();
        });
        child.on('exit', (code) => reject(new Error(`npm start exited (${code}) before serving:\n${out}\n${err}`)));
      });
    } finally {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    const lines = out.trim().split('\n');
    expect(lines[0]).toMatch(
      /^Electron cannot run here \((this machine has no display for a desktop window|the Electron binary could not be downloaded)\): serving the dashboard headless instead\.$/,
    );
    expect(out).toMatch(/^simulator: http:\/\/127\.0\.0\.1:\d+ \(time scale 0\.01\)$/m);
  });
});

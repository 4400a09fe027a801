// `npm start`: the desktop app where Electron can run, otherwise the headless dashboard.
//
// Electron's own install script downloads its binary; package.json denies that script
// (allowScripts) so that `npm ci` never depends on that download. Instead we fetch the binary
// here, lazily, on a machine with a display (a Mac, a desktop Linux or Windows). Where no
// binary can be had, one line says why and the same dashboard is served headless.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(join(root, 'package.json'));

function run(command, args) {
  return spawnSync(command, args, { cwd: root, stdio: 'inherit' }).status ?? 1;
}

function electronBinary() {
  try {
    // The electron package exports the binary's path, and throws while it is not downloaded.
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const hasDisplay =
  process.platform === 'darwin' ||
  process.platform === 'win32' ||
  Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

if (!existsSync(join(root, 'out', 'cli', 'index.mjs')) || !existsSync(join(root, 'out', 'main', 'index.js'))) {
  if (run('npm', ['run', 'build']) !== 0) process.exit(1);
}

let binary = electronBinary();
let why = '';
if (!binary && hasDisplay && !process.argv.includes('--headless')) {
  const installer = join(dirname(require.resolve('electron/package.json')), 'install.js');
  process.stdout.write('Downloading the Electron binary once (npm skipped its install script)…\n');
  if (run(process.execPath, [installer]) === 0) binary = electronBinary();
  if (!binary) why = 'the Electron binary could not be downloaded';
} else if (!binary) {
  why = hasDisplay ? '--headless was asked for' : 'this machine has no display for a desktop window';
}

const extra = process.argv.slice(2).filter((arg) => arg !== '--headless');
if (binary) {
  // The desktop app reads --demo/--sim (the simulator in process), --time-scale, --hidden,
  // --ollama and --workspace itself (src/main/args.ts).
  const child = spawn(binary, ['.', ...extra], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  process.stdout.write(`Electron cannot run here (${why}): serving the dashboard headless instead.\n`);
  // The same flags for the headless host: --demo is its --sim; --hidden means nothing without a window.
  const serveArgs = extra.filter((arg) => arg !== '--hidden').map((arg) => (arg === '--demo' ? '--sim' : arg));
  const child = spawn(process.execPath, [join(root, 'bin', 'frontier-sos.mjs'), 'serve', ...serveArgs], {
    cwd: root,
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface ChromiumFinding {
  path: string | null;
  /** Where we looked, in order, so a miss can say exactly what to do. */
  searched: string[];
}

const systemCandidates = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** Playwright's own browser cache, where `npx playwright install chromium` puts its build. */
function playwrightCacheCandidates(env: NodeJS.ProcessEnv): string[] {
  const cache =
    env['PLAYWRIGHT_BROWSERS_PATH'] ??
    (process.platform === 'darwin'
      ? join(homedir(), 'Library', 'Caches', 'ms-playwright')
      : join(homedir(), '.cache', 'ms-playwright'));
  if (!existsSync(cache)) return [];
  return readdirSync(cache)
    .filter((name) => name.startsWith('chromium'))
    .sort()
    .reverse()
    .flatMap((dir) => [
      join(cache, dir, 'chrome-linux', 'chrome'),
      join(cache, dir, 'chrome-linux64', 'chrome'),
      join(cache, dir, 'chrome-mac', 'Chromium.app', 'Contents', 'MacOS', 'Chromium'),
    ]);
}

/** Finds a Chromium for the e2e tests and `doctor`: CHROMIUM_PATH, the system, Playwright's cache. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumFinding {
  const fromEnv = env['CHROMIUM_PATH'];
  const candidates = [...(fromEnv ? [fromEnv] : []), ...systemCandidates, ...playwrightCacheCandidates(env)];
  const path = candidates.find((candidate) => existsSync(candidate)) ?? null;
  return { path, searched: candidates };
}

export const chromiumInstallHint =
  'Install one with `apt-get install chromium` (Debian/Ubuntu) or `npx playwright install chromium`, or set CHROMIUM_PATH.';

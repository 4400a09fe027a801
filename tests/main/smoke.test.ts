import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const bundle = resolve('out/main/index.js');

// `npm test` builds first. The bundle must load under plain Node: only its tiny entry touches
// `electron`, and here that is a stand-in (tests/fixtures/fake-electron), resolved by a hook.
describe('built main bundle (smoke)', () => {
  it('loads under plain Node, starts the app in demo mode against a fake Electron, answers over IPC and quits', async () => {
    expect(existsSync(bundle), 'run `npm run build` first').toBe(true);
    const home = await mkdtemp(join(tmpdir(), 'fsos-smoke-'));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, FAKE_ELECTRON_HOME: home };
      delete env['ELECTRON_RENDERER_URL'];
      const { stdout } = await promisify(execFile)(process.execPath, ['tests/fixtures/fake-electron/run.mjs', bundle], {
        env,
        timeout: 60_000,
      });
      const seen = JSON.parse(stdout.trim().split('\n').at(-1)!);
      expect(seen).toMatchObject({
        exports: ['electronFacade', 'main', 'start'],
        ok: true,
        simulated: true,
        foreign: 'forbidden_sender',
        rendererServed: true,
        schemes: ['app'],
        preloadExists: true,
        trayImageExists: true,
        quit: true,
        quitCalled: true,
      });
      expect(seen.agents).toEqual(expect.arrayContaining(['router:true', 'coder:true']));
      expect(seen.rendererUrl).toBe('app://dashboard/index.html');
      expect(seen.webPreferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
      });
      expect(seen.csp[0]).toContain("default-src 'none'");
      expect(seen.trayImage).toMatch(/resources\/tray-idleTemplate\.png$/);
      expect(seen.menu[0]).toBe(process.platform === 'darwin' ? 'Frontier SOS' : 'File');
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});

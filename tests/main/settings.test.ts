import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDesktopArgs } from '../../src/main/args';
import { choseSimulator, ollamaAnswers, ollamaMissingQuestion } from '../../src/main/ollama-probe';
import { openSettings } from '../../src/main/settings';
import { resolveLocale } from '../../src/main/text';
import { boundsToSave, restoreBounds } from '../../src/main/window-state';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
const settingsPath = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'fsos-settings-'));
  dirs.push(dir);
  return join(dir, 'settings.json');
};

describe('desktop settings (userData/settings.json)', () => {
  it('starts from the defaults, then writes each change atomically and reads it back', async () => {
    const path = await settingsPath();
    const settings = await openSettings(path);
    expect(settings.get()).toEqual({ locale: 'system', openAtLogin: false, workspaceDir: null, window: null });
    expect(settings.problem).toBeNull();
    void settings.update({ locale: 'ko' });
    void settings.update({ openAtLogin: true });
    await settings.update({ window: { x: 5, y: 6, width: 1000, height: 700, maximized: false } });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({
      locale: 'ko',
      openAtLogin: true,
      workspaceDir: null,
      window: { x: 5, y: 6, width: 1000, height: 700, maximized: false },
    });
    expect((await openSettings(path)).get().locale).toBe('ko');
  });

  it('writes in order: the last change is what is left on disk', async () => {
    const path = await settingsPath();
    const writes: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const settings = await openSettings(path, {
      read: async () => null,
      write: async (_p, text) => {
        if (!writes.length) await gate;
        writes.push(JSON.parse(text).locale);
      },
    });
    void settings.update({ locale: 'ko' });
    const last = settings.update({ locale: 'en' });
    release();
    await last;
    expect(writes).toEqual(['ko', 'en']);
  });

  it('an unreadable or invalid file is reported and replaced by the defaults', async () => {
    const path = await settingsPath();
    await writeFile(path, '{ not json');
    const broken = await openSettings(path);
    expect(broken.problem).toMatch(/could not be read/);
    expect(broken.get().locale).toBe('system');
    await writeFile(path, JSON.stringify({ locale: 'fr' }));
    const invalid = await openSettings(path);
    expect(invalid.problem).toMatch(/invalid settings \(locale\)/);
  });
});

describe('window state', () => {
  const screen = [{ workArea: { x: 0, y: 25, width: 1512, height: 920 } }];

  it('reopens where it was when that is still on a display', () => {
    expect(restoreBounds({ x: 100, y: 100, width: 1200, height: 800, maximized: true }, screen)).toEqual({
      x: 100,
      y: 100,
      width: 1200,
      height: 800,
      maximized: true,
    });
  });

  it('forgets a position on a display that is gone, keeps the size, and never goes below the minimum', () => {
    expect(restoreBounds({ x: 3000, y: 100, width: 1200, height: 800, maximized: false }, screen)).toEqual({
      width: 1200,
      height: 800,
      maximized: false,
    });
    expect(restoreBounds({ x: 10, y: 40, width: 300, height: 300, maximized: false }, screen)).toMatchObject({
      width: 900,
      height: 600,
    });
    expect(restoreBounds(null, screen)).toEqual({ width: 1280, height: 820, maximized: false });
  });

  it('saves whole pixels', () => {
    expect(boundsToSave({ x: 1.4, y: 2.6, width: 1000.2, height: 700.7 }, false)).toEqual({
      x: 1,
      y: 3,
      width: 1000,
      height: 701,
      maximized: false,
    });
  });
});

describe('locale', () => {
  it('follows the setting, else the first system language we speak, else English', () => {
    expect(resolveLocale('ko', ['en-US'])).toBe('ko');
    expect(resolveLocale('en', ['ko-KR'])).toBe('en');
    expect(resolveLocale('system', ['ko-KR', 'en-US'])).toBe('ko');
    expect(resolveLocale('system', ['de-DE', 'ko-KR'])).toBe('ko');
    expect(resolveLocale('system', ['de-DE'])).toBe('en');
    expect(resolveLocale('system', [])).toBe('en');
  });
});

describe('desktop arguments', () => {
  it("reads --demo/--sim, --time-scale, --hidden, --ollama and --workspace, ignoring Electron's own", () => {
    expect(parseDesktopArgs(['/Applications/Electron', '.', '--demo', '--time-scale', '0.05', '--hidden'])).toEqual({
      demo: true,
      timeScale: 0.05,
      hidden: true,
      ollama: null,
      workspace: null,
      problems: [],
    });
    expect(parseDesktopArgs(['--sim', '--ollama=http://mac.local:11434', '--workspace', '/w'])).toMatchObject({
      demo: true,
      ollama: 'http://mac.local:11434',
      workspace: '/w',
    });
    expect(parseDesktopArgs(['--time-scale', '-1']).problems).toEqual([
      '--time-scale must be a number above 0, not "-1".',
    ]);
    expect(parseDesktopArgs(['--workspace', '--demo'])).toMatchObject({
      demo: true,
      workspace: null,
      problems: ['--workspace needs a value.'],
    });
  });
});

describe('Ollama at start', () => {
  it('answers when GET /api/version is ok, not when it fails or errs', async () => {
    const seen: string[] = [];
    const ok = (async (url: URL) => (
      seen.push(String(url)),
      new Response('{"version":"0.12.0"}')
    )) as unknown as typeof fetch;
    expect(await ollamaAnswers('http://127.0.0.1:11434', { fetch: ok })).toBe(true);
    expect(seen).toEqual(['http://127.0.0.1:11434/api/version']);
    expect(
      await ollamaAnswers('http://x', {
        fetch: (async () => new Response('', { status: 500 })) as unknown as typeof fetch,
      }),
    ).toBe(false);
    expect(
      await ollamaAnswers('http://x', {
        fetch: (async () => Promise.reject(new Error('ECONNREFUSED'))) as unknown as typeof fetch,
      }),
    ).toBe(false);
  });

  it('offers the simulator, waiting by default', () => {
    const question = ollamaMissingQuestion('http://127.0.0.1:11434', 'en');
    expect(question.message).toBe('Ollama is not answering at http://127.0.0.1:11434.');
    expect(question.buttons).toEqual(['Wait for Ollama', 'Use the Simulator']);
    expect(question.buttons[question.defaultId]).toBe('Wait for Ollama');
    expect(choseSimulator(1)).toBe(true);
    expect(choseSimulator(0)).toBe(false);
  });
});

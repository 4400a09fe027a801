import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { eventChannel, invokeChannel } from '../../shared/bridge';
import { main } from '../../src/main/app';
import { fakeElectron, findItem, labels, preventable, settle, type FakeElectron } from '../helpers/main-fake-electron';
import { swapIn } from '../helpers/main-state';
import { coreInternals } from '../../src/core/testing';

const appDir = join(process.cwd(), 'out', 'main');
const rendererUrl = 'app://dashboard/index.html';
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(
  options: {
    platform?: NodeJS.Platform;
    argv?: string[];
    lock?: boolean;
    whileStarting?: (electron: FakeElectron) => Promise<void>;
  } = {},
) {
  const root = await mkdtemp(join(tmpdir(), 'fsos-main-'));
  cleanups.push(() => rm(root, { recursive: true, force: true }));
  const electron = fakeElectron({
    platform: options.platform ?? 'darwin',
    userData: join(root, 'user'),
    documents: join(root, 'docs'),
  });
  electron.app.lock = options.lock ?? true;
  const lines: string[] = [];
  const starting = main(electron, {
    argv: options.argv ?? ['electron', '.', '--demo', '--time-scale', '0.001'],
    env: {},
    appDir,
    log: (l) => void lines.push(l),
  });
  await options.whileStarting?.(electron);
  const app = await starting;
  if (app) {
    // Let the engine finish what it started before its folders go (no write may race the rm).
    cleanups.push(async () => {
      await app.started.catch(() => undefined);
      await app.engine.close();
      await app.engine.core.whenIdle();
      await app.settings.flush();
    });
  }
  return { electron, app: app!, root, lines };
}

const invoke = (electron: FakeElectron, channel: string, input: unknown, url = rendererUrl) =>
  electron.ipcHandlers.get(invokeChannel)!({ senderFrame: { url } }, channel, input) as Promise<{
    ok: boolean;
    data?: unknown;
    error?: { code: string };
  }>;
const trayMenu = (electron: FakeElectron) => electron.templateOf(electron.trays[0]!.menu);

describe('desktop app lifecycle (with the fake Electron and the simulator)', () => {
  it('says in a dialog why it cannot start (a settings file it cannot use) and quits', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'fsos-bad-settings-'));
    cleanups.push(() => rm(workspace, { recursive: true, force: true }));
    await mkdir(join(workspace, '.frontier-sos'));
    await writeFile(join(workspace, '.frontier-sos', 'settings.json'), '{"roles": {"coder": {"numCtx": "big"}}}');
    const { electron, app, lines } = await start({
      argv: ['electron', '.', '--demo', '--time-scale', '0.001', '--workspace', workspace],
      whileStarting: async (fake) => {
        await vi.waitFor(() => expect(fake.boxes).toHaveLength(1));
        fake.boxes[0]!.press(0);
      },
    });
    expect(app).toBeNull();
    const box = electron.boxes[0]!;
    expect(box.options).toMatchObject({ type: 'error', buttons: [expect.any(String)] });
    expect(box.options.detail).toContain(
      '.frontier-sos/settings.json has settings that cannot be used — roles.coder.numCtx',
    );
    expect(electron.app.exitCode).toBe(1);
    expect(electron.windows).toHaveLength(0);
    expect(lines.join('\n')).toContain('settings.json has settings that cannot be used');
  });

  it('a second instance quits at once and starts nothing', async () => {
    const { electron, app } = await start({ lock: false });
    expect(app).toBeNull();
    expect(electron.app.quits).toBe(1);
    expect(electron.windows).toHaveLength(0);
    expect(electron.ipcHandlers.size).toBe(0);
  });

  it('starts: hardened session and window, the IPC contract, the tray and the menu', async () => {
    const { electron, app } = await start();
    expect(electron.session.headers).not.toBeNull();
    expect(electron.session.permissionCheck!({}, 'camera')).toBe(false);
    const [window] = electron.windows;
    expect(window!.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: join(appDir, '../preload/index.cjs'),
    });
    expect(window!.loaded).toBe(rendererUrl);
    expect(window!.visible).toBe(true);
    // The dashboard comes from app://, declared before ready and served only from the renderer folder.
    expect(electron.schemes.registered).toEqual(['app']);
    expect(electron.schemes.registeredBeforeReady).toBe(true);
    const serve = electron.schemes.handlers.get('app')!;
    const page = await serve({ url: rendererUrl });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await page.text()).toContain('<div id="root">');
    for (const url of [
      'app://dashboard/../../../../etc/passwd',
      'app://dashboard/%2e%2e/%2e%2e/package.json',
      'app://other/index.html',
      'app://dashboard/%E0%A4%A',
    ])
      expect((await serve({ url })).status, url).toBe(404);
    expect(await invoke(electron, 'state.get', {}, 'app://other/index.html')).toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
    // The guards were attached through web-contents-created.
    const navigation = preventable();
    window!.webContents.emit('will-navigate', navigation, 'https://example.com/');
    expect(navigation.prevented).toBe(true);
    expect(window!.webContents.openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });

    await app.started;
    const state = await invoke(electron, 'state.get', {});
    expect(state).toMatchObject({ ok: true, data: { simulated: true } });
    expect(await invoke(electron, 'state.get', {}, 'https://evil.example/')).toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
    expect(await invoke(electron, 'tasks.create', { text: 42 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });

    expect(electron.trays).toHaveLength(1);
    // The system language is Korean (the fake's ko-KR), so the tray speaks Korean.
    await vi.waitFor(() => expect(labels(trayMenu(electron))).toContain('시뮬레이션 모드'));
    expect(electron.applicationMenu?.map((m) => m.label)[0]).toBe('Frontier SOS');
    // State pushes reach the window on the event channel: deltas, as the headless host's SSE sends.
    await vi.waitFor(() =>
      expect(window!.webContents.sent.some((m) => m.channel === eventChannel && m.args[0] === 'state.delta')).toBe(
        true,
      ),
    );
    expect(window!.webContents.sent.some((m) => m.args[0] === 'state.changed')).toBe(false);
    // The demo workspace is kept apart from the real one.
    expect(coreInternals(app.engine.core).ctx.ports.workspace.root).toContain(join('user', 'demo-workspace'));
  });

  it('the tray pauses and resumes the queue through the same channel as the dashboard', async () => {
    const { electron, app } = await start();
    await app.started;
    findItem(trayMenu(electron), 'pause')!.click!();
    await vi.waitFor(() => expect(app.engine.core.isPaused()).toBe(true));
    await vi.waitFor(() => expect(findItem(trayMenu(electron), 'resume')).toBeDefined());
    expect(await invoke(electron, 'queue.pause', { paused: false })).toEqual({ ok: true, data: { paused: false } });
  });

  it('start at login and the language are menu choices, kept in userData/settings.json', async () => {
    const { electron, app } = await start();
    findItem(trayMenu(electron), 'startAtLogin')!.click!();
    expect(electron.app.loginItemCalls).toEqual([{ openAtLogin: true, args: ['--hidden'] }]);
    findItem(trayMenu(electron), 'locale:ko')!.click!();
    expect(app.locale()).toBe('ko');
    expect(electron.trays[0]!.tooltip).toMatch(/^Frontier SOS: /);
    expect(labels(trayMenu(electron))).toContain('대시보드 열기');
    expect(electron.applicationMenu?.map((m) => m.label)).toContain('편집');
    await app.settings.flush();
    const saved = JSON.parse(await readFile(join(electron.app.getPath('userData'), 'settings.json'), 'utf8'));
    expect(saved).toMatchObject({ locale: 'ko', openAtLogin: true });
  });

  it("the language is the host's: the dashboard reads and sets it over IPC, and hears the tray change it", async () => {
    const { electron, app } = await start();
    const [window] = electron.windows;
    const localePushes = () =>
      window!.webContents.sent
        .filter((m) => m.channel === eventChannel && m.args[0] === 'locale.changed')
        .map((m) => m.args[1]);
    // Answered before the engine has started: the language is not the engine's.
    expect(await invoke(electron, 'locale.get', {})).toEqual({ ok: true, data: { setting: 'system' } });
    expect(app.locale()).toBe('ko'); // the fake system speaks ko-KR
    expect(await invoke(electron, 'locale.set', { setting: 'en' })).toEqual({ ok: true, data: { setting: 'en' } });
    expect(app.locale()).toBe('en');
    expect(labels(trayMenu(electron))).toContain('Open dashboard');
    expect(localePushes()).toEqual([{ setting: 'en' }]);
    const saved = JSON.parse(await readFile(join(electron.app.getPath('userData'), 'settings.json'), 'utf8'));
    expect(saved.locale).toBe('en');
    findItem(trayMenu(electron), 'locale:system')!.click!();
    expect(localePushes()).toEqual([{ setting: 'en' }, { setting: 'system' }]);
    expect(await invoke(electron, 'locale.get', {})).toEqual({ ok: true, data: { setting: 'system' } });
    expect(await invoke(electron, 'locale.set', { setting: 'fr' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('macOS: closing the window keeps the app in the menu bar; the window comes back with its size', async () => {
    const { electron, app } = await start();
    const [window] = electron.windows;
    window!.bounds = { x: 40, y: 60, width: 1100, height: 750 };
    window!.close();
    electron.app.emit('window-all-closed');
    expect(electron.app.quits).toBe(0);
    expect(electron.app.dockVisible).toBe(false);
    expect(app.window.current()).toBeNull();
    electron.app.emit('activate');
    expect(electron.windows).toHaveLength(2);
    expect(electron.windows[1]!.options).toMatchObject({ x: 40, y: 60, width: 1100, height: 750 });
    electron.app.emit('second-instance');
    expect(electron.windows).toHaveLength(2);
  });

  it('elsewhere closing the last window quits', async () => {
    const { electron } = await start({ platform: 'linux' });
    electron.windows[0]!.close();
    electron.app.emit('window-all-closed');
    await vi.waitFor(() => expect(electron.app.quits).toBe(1));
  });

  it('no Ollama answering: offers the simulator (Wait is the default); taking it starts in demo mode', async () => {
    const closedPort = ['electron', '.', '--ollama', 'http://127.0.0.1:9', '--time-scale', '0.001'];
    const { app } = await start({
      argv: closedPort,
      whileStarting: async (electron) => {
        await vi.waitFor(() => expect(electron.boxes).toHaveLength(1));
        const box = electron.boxes[0]!;
        expect(box.parent).toBeNull();
        expect(box.options.message).toBe('Ollama가 http://127.0.0.1:9에서 응답하지 않습니다.');
        expect(box.options.buttons).toEqual(['Ollama 기다리기', '시뮬레이터로 시작']);
        expect(box.options.cancelId).toBe(0);
        box.press(1);
      },
    });
    expect(app.engine.simulated).toBe(true);
    const waiting = await start({
      argv: closedPort,
      whileStarting: async (electron) => {
        await vi.waitFor(() => expect(electron.boxes).toHaveLength(1));
        electron.boxes[0]!.press(0);
      },
    });
    expect(waiting.app.engine.simulated).toBe(false);
    // Started at login: no question (Ollama may just be late), and the engine waits for it.
    const atLogin = await start({ argv: [...closedPort, '--hidden'] });
    expect(atLogin.electron.boxes).toHaveLength(0);
    expect(atLogin.app.engine.simulated).toBe(false);
  });

  it('a quit while it is still starting is not swallowed', async () => {
    const { electron } = await start({
      argv: ['electron', '.', '--ollama', 'http://127.0.0.1:9'],
      whileStarting: async (e) => {
        await vi.waitFor(() => expect(e.boxes).toHaveLength(1));
        e.app.quit();
        expect(e.app.quits).toBe(1);
        e.boxes[0]!.press(0);
      },
    });
    expect(electron.app.quits).toBe(1);
  });

  it('--hidden (start at login) starts in the menu bar without a window', async () => {
    const { electron } = await start({ argv: ['--demo', '--time-scale', '0.001', '--hidden'] });
    expect(electron.windows).toHaveLength(0);
    expect(electron.trays).toHaveLength(1);
    expect(electron.app.dockVisible).toBe(false);
  });

  it('a planner request: dialog and notification appear; a notification Deny wins and closes the dialog', async () => {
    const { electron, app } = await start();
    await app.started;
    const created = await invoke(electron, 'tasks.create', {
      text: 'Design the architecture of a new billing system',
      route: 'planner',
    });
    expect(created.ok).toBe(true);
    await vi.waitFor(() => expect(electron.boxes).toHaveLength(1), { timeout: 10_000 });
    const box = electron.boxes[0]!;
    expect(box.options.message).toBe(
      '[WARNING: 52B Planner 소환이 필요합니다. 상주 모델이 언마운트됩니다. 승인하시겠습니까?]',
    ); // system language ko-KR
    expect(box.options.detail).toMatch(
      /언로드할 모델: .+\n적재할 모델: .+\n확보되는 메모리: [\d.]+ GB\n예상 교대 시간: 약 \d+초/,
    );
    expect(box.parent).toBe(electron.windows[0]);
    const notification = electron.notifications.find((n) => n.options.actions?.length === 2)!;
    expect(notification.shown).toBe(true);
    await vi.waitFor(() => expect(app.tray.currentIcon()).toBe('approval'));
    notification.clickAction(1);
    await vi.waitFor(() => expect(box.aborted).toBe(true));
    expect(notification.closed).toBe(true);
    const id = (created.data as { id: string }).id;
    await vi.waitFor(async () =>
      expect(await invoke(electron, 'tasks.get', { id })).toMatchObject({ data: { status: 'denied' } }),
    );
    await vi.waitFor(() => expect(app.tray.currentIcon()).not.toBe('approval'));
    expect(
      await invoke(electron, 'approvals.answer', {
        id: coreInternals(app.engine.core).ctx.state.swaps.at(-1)!.approvalId!,
        decision: 'approve',
      }),
    ).toMatchObject({ ok: true, data: { accepted: false } });
  });

  it("demo mode: a frontier call is asked with the simulated API; the tray's Deny wins and the task is denied", async () => {
    const { electron, app } = await start();
    await app.started;
    const created = await invoke(electron, 'tasks.create', {
      text: 'The login test still fails after three fixes: TypeError in auth.ts',
      route: 'frontier',
    });
    expect(created.ok).toBe(true);
    await vi.waitFor(() => expect(electron.boxes).toHaveLength(1), { timeout: 10_000 });
    const box = electron.boxes[0]!;
    expect(box.options.message).toBe(
      '[프론티어 호출 승인: 아래 텍스트가 그대로 외부 API로 전송됩니다. 승인하시겠습니까?]',
    );
    expect(box.options.detail).toContain('TypeError in auth.ts');
    const pending = app.engine.approvals.pending();
    expect(pending.map((a) => a.kind)).toEqual(['frontier']);
    await vi.waitFor(() => expect(findItem(trayMenu(electron), `deny:${pending[0]!.id}`)).toBeDefined());
    findItem(trayMenu(electron), `deny:${pending[0]!.id}`)!.click!();
    await vi.waitFor(() => expect(box.aborted).toBe(true));
    const id = (created.data as { id: string }).id;
    await vi.waitFor(async () =>
      expect(await invoke(electron, 'tasks.get', { id })).toMatchObject({ data: { status: 'denied' } }),
    );
  });

  it('quitting past approval asks first: Keep Running stays, Quit Anyway quits', async () => {
    const { electron, app } = await start();
    await app.started;
    app.engine.core.setPaused(true);
    const ctx = coreInternals(app.engine.core).ctx;
    ctx.state.swap = swapIn('planning'); // as if the user had approved and the Planner were at work
    electron.app.quit();
    await vi.waitFor(() => expect(electron.boxes).toHaveLength(1));
    expect(electron.boxes[0]!.options.message).toBe(
      '플래너 교대가 진행 중입니다(상태: planning, 플래너가 설계하는 중). 그래도 종료할까요? 다음에 시작하면 이어서 진행합니다.',
    );
    electron.boxes[0]!.press(1);
    await settle();
    expect(electron.app.quits).toBe(0);
    electron.app.quit();
    await vi.waitFor(() => expect(electron.boxes).toHaveLength(2));
    electron.boxes[1]!.press(0);
    await vi.waitFor(() => expect(electron.app.quits).toBe(1));
    expect(electron.trays[0]!.destroyed).toBe(true);
    expect(electron.ipcHandlers.size).toBe(0);
    ctx.state.swap = null;
  });

  it('quits at once when no swap is under way, pausing the queue first', async () => {
    const { electron, app } = await start();
    await app.started;
    electron.windows[0]!.bounds = { x: 70, y: 80, width: 1300, height: 900 };
    expect(await app.requestQuit()).toBe(true);
    expect(electron.boxes).toHaveLength(0);
    // The open window's place is on disk before the app goes.
    const saved = JSON.parse(await readFile(join(electron.app.getPath('userData'), 'settings.json'), 'utf8'));
    expect(saved.window).toEqual({ x: 70, y: 80, width: 1300, height: 900, maximized: false });
    expect(electron.app.quits).toBe(1);
    expect(app.engine.core.isPaused()).toBe(true);
    // Everything was let go of in one dispose: IPC, the tray, the pushes and the prompts.
    expect(electron.ipcHandlers.size).toBe(0);
    expect(electron.trays[0]!.destroyed).toBe(true);
    const sent = electron.windows[0]!.webContents.sent.length;
    app.engine.core.setPaused(false);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(electron.windows[0]!.webContents.sent.length).toBe(sent);
    // A second quit asks nothing and lets go of nothing twice.
    expect(await app.requestQuit()).toBe(true);
    expect(electron.app.quits).toBe(2);
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { TrayController, menuSignature } from '../../src/main/tray';
import {
  trayIcon,
  trayIconFiles,
  trayMenuTemplate,
  trayTooltip,
  type TrayActions,
  type TrayView,
} from '../../src/main/tray-menu';
import { appMenuTemplate } from '../../src/main/app-menu';
import { fakeElectron, findItem, labels } from '../helpers/main-fake-electron';
import { appState, plannerApproval, swapIn } from '../helpers/main-state';

const actions = (): TrayActions & { calls: string[] } => {
  const calls: string[] = [];
  return {
    calls,
    openDashboard: () => void calls.push('open'),
    answer: (id, decision) => void calls.push(`${decision}:${id}`),
    setPaused: (paused) => void calls.push(paused ? 'pause' : 'resume'),
    setOpenAtLogin: (open) => void calls.push(`login:${open}`),
    setLocale: (setting) => void calls.push(`locale:${setting}`),
    quit: () => void calls.push('quit'),
  };
};
const view = (patch: Partial<TrayView> = {}): TrayView => ({
  state: appState(),
  paused: false,
  locale: 'en',
  localeSetting: 'system',
  openAtLogin: false,
  ...patch,
});
const busy = appState({
  agents: appState().agents.map((a) =>
    a.role === 'coder' ? { ...a, lock: 'BUSY' as const, currentTaskId: 'task-7' } : a,
  ),
});

describe('tray icon', () => {
  it('shows the most urgent of: approval pending, swap in progress, busy, idle', () => {
    expect(trayIcon(null)).toBe('idle');
    expect(trayIcon(appState())).toBe('idle');
    expect(trayIcon(busy)).toBe('busy');
    expect(trayIcon(appState({ swap: swapIn('planning') }))).toBe('swap');
    expect(trayIcon({ ...busy, swap: swapIn('unloading') })).toBe('swap');
    expect(trayIcon(appState({ swap: swapIn('awaiting_approval'), approvals: [plannerApproval] }))).toBe('approval');
    // An answered approval no longer calls for attention.
    expect(trayIcon(appState({ approvals: [{ ...plannerApproval, status: 'approved' }] }))).toBe('idle');
  });

  it('has a 16×16 and a 32×32 @2x monochrome template PNG for every state', () => {
    for (const icon of ['idle', 'busy', 'swap', 'approval'] as const) {
      const { normal, retina } = trayIconFiles(icon);
      expect(normal).toMatch(/Template\.png$/);
      expect(retina).toBe(normal.replace('.png', '@2x.png'));
      for (const [file, size] of [
        [normal, 16],
        [retina, 32],
      ] as const) {
        const path = join('resources', file);
        expect(existsSync(path), path).toBe(true);
        const png = readFileSync(path);
        expect(png.subarray(1, 4).toString()).toBe('PNG');
        expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
        expect(png[25]).toBe(6); // RGBA: black plus alpha, as macOS template images are
      }
    }
  });

  it('says the state in the tooltip, in Korean or English', () => {
    expect(trayTooltip(view({ state: busy }))).toBe('Frontier SOS: working');
    expect(trayTooltip(view({ state: busy, paused: true }))).toBe('Frontier SOS: working; queue paused');
    expect(trayTooltip(view({ locale: 'ko', state: appState({ approvals: [plannerApproval] }) }))).toBe(
      'Frontier SOS: 승인을 기다립니다',
    );
  });
});

describe('tray menu (a pure function of the state)', () => {
  it('lists the agents and their locks, the memory and the quick actions', () => {
    const a = actions();
    const template = trayMenuTemplate(view({ state: busy }), a);
    const text = labels(template);
    expect(text).toContain('Router (qwen2.5:7b): Idle');
    expect(text).toContain('Coder: Busy, task-7');
    expect(text).toContain('Memory: 31.2 GB used of 51.5 GB');
    expect(text).toContain('No approvals waiting');
    findItem(template, 'open')!.click!();
    findItem(template, 'pause')!.click!();
    findItem(template, 'quit')!.click!();
    expect(findItem(template, 'resume')).toBeUndefined();
    expect(a.calls).toEqual(['open', 'pause', 'quit']);
    // Status lines are information, not buttons.
    expect(template.find((i) => i.label === 'Coder: Busy, task-7')?.enabled).toBe(false);
  });

  it('offers Approve and Deny for each pending approval', () => {
    const a = actions();
    const template = trayMenuTemplate(
      view({ state: appState({ approvals: [plannerApproval], swap: swapIn('awaiting_approval') }) }),
      a,
    );
    expect(labels(template)).toContain('Waiting for approval (1)');
    expect(findItem(template, `approval:${plannerApproval.id}`)?.label).toBe(
      'Summon the Planner: unloads qwen2.5-coder:32b, qwen2.5:14b',
    );
    expect(labels(template)).toContain('Swap: Waiting for your approval');
    findItem(template, `approve:${plannerApproval.id}`)!.click!();
    findItem(template, `deny:${plannerApproval.id}`)!.click!();
    expect(a.calls).toEqual([`approve:${plannerApproval.id}`, `deny:${plannerApproval.id}`]);
  });

  it('resumes a paused queue, toggles start at login and picks the language', () => {
    const a = actions();
    const template = trayMenuTemplate(view({ paused: true, openAtLogin: true, localeSetting: 'ko' }), a);
    expect(findItem(template, 'pause')).toBeUndefined();
    findItem(template, 'resume')!.click!();
    expect(findItem(template, 'startAtLogin')).toMatchObject({ type: 'checkbox', checked: true });
    findItem(template, 'startAtLogin')!.click!();
    expect(findItem(template, 'locale:ko')).toMatchObject({ type: 'radio', checked: true });
    expect(findItem(template, 'locale:system')?.checked).toBe(false);
    findItem(template, 'locale:en')!.click!();
    expect(a.calls).toEqual(['resume', 'login:false', 'locale:en']);
  });

  it('speaks Korean when the locale is ko', () => {
    const template = trayMenuTemplate(
      view({ locale: 'ko', state: appState({ approvals: [plannerApproval], simulated: true }) }),
      actions(),
    );
    const text = labels(template);
    expect(text).toEqual(
      expect.arrayContaining([
        '시뮬레이션 모드',
        '승인 대기 (1)',
        '승인',
        '거부',
        '대시보드 열기',
        '대기열 일시 정지',
        'Frontier SOS 종료',
        '로그인할 때 시작',
        '라우터 (qwen2.5:7b): 대기',
      ]),
    );
  });

  it('says only what is known before the engine first answered', () => {
    const text = labels(trayMenuTemplate(view({ state: null }), actions()));
    expect(text[0]).toBe('Frontier SOS: all idle');
    expect(text.some((l) => l.startsWith('Memory'))).toBe(false);
  });
});

describe('TrayController', () => {
  it('creates the tray once, swaps the image with the state and rebuilds the menu only when it changed', () => {
    const electron = fakeElectron({ platform: 'darwin' });
    const tray = new TrayController(electron, '/app/resources', actions());
    tray.update(view());
    tray.update(view());
    expect(electron.trays).toHaveLength(1);
    const [t] = electron.trays;
    expect(t!.image).toEqual({ path: '/app/resources/tray-idleTemplate.png' });
    expect(t!.menus).toBe(1);
    tray.update(view({ state: appState({ approvals: [plannerApproval] }) }));
    expect(t!.image).toEqual({ path: '/app/resources/tray-approvalTemplate.png' });
    expect(tray.currentIcon()).toBe('approval');
    expect(t!.menus).toBe(2);
    expect(t!.tooltip).toBe('Frontier SOS: waiting for your approval');
    tray.destroy();
    expect(t!.destroyed).toBe(true);
  });

  it('opens the dashboard on click where the platform does not open the menu itself', () => {
    const a = actions();
    const electron = fakeElectron({ platform: 'win32' });
    new TrayController(electron, '/r', a).update(view());
    electron.trays[0]!.emit('click');
    expect(a.calls).toEqual(['open']);
  });

  it('compares menus without their click handlers', () => {
    const one = trayMenuTemplate(view(), actions());
    const two = trayMenuTemplate(view(), { ...actions(), quit: vi.fn() });
    expect(menuSignature(one)).toBe(menuSignature(two));
    expect(menuSignature(one)).not.toBe(menuSignature(trayMenuTemplate(view({ paused: true }), actions())));
  });
});

describe('application menu', () => {
  const appActions = { openDashboard: vi.fn(), setOpenAtLogin: vi.fn(), setLocale: vi.fn(), quit: vi.fn() };

  it('on macOS: the app menu first, quit through our own handler (so a swap is asked about)', () => {
    const template = appMenuTemplate(
      { platform: 'darwin', locale: 'en', localeSetting: 'system', openAtLogin: false, development: false },
      appActions,
    );
    expect(template.map((m) => m.label)).toEqual(['Frontier SOS', 'File', 'Edit', 'View', 'Window']);
    const quit = findItem(template, 'quit')!;
    expect(quit.role).toBeUndefined();
    expect(quit.accelerator).toBe('CmdOrCtrl+Q');
    quit.click!();
    expect(appActions.quit).toHaveBeenCalledOnce();
    expect(labels(template)).not.toContain('Developer Tools');
    expect(findItem(template, 'startAtLogin')).toBeDefined();
  });

  it('elsewhere: quit and preferences under File, About under Help; dev tools only in development', () => {
    const template = appMenuTemplate(
      { platform: 'linux', locale: 'ko', localeSetting: 'en', openAtLogin: true, development: true },
      appActions,
    );
    expect(template.map((m) => m.label)).toEqual(['파일', '편집', '보기', '윈도우', '도움말']);
    expect(labels(template[0]!.submenu!)).toContain('Frontier SOS 종료');
    expect(labels(template)).toContain('개발자 도구');
    expect(findItem(template, 'locale:en')?.checked).toBe(true);
  });
});

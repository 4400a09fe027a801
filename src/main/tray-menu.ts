import type { AppState, ApprovalView } from '../../shared/domain';
import type { Locale } from '../../shared/i18n';
import { terminalSwapStates } from '../../shared/swap';
import type { MenuItemTemplate } from './facade';
import { formatBytes, tr, type LocaleSetting } from './text';

/** The four faces of the menu-bar icon, most urgent first. */
export type TrayIcon = 'approval' | 'swap' | 'busy' | 'idle';

/**
 * What the desktop's own surfaces read of the state: everything but the queue. A pushed delta
 * (state.delta) is whole in all of these; only its queue is partial, and nothing here reads it.
 */
export type HostState = Omit<AppState, 'queue'>;

export interface TrayView {
  /** null until the engine has answered once. */
  state: HostState | null;
  paused: boolean;
  locale: Locale;
  localeSetting: LocaleSetting;
  openAtLogin: boolean;
}

export interface TrayActions {
  openDashboard(): void;
  answer(approvalId: string, decision: 'approve' | 'deny' | 'approve-anyway'): void;
  setPaused(paused: boolean): void;
  setOpenAtLogin(open: boolean): void;
  setLocale(setting: LocaleSetting): void;
  quit(): void;
}

const pendingOf = (state: HostState | null): ApprovalView[] =>
  state?.approvals.filter((a) => a.status === 'pending') ?? [];
const swapLive = (state: HostState | null) => Boolean(state?.swap && !terminalSwapStates.includes(state.swap.state));

export function trayIcon(state: HostState | null): TrayIcon {
  if (pendingOf(state).length) return 'approval';
  if (swapLive(state)) return 'swap';
  if (state?.agents.some((a) => a.lock === 'BUSY')) return 'busy';
  return 'idle';
}

/** macOS template images: black and alpha only, with `@2x` beside each (resources/). */
export function trayIconFiles(icon: TrayIcon): { normal: string; retina: string } {
  const base = `tray-${icon}Template`;
  return { normal: `${base}.png`, retina: `${base}@2x.png` };
}

export function trayTooltip(view: TrayView): string {
  const status = tr(view.locale, `tray.state.${trayIcon(view.state)}`);
  return tr(view.locale, 'tray.tooltip', {
    status: view.paused ? `${status}; ${tr(view.locale, 'tray.state.paused')}` : status,
  });
}

function approvalLabel(locale: Locale, approval: ApprovalView): string {
  if (approval.kind === 'planner' && approval.planner) {
    return tr(locale, 'tray.approvalPlanner', {
      models: approval.planner.unloadModels.join(', ') || tr(locale, 'approval.unloadsNone'),
    });
  }
  return tr(locale, approval.kind === 'planner' ? 'approval.planner' : 'tray.approvalFrontier');
}

/**
 * The tray's menu as a pure function of the state: what the icon shows at a glance, spelled out,
 * plus the quick actions. Rebuilt on every state push; no item keeps state of its own.
 */
export function trayMenuTemplate(view: TrayView, actions: TrayActions): MenuItemTemplate[] {
  const { state, locale } = view;
  const info = (label: string): MenuItemTemplate => ({ label, enabled: false });
  const items: MenuItemTemplate[] = [info(trayTooltip(view))];
  if (state?.simulated) items.push(info(tr(locale, 'tray.simulated')));
  items.push({ type: 'separator' });

  if (state) {
    items.push(info(tr(locale, 'tray.agents')));
    for (const agent of state.agents) {
      const role = tr(locale, `role.${agent.role}`);
      const lock = tr(locale, `lock.${agent.lock}`);
      items.push(
        info(
          agent.currentTaskId
            ? tr(locale, 'tray.agentOn', { role, lock, task: agent.currentTaskId })
            : tr(locale, 'tray.agent', { role, model: agent.model, lock }),
        ),
      );
    }
    const { usedBytes, budgetBytes } = state.memory;
    items.push(
      info(
        tr(locale, usedBytes > budgetBytes ? 'tray.memoryOver' : 'tray.memory', {
          used: formatBytes(usedBytes),
          budget: formatBytes(budgetBytes),
        }),
      ),
    );
    if (state.swap && swapLive(state))
      items.push(info(tr(locale, 'tray.swap', { state: tr(locale, `swapState.${state.swap.state}`) })));
    items.push({ type: 'separator' });
  }

  const pending = pendingOf(state);
  if (pending.length) {
    items.push(info(tr(locale, 'tray.approvals', { n: pending.length })));
    for (const approval of pending) {
      items.push({
        id: `approval:${approval.id}`,
        label: approvalLabel(locale, approval),
        submenu: [
          // Memory unknown: the approve item says "Approve anyway" (the explicit second choice).
          {
            id: `approve:${approval.id}`,
            label: tr(locale, approval.planner?.memoryUnknown ? 'approval.approveAnyway' : 'approval.approve'),
            click: () => actions.answer(approval.id, approval.planner?.memoryUnknown ? 'approve-anyway' : 'approve'),
          },
          {
            id: `deny:${approval.id}`,
            label: tr(locale, 'approval.deny'),
            click: () => actions.answer(approval.id, 'deny'),
          },
        ],
      });
    }
  } else {
    items.push(info(tr(locale, 'tray.noApprovals')));
  }
  items.push({ type: 'separator' });

  items.push({ id: 'open', label: tr(locale, 'tray.open'), click: () => actions.openDashboard() });
  items.push(
    view.paused
      ? { id: 'resume', label: tr(locale, 'tray.resume'), click: () => actions.setPaused(false) }
      : { id: 'pause', label: tr(locale, 'tray.pause'), click: () => actions.setPaused(true) },
  );
  items.push({ type: 'separator' });
  items.push(...preferenceItems(view, actions));
  items.push({ type: 'separator' });
  items.push({ id: 'quit', label: tr(locale, 'tray.quit'), click: () => actions.quit() });
  return items;
}

/** Start at login and the language: in the tray and in the application menu alike. */
export function preferenceItems(
  view: Pick<TrayView, 'locale' | 'localeSetting' | 'openAtLogin'>,
  actions: Pick<TrayActions, 'setOpenAtLogin' | 'setLocale'>,
): MenuItemTemplate[] {
  const { locale } = view;
  const language = (setting: LocaleSetting, label: string): MenuItemTemplate => ({
    id: `locale:${setting}`,
    label,
    type: 'radio',
    checked: view.localeSetting === setting,
    click: () => actions.setLocale(setting),
  });
  return [
    {
      id: 'startAtLogin',
      label: tr(locale, 'prefs.startAtLogin'),
      type: 'checkbox',
      checked: view.openAtLogin,
      click: () => actions.setOpenAtLogin(!view.openAtLogin),
    },
    {
      id: 'language',
      label: tr(locale, 'prefs.language'),
      submenu: [
        language('system', tr(locale, 'prefs.languageSystem')),
        language('ko', '한국어'),
        language('en', 'English'),
      ],
    },
  ];
}

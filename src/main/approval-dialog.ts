import type { ApprovalView } from '../../shared/domain';
import type { Locale } from '../../shared/i18n';
import { messages } from '../../shared/i18n';
import type { MessageBoxOptions, NotificationOptions } from './facade';
import { formatBytes, tr } from './text';

export type Decision = 'approve' | 'deny';

/** Button order of the approval dialog and of the notification's actions. */
const decisions: readonly Decision[] = ['approve', 'deny'];
const denyIndex = decisions.indexOf('deny');

/**
 * The native approval dialog (Rule 3): the exact warning, the models that unload, the memory that
 * frees and the expected swap time, all from the approval's planner detail. Deny is the default
 * button and what Escape does, so a stray Enter never unloads anything.
 */
export function approvalDialogOptions(approval: ApprovalView, locale: Locale): Omit<MessageBoxOptions, 'signal'> {
  const common = {
    type: 'warning' as const,
    title: tr(locale, 'dialog.approvalTitle'),
    buttons: decisions.map((d) => tr(locale, d === 'approve' ? 'approval.approve' : 'approval.deny')),
    defaultId: denyIndex,
    cancelId: denyIndex,
    noLink: true,
  };
  if (approval.kind === 'frontier') {
    return { ...common, message: tr(locale, 'dialog.frontierMessage'), detail: approval.message };
  }
  const planner = approval.planner;
  if (!planner) return { ...common, message: messages[locale]['planner.warning'], detail: approval.message };
  const line = (key: Parameters<typeof tr>[1], value: string) => `${tr(locale, key)}: ${value}`;
  const detail = [
    line('approval.unloads', planner.unloadModels.join(', ') || tr(locale, 'approval.unloadsNone')),
    line('approval.loads', planner.plannerModel),
    line('approval.frees', formatBytes(planner.freesBytes)),
    line('approval.expected', tr(locale, 'approval.seconds', { n: planner.expectedSwapSeconds })),
    ...(approval.taskIds.length ? [tr(locale, 'dialog.tasks', { ids: approval.taskIds.join(', ') })] : []),
  ].join('\n');
  return { ...common, message: locale === 'ko' ? planner.warningKo : planner.warningEn, detail };
}

/** The dialog's answer. Only a press of a button counts: an aborted box answers nothing. */
export function decisionFromResponse(response: number, aborted: boolean): Decision | null {
  if (aborted) return null;
  return decisions[response] ?? 'deny';
}

/** The notification that announces an approval; on macOS it carries Approve / Deny buttons. */
export function approvalNotificationOptions(approval: ApprovalView, locale: Locale, platform: NodeJS.Platform): NotificationOptions {
  const planner = approval.planner;
  const options: NotificationOptions = {
    title: tr(locale, approval.kind === 'frontier' ? 'notify.frontierTitle' : 'notify.approvalTitle'),
    body: planner
      ? tr(locale, 'notify.approvalBody', { models: planner.unloadModels.join(', ') || tr(locale, 'approval.unloadsNone'), frees: formatBytes(planner.freesBytes), seconds: planner.expectedSwapSeconds })
      : approval.message.slice(0, 200),
  };
  if (platform === 'darwin') {
    options.actions = decisions.map((d) => ({ type: 'button' as const, text: tr(locale, d === 'approve' ? 'approval.approve' : 'approval.deny') }));
  }
  return options;
}

/** A notification action button's answer (same order as the dialog's buttons). */
export function decisionFromAction(actionIndex: number | undefined): Decision | null {
  return actionIndex === undefined ? null : (decisions[actionIndex] ?? null);
}

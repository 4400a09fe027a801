import type { ApprovalView } from '../../shared/domain';
import { renderMessage } from '../../shared/engine-message';
import type { Locale } from '../../shared/i18n';
import { messages } from '../../shared/i18n';
import { swapTimeRange } from '../../shared/swap-time';
import type { MessageBoxOptions, NotificationOptions } from './facade';
import { formatBytes, tr } from './text';

export type Decision = 'approve' | 'deny';
/** What a host sends: "approve-anyway" when the approval said memory is unknown and the user chose it. */
export type Answer = Decision | 'approve-anyway';
export const answerFor = (approval: ApprovalView, decision: Decision): Answer =>
  decision === 'approve' && approval.planner?.memoryUnknown ? 'approve-anyway' : decision;

/**
 * Button order of the approval dialog and of the notification's actions. When memory could not be
 * read (planner.memoryUnknown) the fit gate fails closed: Deny comes first and is the default, and
 * the other button says "Approve anyway", an explicit second choice.
 */
const usual: readonly Decision[] = ['approve', 'deny'];
const failClosed: readonly Decision[] = ['deny', 'approve'];
const decisionsFor = (approval: ApprovalView): readonly Decision[] =>
  approval.planner?.memoryUnknown ? failClosed : usual;
const labelOf = (approval: ApprovalView, d: Decision, locale: Locale): string =>
  d === 'deny'
    ? tr(locale, 'approval.deny')
    : tr(locale, approval.planner?.memoryUnknown ? 'approval.approveAnyway' : 'approval.approve');

/**
 * The native approval dialog (Rule 3): the exact warning, the models that unload, the memory that
 * frees and the expected swap time, all from the approval's planner detail. Deny is the default
 * button and what Escape does, so a stray Enter never unloads anything.
 */
export function approvalDialogOptions(approval: ApprovalView, locale: Locale): Omit<MessageBoxOptions, 'signal'> {
  const decisions = decisionsFor(approval);
  const denyIndex = decisions.indexOf('deny');
  const common = {
    type: 'warning' as const,
    title: tr(locale, 'dialog.approvalTitle'),
    buttons: decisions.map((d) => labelOf(approval, d, locale)),
    defaultId: denyIndex,
    cancelId: denyIndex,
    noLink: true,
  };
  if (approval.kind === 'frontier') return { ...common, ...frontierText(approval, locale) };
  const planner = approval.planner;
  if (!planner)
    return { ...common, message: messages[locale]['planner.warning'], detail: renderMessage(approval.said, locale) };
  const line = (key: Parameters<typeof tr>[1], value: string) => `${tr(locale, key)}: ${value}`;
  const detail = [
    line('approval.unloads', planner.unloadModels.join(', ') || tr(locale, 'approval.unloadsNone')),
    line('approval.loads', planner.plannerModel),
    line('approval.frees', formatBytes(planner.freesBytes)),
    line(
      'approval.expected',
      tr(locale, 'approval.secondsRange', {
        n: planner.expectedSwapSeconds,
        ...swapTimeRange(planner.expectedSwapSeconds),
        kind: tr(locale, planner.plannerWarm ? 'approval.warm' : 'approval.cold'),
      }),
    ),
    line('approval.restore', tr(locale, 'approval.seconds', { n: planner.expectedRestoreSeconds })),
    line(
      'approval.planning',
      planner.typicalPlanningSeconds === null
        ? tr(locale, 'approval.planningUnknown')
        : tr(locale, 'approval.planningTypical', { n: planner.typicalPlanningSeconds }),
    ),
    ...(approval.taskIds.length ? [tr(locale, 'dialog.tasks', { ids: approval.taskIds.join(', ') })] : []),
    ...(planner.memoryUnknown ? ['', tr(locale, 'engine.memoryUnknown')] : []),
  ].join('\n');
  return { ...common, message: locale === 'ko' ? planner.warningKo : planner.warningEn, detail };
}

/** A dialog cannot scroll: past this many characters the outgoing text is cut, with a pointer to the dashboard. */
export const dialogOutgoingChars = 1500;

const usd = (amount: number) => `$${amount.toFixed(amount > 0 && amount < 0.01 ? 4 : 2)}`;

/** A frontier call: provider, model, the cost at most, and the text exactly as it would be sent. */
function frontierText(approval: ApprovalView, locale: Locale): { message: string; detail: string } {
  if (!approval.provider || approval.outgoing === undefined)
    return { message: tr(locale, 'dialog.frontierMessage'), detail: renderMessage(approval.said, locale) };
  const outgoing = approval.outgoing;
  const shown =
    outgoing.length > dialogOutgoingChars
      ? `${outgoing.slice(0, dialogOutgoingChars)}\n${tr(locale, 'dialog.outgoingMore', { n: outgoing.length - dialogOutgoingChars })}`
      : outgoing;
  const detail = [
    `${tr(locale, 'frontier.provider')}: ${approval.provider}`,
    `${tr(locale, 'frontier.model')}: ${approval.model ?? '?'}`,
    `${tr(locale, 'frontier.estimatedCost')}: ${approval.estimatedCostUsd === undefined ? '?' : usd(approval.estimatedCostUsd)}`,
    ...(approval.taskIds.length ? [tr(locale, 'dialog.tasks', { ids: approval.taskIds.join(', ') })] : []),
    '',
    `${tr(locale, 'frontier.outgoing')}:`,
    shown,
  ].join('\n');
  return { message: tr(locale, 'frontier.approvalWarning'), detail };
}

/** The dialog's answer. Only a press of a button counts: an aborted box answers nothing. */
export function decisionFromResponse(response: number, aborted: boolean, approval?: ApprovalView): Decision | null {
  if (aborted) return null;
  return (approval ? decisionsFor(approval) : usual)[response] ?? 'deny';
}

/** The notification that announces an approval; on macOS it carries Approve / Deny buttons. */
export function approvalNotificationOptions(
  approval: ApprovalView,
  locale: Locale,
  platform: NodeJS.Platform,
): NotificationOptions {
  const planner = approval.planner;
  const frontier =
    approval.kind === 'frontier' && approval.provider
      ? `${approval.provider} ${approval.model ?? ''}`.trim() +
        (approval.estimatedCostUsd === undefined ? '' : `, ≤ ${usd(approval.estimatedCostUsd)}`)
      : null;
  const options: NotificationOptions = {
    title: tr(locale, approval.kind === 'frontier' ? 'notify.frontierTitle' : 'notify.approvalTitle'),
    body: planner
      ? tr(locale, 'notify.approvalBody', {
          models: planner.unloadModels.join(', ') || tr(locale, 'approval.unloadsNone'),
          frees: formatBytes(planner.freesBytes),
          seconds: planner.expectedSwapSeconds,
        })
      : (frontier ?? renderMessage(approval.said, locale).slice(0, 200)),
  };
  if (platform === 'darwin') {
    options.actions = decisionsFor(approval).map((d) => ({
      type: 'button' as const,
      text: labelOf(approval, d, locale),
    }));
  }
  return options;
}

/** A notification action button's answer (same order as the dialog's buttons). */
export function decisionFromAction(actionIndex: number | undefined, approval?: ApprovalView): Decision | null {
  return actionIndex === undefined ? null : ((approval ? decisionsFor(approval) : usual)[actionIndex] ?? null);
}

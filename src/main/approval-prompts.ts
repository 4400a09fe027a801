import type { ApprovalView } from '../../shared/domain';
import type { Locale } from '../../shared/i18n';
import type { PendingApproval } from '../core/index';
import {
  answerFor,
  approvalDialogOptions,
  approvalNotificationOptions,
  decisionFromAction,
  decisionFromResponse,
  type Answer,
  type Decision,
} from './approval-dialog';
import type { MessageBoxOptions, NotificationLike, NotificationOptions, WindowLike } from './facade';

export interface ApprovalPromptDeps {
  platform: NodeJS.Platform;
  locale(): Locale;
  showMessageBox(parent: WindowLike | null, options: MessageBoxOptions): Promise<{ response: number }>;
  notificationsSupported(): boolean;
  createNotification(options: NotificationOptions): NotificationLike;
  /** Shows the dashboard; the dialog is attached to it, which is what lets it be closed again. */
  openDashboard(): Promise<WindowLike | null>;
  /** The broker's answer: false when another surface answered first. */
  answer(id: string, decision: Answer): Promise<boolean>;
  /** Where a prompt that failed is said: the approval itself stays answerable in the dashboard and the tray. */
  log(line: string): void;
}

interface Prompt {
  approval: ApprovalView;
  abort: AbortController;
  notification: NotificationLike | null;
  dialogOpen: boolean;
}

/** A pending request as the dashboard sees it, for the prompts (the broker holds the detail). */
export function approvalView(request: PendingApproval): ApprovalView {
  const { planner, frontier } = request;
  return {
    id: request.id,
    kind: request.kind,
    status: 'pending',
    message: request.message,
    said: request.said,
    askedAt: request.askedAt,
    taskIds: planner?.taskIds ?? frontier?.taskIds ?? [],
    planner: planner
      ? {
          warningKo: planner.warningKo,
          warningEn: planner.warningEn,
          plannerModel: planner.plannerModel,
          unloadModels: planner.unloadModels,
          freesBytes: planner.freesBytes,
          expectedSwapSeconds: planner.expectedSwapSeconds,
          expectedRestoreSeconds: planner.expectedRestoreSeconds,
          plannerWarm: planner.plannerWarm,
          typicalPlanningSeconds: planner.typicalPlanningSeconds,
          memoryUnknown: planner.memoryUnknown,
        }
      : null,
    ...(frontier
      ? {
          provider: frontier.provider,
          model: frontier.model,
          estimatedCostUsd: frontier.estimatedCostUsd,
          outgoing: frontier.outgoing,
        }
      : {}),
  };
}

/**
 * The native faces of Rule 3: for each pending approval a dialog and a notification, beside the
 * tray's and the dashboard's buttons. All of them answer through the broker, whose first answer
 * wins exactly once; `sync` then closes whatever is still open for a request that is settled.
 * On macOS a message box can only be closed from code when it is a sheet on a window (its
 * `signal` is ignored otherwise), so the dialog always opens on the dashboard window.
 */
export class ApprovalPrompts {
  private readonly open = new Map<string, Prompt>();

  constructor(private readonly deps: ApprovalPromptDeps) {}

  /** Call with every pending approval whenever the set may have changed. */
  sync(pending: readonly ApprovalView[]): void {
    const waiting = new Set(pending.filter((a) => a.status === 'pending').map((a) => a.id));
    for (const id of [...this.open.keys()]) if (!waiting.has(id)) this.close(id);
    for (const approval of pending) {
      if (approval.status === 'pending' && !this.open.has(approval.id)) this.start(approval);
    }
  }

  /** Brings an approval's dialog up (a click on its notification does this). */
  show(id: string): void {
    const prompt = this.open.get(id);
    if (!prompt) {
      this.deps.openDashboard().catch((error: unknown) => this.failed('the dashboard did not open', id, error));
      return;
    }
    void this.openDialog(prompt);
  }

  openIds(): string[] {
    return [...this.open.keys()];
  }

  dispose(): void {
    for (const id of [...this.open.keys()]) this.close(id);
  }

  private failed(what: string, id: string, error: unknown): void {
    this.deps.log(
      `frontier-sos: approval ${id}: ${what} (${error instanceof Error ? error.message : String(error)}); it can still be answered in the dashboard or the tray`,
    );
  }

  private answer(approval: ApprovalView, decision: Decision, via: string): void {
    this.deps
      .answer(approval.id, answerFor(approval, decision))
      .catch((error: unknown) => this.failed(`the answer from the ${via} was not taken`, approval.id, error));
  }

  private start(approval: ApprovalView): void {
    const prompt: Prompt = { approval, abort: new AbortController(), notification: null, dialogOpen: false };
    this.open.set(approval.id, prompt);
    try {
      this.notify(approval, prompt);
    } catch (error) {
      // The dialog, the tray and the dashboard still ask.
      this.failed('its notification could not be shown', approval.id, error);
    }
    void this.openDialog(prompt);
  }

  private notify(approval: ApprovalView, prompt: Prompt): void {
    if (this.deps.notificationsSupported()) {
      const notification = this.deps.createNotification(
        approvalNotificationOptions(approval, this.deps.locale(), this.deps.platform),
      );
      notification.on('click', () => this.show(approval.id));
      notification.on('action', (details: unknown, index?: number) => {
        const fromDetails =
          typeof details === 'object' && details !== null && 'actionIndex' in details
            ? (details as { actionIndex: unknown }).actionIndex
            : undefined;
        const decision = decisionFromAction(typeof fromDetails === 'number' ? fromDetails : index, approval);
        if (decision) this.answer(approval, decision, 'notification');
      });
      notification.on('close', () => {
        if (this.open.get(approval.id) === prompt) prompt.notification = null;
      });
      prompt.notification = notification;
      notification.show();
    }
  }

  private async openDialog(prompt: Prompt): Promise<void> {
    const id = prompt.approval.id;
    if (prompt.dialogOpen) {
      await this.deps.openDashboard().catch((error: unknown) => this.failed('the dashboard did not open', id, error));
      return;
    }
    prompt.dialogOpen = true;
    const { signal } = prompt.abort;
    let parent: WindowLike | null = null;
    try {
      parent = await this.deps.openDashboard();
    } catch (error) {
      // No window: the box opens on its own (on macOS it then cannot be closed from code).
      this.failed('the dashboard did not open, so its dialog has no window', id, error);
    }
    if (signal.aborted) {
      prompt.dialogOpen = false;
      return; // answered elsewhere while the window came up
    }
    let shown: Promise<{ response: number }>;
    try {
      const options: MessageBoxOptions = { ...approvalDialogOptions(prompt.approval, this.deps.locale()), signal };
      shown = this.deps.showMessageBox(parent, options);
    } catch (error) {
      shown = Promise.reject(error);
    }
    shown.then(
      ({ response }) => {
        prompt.dialogOpen = false;
        const decision = decisionFromResponse(response, signal.aborted, prompt.approval);
        if (decision) this.answer(prompt.approval, decision, 'dialog');
      },
      (error: unknown) => {
        // Not an answer: the approval stays pending, and a click on its notification tries again.
        prompt.dialogOpen = false;
        this.failed('its dialog failed', id, error);
      },
    );
  }

  private close(id: string): void {
    const prompt = this.open.get(id);
    if (!prompt) return;
    this.open.delete(id);
    prompt.abort.abort();
    prompt.notification?.close();
  }
}

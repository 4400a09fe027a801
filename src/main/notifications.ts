import type { AppState } from '../../shared/domain';
import { budgetKeys, renderMessage } from '../../shared/engine-message';
import type { Locale } from '../../shared/i18n';
import type { CoreEvents } from '../core/index';
import type { NotificationOptions } from './facade';
import { formatBytes, tr } from './text';

type Notice = CoreEvents['notice'];

/**
 * What a core notice is worth a native notification for: a finished planner run, a failed swap,
 * a budget reached, an error. Everything else stays in the dashboard's notice list.
 */
export function noticeNotification(notice: Notice, locale: Locale): NotificationOptions | null {
  const body = renderMessage(notice.said, locale).slice(0, 300);
  if (notice.swapId) {
    if (notice.level === 'info') return { title: tr(locale, 'notify.plannerDone'), body };
    if (notice.level === 'error') return { title: tr(locale, 'notify.swapFailed'), body };
    return null; // a denial: the user said no themselves, or let it expire in front of them
  }
  if (notice.level !== 'info' && budgetKeys.has(notice.said.key))
    return { title: tr(locale, 'notify.budgetReached'), body };
  if (notice.level === 'error') return { title: tr(locale, 'notify.error'), body };
  return null;
}

/** Memory past the budget, said once when it crosses over (and again only after it came back). */
export function memoryNotification(
  previous: Pick<AppState, 'memory'> | null,
  next: Pick<AppState, 'memory'>,
  locale: Locale,
): NotificationOptions | null {
  const over = (s: Pick<AppState, 'memory'> | null) =>
    Boolean(s && s.memory.budgetBytes > 0 && s.memory.usedBytes > s.memory.budgetBytes);
  if (!over(next) || over(previous)) return null;
  return {
    title: tr(locale, 'notify.memoryOver'),
    body: tr(locale, 'notify.memoryOverBody', {
      used: formatBytes(next.memory.usedBytes),
      budget: formatBytes(next.memory.budgetBytes),
    }),
  };
}

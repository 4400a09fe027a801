import { routeSchema, type Route } from '../../../../../shared/domain';
import type { Task } from '../../../../../shared/tasks';
import { call } from '../../api/client';
import { useT } from '../../i18n/store';
import { canReroute } from '../../lib/queue';
import { useAction } from '../../lib/use-action';
import { useStore } from '../../state/store';

const reroute = (id: string, route: Route) => call('tasks.reroute', { id, route });

/** Override the Router before the task runs: one button per other route. */
export function RerouteButtons({ task, compact = false }: { task: Task; compact?: boolean }) {
  const t = useT();
  const { run, busy, error } = useAction(reroute);
  // A task the live swap is serving stays with it: deny the approval (or cancel) first.
  const inSwap = useStore((s) => s.state?.swap?.taskIds.includes(task.id) ?? false);
  if (!canReroute(task) || inSwap) return null;
  return (
    <span className="reroute" role="group" aria-label={t('reroute.group')}>
      {!compact ? <span className="muted">{t('reroute.label')}</span> : null}
      {routeSchema.options
        .filter((route) => route !== task.route || task.status === 'denied' || task.status === 'failed')
        .map((route) => (
          <button
            key={route}
            type="button"
            className="small"
            disabled={busy}
            onClick={() => void run(task.id, route)}
            aria-label={t('reroute.to', { route: t(`route.${route}`) })}
          >
            → {t(`route.${route}`)}
          </button>
        ))}
      {error ? (
        <span role="alert" className="error-text">
          {error}
        </span>
      ) : null}
    </span>
  );
}

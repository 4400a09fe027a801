import type { Route, TaskStatus } from '../../../../shared/domain';
import { useT } from '../i18n/store';

export function RouteChip({ route }: { route: Route }) {
  const t = useT();
  return (
    <span className={`chip route-${route}`} data-route={route}>
      {t(`route.${route}`)}
    </span>
  );
}

export function StatusChip({ status }: { status: TaskStatus }) {
  const t = useT();
  return (
    <span className={`chip status-${status}`} data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}

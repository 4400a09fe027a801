import { useT } from '../../i18n/store';
import { hrefFor, useRoute, views } from '../../state/route';
import { useStore } from '../../state/store';

/** The views, as links (the hash keeps the view across reloads); badges count what needs you. */
export function Nav() {
  const t = useT();
  const route = useRoute();
  // Runs on every store change, streamed tokens included: a yes or no, not a filtered copy.
  const pending = useStore((s) => s.state?.approvals.some((a) => a.status === 'pending') ?? false);
  const swapping = useStore((s) => s.state?.swap !== null && s.state?.swap !== undefined);
  return (
    <nav aria-label={t('nav.label')} className="nav">
      <ul>
        {views
          .filter((v) => v !== 'task' || route.view === 'task')
          .map((view) => (
            <li key={view}>
              <a
                href={view === 'task' && route.taskId ? hrefFor('task', route.taskId) : hrefFor(view)}
                aria-current={route.view === view ? 'page' : undefined}
                data-view={view}
              >
                {t(`nav.${view}`)}
                {view === 'swap' && (pending || swapping) ? (
                  <span className="dot" aria-label={t('nav.swapActive')} />
                ) : null}
              </a>
            </li>
          ))}
      </ul>
    </nav>
  );
}

import { memo } from 'react';
import type { Task } from '../../../../../shared/tasks';
import { RouteChip, StatusChip } from '../../components/Chips';
import { EngineText } from '../../components/EngineText';
import { useT } from '../../i18n/store';
import { canCancel } from '../../lib/queue';
import { call } from '../../api/client';
import { useAction } from '../../lib/use-action';
import { hrefFor } from '../../state/route';
import { RerouteButtons } from '../new-task/RerouteButtons';

export const rowHeight = 76;

const cancelTask = (id: string) => call('tasks.cancel', { id });

/**
 * A row's place: a new task at the top moves every row down by one, and only these attributes
 * change for them; what the row shows is drawn again only when its task changed.
 */
function Row({ task, top, position, size }: { task: Task; top: number; position: number; size: number }) {
  return (
    <li
      className="queue-row"
      style={{ transform: `translateY(${top}px)`, height: rowHeight }}
      aria-posinset={position}
      aria-setsize={size}
      data-task-id={task.id}
      data-status={task.status}
      data-route={task.route}
    >
      <RowContent task={task} />
    </li>
  );
}

const RowContent = memo(function RowContent({ task }: { task: Task }) {
  const t = useT();
  const { run, busy, error } = useAction(cancelTask);
  return (
    <>
      <div className="row-main">
        <StatusChip status={task.status} /> <RouteChip route={task.route} />{' '}
        <a href={hrefFor('task', task.id)} className="row-text" title={task.text}>
          {task.text}
        </a>
      </div>
      <div className="row-sub">
        <span className="muted why">
          {error ??
            (task.waitingFor ? (
              <EngineText message={task.waitingFor} />
            ) : task.error ? (
              <EngineText message={task.error} />
            ) : (
              task.reason
            ))}
        </span>
        <span className="row-actions">
          <RerouteButtons task={task} compact />
          {canCancel(task) ? (
            <button
              type="button"
              className="small danger"
              disabled={busy}
              onClick={() => void run(task.id)}
              aria-label={t('queue.cancelTask', { id: task.id })}
            >
              {t('task.cancel')}
            </button>
          ) : null}
        </span>
      </div>
    </>
  );
});

/** Rows redraw only when their task or their place changed (the store keeps unchanged task objects). */
export const QueueRow = memo(Row);

import type { Task } from '../../../../../shared/tasks';
import { RouteChip, StatusChip } from '../../components/Chips';
import { EngineText } from '../../components/EngineText';
import { useT } from '../../i18n/store';
import { taskById } from '../../lib/queue';
import { hrefFor } from '../../state/route';
import { useStore } from '../../state/store';
import { RerouteButtons } from './RerouteButtons';

/** What the Router decided and why (docs/architecture.md, "Routing targets": routing must be explainable). */
export function DecisionDetails({ task }: { task: Task }) {
  const t = useT();
  return (
    <dl className="decision" data-task-id={task.id} data-route={task.route} data-rule={task.rule}>
      <dt>{t('decision.route')}</dt>
      <dd>
        <RouteChip route={task.route} /> <StatusChip status={task.status} />
      </dd>
      <dt>{t('decision.rule')}</dt>
      <dd>
        <code>{task.rule}</code>
      </dd>
      <dt>{t('decision.reason')}</dt>
      <dd>{task.reason}</dd>
      {task.waitingFor ? (
        <>
          <dt>{t('decision.waiting')}</dt>
          <dd className="waiting-for">
            <EngineText message={task.waitingFor} />
          </dd>
        </>
      ) : null}
    </dl>
  );
}

export function RouteDecision({ taskId }: { taskId: string }) {
  const t = useT();
  const task = useStore((s) => taskById(s.queue, taskId));
  if (!task) return null;
  return (
    <div className="route-decision card" aria-live="polite" aria-label={t('decision.title')}>
      <div className="panel-head">
        <h3>{t('decision.title')}</h3>
        <a href={hrefFor('task', task.id)}>{t('decision.open')}</a>
      </div>
      <DecisionDetails task={task} />
      <RerouteButtons task={task} />
    </div>
  );
}

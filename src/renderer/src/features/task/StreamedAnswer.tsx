import type { Role } from '../../../../../shared/domain';
import type { Task } from '../../../../../shared/tasks';
import { Empty } from '../../components/Notes';
import { useT } from '../../i18n/store';
import { useStore } from '../../state/store';

// The frontier model streams too (its answer also lands in shared/frontier_answer.md).
const shown: ReadonlyArray<Role | 'frontier'> = ['coder', 'reviewer', 'planner', 'frontier'];

/** What each model wrote for this task, token by token, as it arrived on this page. */
export function StreamedAnswer({ task }: { task: Task }) {
  const t = useT();
  const streams = useStore((s) => s.streams[task.id]);
  const roles = shown.filter((role) => streams?.[role]);
  if (roles.length === 0) {
    return <Empty>{task.status === 'running' ? t('task.streamWaiting') : t('task.streamNone')}</Empty>;
  }
  return (
    <div className="streams">
      {roles.map((role) => (
        <figure key={role} className="stream" data-role={role}>
          <figcaption>
            {role === 'reviewer' ? t('task.review') : t('task.answerBy', { role: t(`role.${role}`) })}
          </figcaption>
          <pre aria-live={task.status === 'running' ? 'off' : undefined}>{streams?.[role]}</pre>
        </figure>
      ))}
    </div>
  );
}

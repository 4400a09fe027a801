import { lazy, Suspense, useState, type FormEvent } from 'react';
import type { Task } from '../../../../../shared/tasks';
import { call } from '../../api/client';
import { useEngineText } from '../../components/EngineText';
import { Empty, ErrorNote, Loading } from '../../components/Notes';
import { Section } from '../../components/Section';
import { useT } from '../../i18n/store';
import { canCancel, finishedStatuses, taskById } from '../../lib/queue';
import { useAction } from '../../lib/use-action';
import { useChannel } from '../../lib/use-fetch';
import { navigate } from '../../state/route';
import { useStore } from '../../state/store';
import { DecisionDetails } from '../new-task/RouteDecision';
import { RerouteButtons } from '../new-task/RerouteButtons';
import { StreamedAnswer } from './StreamedAnswer';

const Markdown = lazy(() => import('../../components/Markdown'));

const cancelTask = (id: string) => call('tasks.cancel', { id });
const stillBroken = (id: string, note: string) => call('tasks.stillBroken', { id, note });

function ResultFile({ task }: { task: Task }) {
  const t = useT();
  // Read again whenever the task moves on (the review is appended to the same file).
  const result = useChannel('tasks.result', task.resultPath ? { id: task.id } : null, task.updatedAt);
  if (!task.resultPath) return <Empty>{t('task.noResult')}</Empty>;
  if (result.status === 'loading') return <Loading />;
  if (result.status === 'error') return <ErrorNote title={t('task.resultError')} detail={result.error} />;
  if (result.data.text === null) return <Empty>{t('task.resultMissing', { path: result.data.path })}</Empty>;
  return (
    <article className="result-file" aria-label={result.data.path}>
      <p className="muted">
        <code>{result.data.path}</code> · {t('task.readOnly')}
      </p>
      <Suspense fallback={<pre>{result.data.text}</pre>}>
        <Markdown text={result.data.text} />
      </Suspense>
    </article>
  );
}

function StillBroken({ task }: { task: Task }) {
  const t = useT();
  const [note, setNote] = useState('');
  const { run, busy, error } = useAction(stillBroken);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next = await run(task.id, note);
    if (next) {
      setNote('');
      navigate('task', next.id);
    }
  };
  return (
    <form className="still-broken" onSubmit={submit}>
      <label htmlFor="still-broken-note">{t('task.stillBrokenNote')}</label>
      <textarea
        id="still-broken-note"
        rows={2}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        placeholder={t('task.stillBrokenPlaceholder')}
      />
      <div className="form-row">
        <p className="hint">{t('task.stillBrokenHint', { n: task.failedAttempts + 1 })}</p>
        <button type="submit" disabled={busy}>
          {t('task.stillBroken')}
        </button>
      </div>
      {error ? <ErrorNote title={t('task.actionFailed')} detail={error} /> : null}
    </form>
  );
}

function CancelButton({ task }: { task: Task }) {
  const t = useT();
  const { run, busy, error } = useAction(cancelTask);
  if (!canCancel(task)) return null;
  return (
    <>
      <button type="button" className="danger" disabled={busy} onClick={() => void run(task.id)}>
        {t('task.cancel')}
      </button>
      {error ? <ErrorNote title={t('task.actionFailed')} detail={error} /> : null}
    </>
  );
}

/** The task page: the decision, the streamed answer and review, the result file, follow-ups. */
export function TaskPanel({ taskId }: { taskId: string | null }) {
  const t = useT();
  const engine = useEngineText();
  const fromQueue = useStore((s) => taskById(s.queue, taskId));
  // The queue carries the first 500 characters of a task; the task itself has the whole text.
  const full = useChannel('tasks.get', taskId ? { id: taskId } : null, fromQueue?.updatedAt);
  if (!taskId) return <Empty>{t('task.none')}</Empty>;
  const task =
    full.status === 'ready' && full.data.id === taskId
      ? { ...full.data, ...(fromQueue ? { status: fromQueue.status, waitingFor: fromQueue.waitingFor } : {}) }
      : fromQueue;
  if (!task)
    return full.status === 'error' ? <ErrorNote title={t('task.notFound')} detail={full.error} /> : <Loading />;
  return (
    <div className="task-page" data-task-id={task.id} data-status={task.status}>
      <Section title={t('task.title')} actions={<CancelButton task={task} />}>
        <p className="task-text">{task.text}</p>
        <DecisionDetails task={task} />
        <RerouteButtons task={task} />
        {task.error ? <ErrorNote title={t('task.error')} detail={engine(task.error)} /> : null}
        <p className="muted">
          {t('task.attempts', { n: task.failedAttempts })} · <code>{task.id}</code>
        </p>
      </Section>
      <Section title={t('task.stream')}>
        <StreamedAnswer task={task} />
      </Section>
      <Section title={t('task.result')}>
        <ResultFile task={task} />
      </Section>
      {finishedStatuses.has(task.status) ? (
        <Section title={t('task.stillBroken')}>
          <StillBroken task={task} />
        </Section>
      ) : null}
    </div>
  );
}

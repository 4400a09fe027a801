import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { call } from '../../api/client';
import { ErrorNote } from '../../components/Notes';
import { Section } from '../../components/Section';
import { useT } from '../../i18n/store';
import { useAction } from '../../lib/use-action';
import { useStore } from '../../state/store';
import { RouteDecision } from './RouteDecision';

const createTask = (text: string) => call('tasks.create', { text });

/** Describe a task; the Router decides where it goes, and the decision shows right under it. */
export function NewTaskForm() {
  const t = useT();
  const [text, setText] = useState('');
  const setLastCreated = useStore((s) => s.setLastCreated);
  const lastCreatedTaskId = useStore((s) => s.lastCreatedTaskId);
  const { run, busy, error } = useAction(createTask);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!text.trim() || busy) return;
    const task = await run(text);
    if (task) {
      setLastCreated(task.id);
      setText('');
    }
  };
  // Enter files the task; Shift+Enter starts a new line (IME composition is left alone).
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    }
  };

  return (
    <Section title={t('newTask.title')} className="new-task">
      <form onSubmit={submit} aria-describedby="new-task-hint">
        <label htmlFor="new-task-text" className="visually-hidden">
          {t('newTask.label')}
        </label>
        <textarea
          id="new-task-text"
          name="text"
          rows={3}
          value={text}
          placeholder={t('newTask.placeholder')}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <div className="form-row">
          <p id="new-task-hint" className="hint">
            {t('newTask.hint')}
          </p>
          <button type="submit" className="primary" disabled={busy || !text.trim()}>
            {busy ? t('newTask.submitting') : t('newTask.submit')}
          </button>
        </div>
      </form>
      {error ? <ErrorNote title={t('newTask.failed')} detail={error} /> : null}
      {lastCreatedTaskId ? <RouteDecision taskId={lastCreatedTaskId} /> : null}
    </Section>
  );
}

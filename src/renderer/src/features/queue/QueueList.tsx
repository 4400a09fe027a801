import { memo, useMemo, useState, type ReactNode } from 'react';
import { Empty } from '../../components/Notes';
import { Section } from '../../components/Section';
import { useT } from '../../i18n/store';
import { filterQueue, queueFilters, type QueueCounts, type QueueFilter } from '../../lib/queue';
import { useRowWindow } from '../../lib/use-row-window';
import { useStore } from '../../state/store';
import { QueueRow, rowHeight } from './QueueRow';

const noCounts: QueueCounts = { all: 0, queued: 0, waiting: 0, running: 0, finished: 0 };

/** Redraws when a count moved or the filter changed, not on every push. */
const Filters = memo(function Filters({
  value,
  onChange,
  counts,
}: {
  value: QueueFilter;
  onChange(f: QueueFilter): void;
  counts: QueueCounts;
}) {
  const t = useT();
  return (
    <div className="filters" role="group" aria-label={t('queue.filter')}>
      {queueFilters.map((f) => (
        <button key={f} type="button" aria-pressed={f === value} onClick={() => onChange(f)} data-filter={f}>
          {t(`queue.filter.${f}`)} <span className="count">{counts[f].toLocaleString()}</span>
        </button>
      ))}
    </div>
  );
});

/**
 * The queue, virtualised: only the rows in view (plus a few) are in the page, so 10,000 tasks
 * scroll and update as smoothly as ten. A push renders this list and the rows whose task changed
 * (the store keeps unchanged tasks' objects and the counts behind the filters).
 */
export function QueueList({ height = 480 }: { height?: number }) {
  const t = useT();
  const queue = useStore((s) => s.queue);
  const [filter, setFilter] = useState<QueueFilter>('all');
  const tasks = queue?.tasks;
  const rows = useMemo(() => filterQueue(tasks ?? [], filter), [tasks, filter]);
  const [scrollElement, setScrollElement] = useState<HTMLDivElement | null>(null);
  const viewportHeight = Math.min(height, rows.length * rowHeight + 2);
  const { start, end } = useRowWindow(scrollElement, rows.length, rowHeight, viewportHeight);
  const inPage: ReactNode[] = [];
  for (let i = start; i < end; i += 1) {
    const task = rows.at(i);
    inPage.push(<QueueRow key={task.id} task={task} top={i * rowHeight} position={i + 1} size={rows.length} />);
  }

  return (
    <Section
      title={t('queue.title')}
      className="queue"
      actions={<Filters value={filter} onChange={setFilter} counts={queue?.counts ?? noCounts} />}
    >
      {!queue ? null : queue.tasks.length === 0 ? (
        <Empty>{t('queue.empty')}</Empty>
      ) : rows.length === 0 ? (
        <Empty>{t('queue.emptyFilter')}</Empty>
      ) : (
        <div
          ref={setScrollElement}
          className="queue-scroll"
          style={{ height: viewportHeight }}
          tabIndex={0}
          aria-label={t('queue.scroll', { n: rows.length })}
          data-rows={rows.length}
        >
          <ul role="list" style={{ height: rows.length * rowHeight }} className="queue-list">
            {inPage}
          </ul>
        </div>
      )}
    </Section>
  );
}

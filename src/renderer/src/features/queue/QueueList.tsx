import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { Empty } from '../../components/Notes';
import { Section } from '../../components/Section';
import { useT } from '../../i18n/store';
import { countQueue, filterQueue, queueFilters, type QueueFilter } from '../../lib/queue';
import { useStore } from '../../state/store';
import { QueueRow, rowHeight } from './QueueRow';

function Filters({
  value,
  onChange,
  counts,
}: {
  value: QueueFilter;
  onChange(f: QueueFilter): void;
  counts: Record<QueueFilter, number>;
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
}

/**
 * The queue, virtualised: only the rows in view (plus a few) are in the page, so 10,000 tasks
 * scroll and update as smoothly as ten.
 */
export function QueueList({ height = 480 }: { height?: number }) {
  const t = useT();
  const queue = useStore((s) => s.state?.queue);
  const [filter, setFilter] = useState<QueueFilter>('all');
  const counts = useMemo(() => countQueue(queue ?? []), [queue]);
  const rows = useMemo(() => filterQueue(queue ?? [], filter), [queue, filter]);
  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualizer returns fresh functions each render; the React Compiler must not memoise them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    getItemKey: (i) => rows[i]!.id,
  });

  return (
    <Section
      title={t('queue.title')}
      className="queue"
      actions={<Filters value={filter} onChange={setFilter} counts={counts} />}
    >
      {!queue ? null : queue.length === 0 ? (
        <Empty>{t('queue.empty')}</Empty>
      ) : rows.length === 0 ? (
        <Empty>{t('queue.emptyFilter')}</Empty>
      ) : (
        <div
          ref={scrollRef}
          className="queue-scroll"
          style={{ height: Math.min(height, rows.length * rowHeight + 2) }}
          tabIndex={0}
          aria-label={t('queue.scroll', { n: rows.length })}
          data-rows={rows.length}
        >
          <ul role="list" style={{ height: virtualizer.getTotalSize() }} className="queue-list">
            {virtualizer.getVirtualItems().map((item) => (
              <QueueRow
                key={item.key}
                task={rows[item.index]!}
                top={item.start}
                position={item.index + 1}
                size={rows.length}
              />
            ))}
          </ul>
        </div>
      )}
    </Section>
  );
}

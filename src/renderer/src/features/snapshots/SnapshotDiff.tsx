import { useMemo } from 'react';
import { ErrorNote, Loading } from '../../components/Notes';
import { useT } from '../../i18n/store';
import { diffSummary, lineDiff } from '../../lib/diff-lines';
import { useChannel } from '../../lib/use-fetch';

export type SnapshotFile = 'currentTask' | 'tempContext';

const marks = { added: '+', removed: '−', same: ' ' } as const;

/** Two versions of one snapshot file, line by line; + and − say what changed, not colour alone. */
export function SnapshotDiff({ from, to, file }: { from: number; to: number; file: SnapshotFile }) {
  const t = useT();
  const a = useChannel('snapshots.get', { version: from }, null);
  const b = useChannel('snapshots.get', { version: to }, null);
  const rows = useMemo(
    () => (a.status === 'ready' && b.status === 'ready' ? lineDiff(a.data[file], b.data[file]) : null),
    [a, b, file],
  );
  if (a.status === 'error' || b.status === 'error')
    return (
      <ErrorNote
        title={t('snapshots.loadError')}
        detail={a.status === 'error' ? a.error : b.status === 'error' ? b.error : ''}
      />
    );
  if (!rows) return <Loading />;
  const { added, removed } = diffSummary(rows);
  return (
    <div className="diff" data-from={from} data-to={to} data-file={file}>
      <p className="muted" role="status">
        {from === to ? t('snapshots.same') : t('snapshots.summary', { added, removed, from, to })}
      </p>
      <table className="diff-table">
        <caption className="visually-hidden">{t('snapshots.caption', { from, to })}</caption>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i} className={`diff-${row.kind}`}>
              <td className="ln">{row.oldLine ?? ''}</td>
              <td className="ln">{row.newLine ?? ''}</td>
              <td className="mark">
                <span aria-label={row.kind === 'same' ? undefined : t(`snapshots.${row.kind}`)}>{marks[row.kind]}</span>
              </td>
              <td className="code">
                <pre>{row.text}</pre>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import { useId, useState } from 'react';
import type { SnapshotVersionView } from '../../../../../shared/contract';
import { Empty, ErrorNote, Loading } from '../../components/Notes';
import { Section } from '../../components/Section';
import { useLocale, useT } from '../../i18n/store';
import { formatDateTime } from '../../lib/format';
import { useChannel } from '../../lib/use-fetch';
import { useStore } from '../../state/store';
import { SnapshotDiff, type SnapshotFile } from './SnapshotDiff';

function VersionSelect({
  label,
  versions,
  value,
  onChange,
}: {
  label: string;
  versions: SnapshotVersionView[];
  value: number;
  onChange(v: number): void;
}) {
  const id = useId();
  const locale = useLocale((s) => s.locale);
  return (
    <span className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {versions.map((v) => (
          <option key={v.version} value={v.version}>
            v{v.version} · {formatDateTime(v.savedAt, locale)}
          </option>
        ))}
      </select>
    </span>
  );
}

/** Snapshot versions of current_task.json and temp_context.md, and what changed between two. */
export default function SnapshotsView() {
  const t = useT();
  // A new snapshot is taken when a swap starts: list again when the live swap changes.
  const swapKey = useStore((s) => `${s.state?.swap?.id}:${s.state?.swap?.snapshotVersion}`);
  const list = useChannel('snapshots.list', {}, swapKey);
  const [picked, setPicked] = useState<{ from: number | null; to: number | null }>({ from: null, to: null });
  const [file, setFile] = useState<SnapshotFile>('currentTask');

  if (list.status === 'loading') return <Loading />;
  if (list.status === 'error') return <ErrorNote title={t('snapshots.loadError')} detail={list.error} />;
  const versions = list.data.versions;
  if (versions.length === 0) {
    return (
      <Section title={t('snapshots.title')}>
        <Empty>{t('snapshots.empty')}</Empty>
      </Section>
    );
  }
  const latest = versions.at(-1)!.version;
  const to = picked.to ?? latest;
  const from = picked.from ?? versions.at(-2)?.version ?? latest;
  return (
    <Section title={t('snapshots.title')} className="snapshots">
      <div className="diff-controls">
        <VersionSelect
          label={t('snapshots.from')}
          versions={versions}
          value={from}
          onChange={(v) => setPicked({ from: v, to })}
        />
        <VersionSelect
          label={t('snapshots.to')}
          versions={versions}
          value={to}
          onChange={(v) => setPicked({ from, to: v })}
        />
        <fieldset className="segmented">
          <legend className="visually-hidden">{t('snapshots.file')}</legend>
          {(['currentTask', 'tempContext'] as const).map((f) => (
            <label key={f}>
              <input type="radio" name="snapshot-file" value={f} checked={file === f} onChange={() => setFile(f)} />
              <code>{f === 'currentTask' ? 'current_task.json' : 'temp_context.md'}</code>
            </label>
          ))}
        </fieldset>
      </div>
      <SnapshotDiff from={from} to={to} file={file} />
      <details>
        <summary>{t('snapshots.versions', { n: versions.length })}</summary>
        <table className="versions">
          <thead>
            <tr>
              <th scope="col">{t('snapshots.version')}</th>
              <th scope="col">{t('snapshots.savedAt')}</th>
              <th scope="col">{t('snapshots.swap')}</th>
            </tr>
          </thead>
          <tbody>
            {[...versions].reverse().map((v) => (
              <tr key={v.version}>
                <td>v{v.version}</td>
                <td>{v.savedAt}</td>
                <td>
                  <code>{v.swapId ?? '–'}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </Section>
  );
}

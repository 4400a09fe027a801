import { useT } from '../../i18n/store';
import { formatBytes, formatDuration } from '../../lib/format';
import { useStore } from '../../state/store';

/** The Planner's load, from swap.progress events: how far, how fast, how long still. */
export function LoadProgress() {
  const t = useT();
  const progress = useStore((s) => s.swapProgress);
  if (!progress) return <p className="muted">{t('swap.loadStarting')}</p>;
  const { bytesExpected, elapsedMs, estimatedRemainingMs } = progress;
  const total = estimatedRemainingMs === null ? null : elapsedMs + estimatedRemainingMs;
  const fraction = total ? Math.min(1, elapsedMs / total) : null;
  const bytesPerSec = total ? bytesExpected / (total / 1000) : null;
  return (
    <div className="load-progress">
      <label htmlFor="planner-load">{t('swap.loading', { size: formatBytes(bytesExpected) })}</label>
      {fraction === null ? <progress id="planner-load" /> : <progress id="planner-load" max={1} value={fraction} />}
      <p className="muted">
        {t('swap.loadElapsed', { time: formatDuration(elapsedMs) })}
        {' · '}
        {estimatedRemainingMs === null
          ? t('swap.etaUnknown')
          : t('swap.eta', { time: formatDuration(estimatedRemainingMs) })}
        {bytesPerSec ? ` · ${formatBytes(bytesPerSec)}/s` : ''}
      </p>
    </div>
  );
}

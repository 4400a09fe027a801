import type { Swap } from '../../../../../shared/swap';
import { terminalSwapStates } from '../../../../../shared/swap';
import { useEngineText } from '../../components/EngineText';
import { Empty, ErrorNote } from '../../components/Notes';
import { Section } from '../../components/Section';
import { useLocale, useT } from '../../i18n/store';
import { formatDuration, formatTime } from '../../lib/format';
import { swapElapsedMs, swapStepViews } from '../../lib/swap-steps';
import { useChannel } from '../../lib/use-fetch';
import { useNow } from '../../lib/use-now';
import { useStore } from '../../state/store';
import { LoadProgress } from './LoadProgress';

const statusMark = { done: '✓', current: '▶', pending: '·', stopped: '✕' } as const;

function Steps({ swap }: { swap: Swap }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const running = !terminalSwapStates.includes(swap.state);
  const now = useNow(running);
  const steps = swapStepViews(swap, now);
  const engine = useEngineText();
  return (
    <div className="swap" data-swap-id={swap.id} data-swap-state={swap.state}>
      <p>
        <strong>{t(`swapState.${swap.state}`)}</strong> ·{' '}
        {t('swap.started', { time: formatTime(swap.startedAt, locale) })} ·{' '}
        {t('swap.elapsed', { time: formatDuration(swapElapsedMs(swap, now)) })}
      </p>
      <ol className="steps">
        {steps.map((step) => (
          <li
            key={step.step}
            className={`step step-${step.status}`}
            data-step={step.key}
            data-status={step.status}
            aria-current={step.status === 'current' ? 'step' : undefined}
          >
            <span className="step-mark" aria-hidden="true">
              {statusMark[step.status]}
            </span>
            <span className="step-name">
              {step.step}. {t(`step.${step.key}`)}
            </span>
            <span className="step-status visually-hidden">{t(`stepStatus.${step.status}`)}</span>
            <span className="step-time">{step.durationMs === null ? '' : formatDuration(step.durationMs)}</span>
          </li>
        ))}
      </ol>
      {swap.state === 'loading_planner' ? <LoadProgress /> : null}
      {swap.error ? <ErrorNote title={t('swap.error')} detail={engine(swap.error)} /> : null}
      <p className="muted">
        {t('swap.evicts')}: {(swap.unloading ?? swap.evict).map((r) => t(`role.${r}`)).join(', ') || '–'}
        {swap.snapshotVersion !== null ? ` · ${t('swap.snapshot', { n: swap.snapshotVersion })}` : ''}
      </p>
    </div>
  );
}

/** The baton pass: the live swap, or the last one when none runs. */
export function SwapSteps() {
  const t = useT();
  const current = useStore((s) => s.state?.swap ?? null);
  // Past swaps come from the host; ask again whenever the live swap changes state.
  const recent = useChannel('swaps.recent', {}, current?.state ?? 'none');
  const last = recent.status === 'ready' ? recent.data.swaps.at(-1) : undefined;
  const swap = current ?? last ?? null;
  return (
    <Section title={current ? t('swap.titleLive') : t('swap.titleLast')} className="swap-panel">
      {swap ? (
        <Steps swap={swap} />
      ) : recent.status === 'error' ? (
        <ErrorNote title={t('swap.loadError')} detail={recent.error} />
      ) : (
        <Empty>{t('swap.none')}</Empty>
      )}
    </Section>
  );
}

import { Section } from '../../components/Section';
import { useT } from '../../i18n/store';
import { formatPercent } from '../../lib/format';
import { useStore } from '../../state/store';

/**
 * How much of the recent work left the local team, against the ~10% the product aims for. The
 * engine counts it (state.escalation: the last routed tasks, the Planner's follow-ups left out).
 */
export function EscalationMeter() {
  const t = useT();
  const meter = useStore((s) => s.state?.escalation);
  if (!meter) return null;
  const target = formatPercent(meter.target);
  const text = t('escalation.summary', {
    share: formatPercent(meter.share),
    planner: meter.byRoute.planner,
    frontier: meter.byRoute.frontier,
    total: meter.samples,
    target,
  });
  const tone = meter.status === 'above-target' ? 'warn-text' : meter.status === 'warming-up' ? 'muted' : 'ok-text';
  return (
    <Section title={t('escalation.title')} className="escalation">
      {meter.samples > 0 ? (
        <p data-share={meter.share.toFixed(4)} data-status={meter.status}>
          {text} <strong className={tone}>{t(`escalation.status.${meter.status}`)}</strong>
        </p>
      ) : (
        <p className="muted">{t('escalation.empty')}</p>
      )}
      <div
        className="bar"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(meter.share * 100)}
        aria-valuetext={text}
        aria-label={t('escalation.title')}
      >
        <span
          className={`bar-fill ${meter.status === 'above-target' ? 'over' : meter.status === 'warming-up' ? 'warming' : ''}`}
          style={{ width: `${Math.min(100, meter.share * 100)}%` }}
        />
        <span
          className="bar-target"
          style={{ left: `${meter.target * 100}%` }}
          title={t('escalation.target', { target })}
        />
      </div>
      <p className="muted">
        {t('escalation.target', { target })} · {t('escalation.window', { n: meter.window })}
      </p>
    </Section>
  );
}

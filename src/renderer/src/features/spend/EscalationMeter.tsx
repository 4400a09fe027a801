import { useMemo } from 'react';
import { Section } from '../../components/Section';
import { useT } from '../../i18n/store';
import { formatPercent } from '../../lib/format';
import { escalationShare, escalationTarget, escalationWindow } from '../../lib/escalation';
import { useStore } from '../../state/store';

/** How much of the recent work left the local team, against the ~10% the product aims for. */
export function EscalationMeter() {
  const t = useT();
  const queue = useStore((s) => s.state?.queue);
  const share = useMemo(() => escalationShare(queue ?? []), [queue]);
  const over = share.share > escalationTarget;
  const text = t('escalation.summary', { share: formatPercent(share.share), planner: share.planner, frontier: share.frontier, total: share.total, target: formatPercent(escalationTarget) });
  return (
    <Section title={t('escalation.title')} className="escalation">
      {share.total > 0 ? (
        <p data-share={share.share.toFixed(4)}>
          {text} <strong className={over ? 'warn-text' : 'ok-text'}>{t(over ? 'escalation.over' : 'escalation.within')}</strong>
        </p>
      ) : (
        <p className="muted">{t('escalation.empty')}</p>
      )}
      <div className="bar" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(share.share * 100)} aria-valuetext={text} aria-label={t('escalation.title')}>
        <span className={`bar-fill ${over ? 'over' : ''}`} style={{ width: `${Math.min(100, share.share * 100)}%` }} />
        <span className="bar-target" style={{ left: `${escalationTarget * 100}%` }} title={t('escalation.target', { target: formatPercent(escalationTarget) })} />
      </div>
      <p className="muted">
        {t('escalation.target', { target: formatPercent(escalationTarget) })} · {t('escalation.window', { n: escalationWindow })}
      </p>
    </Section>
  );
}

import { Section } from '../../components/Section';
import { useT } from '../../i18n/store';
import { formatBytes, formatPercent } from '../../lib/format';
import { gaugeSegments } from '../../lib/memory';
import { useStore } from '../../state/store';

/** Each loaded model's share of the memory budget, as one stacked bar, with the numbers in text. */
export function MemoryGauge() {
  const t = useT();
  const memory = useStore((s) => s.state?.memory);
  const agents = useStore((s) => s.state?.agents);
  if (!memory || !agents) return null;
  const segments = gaugeSegments(memory, agents);
  const share = memory.budgetBytes ? memory.usedBytes / memory.budgetBytes : 0;
  const summary = t('memory.summary', {
    used: formatBytes(memory.usedBytes),
    budget: formatBytes(memory.budgetBytes),
    share: formatPercent(share),
  });
  return (
    <Section title={t('memory.title')} className="memory-gauge">
      <p className="gauge-summary" data-used={memory.usedBytes} data-budget={memory.budgetBytes}>
        {summary}
        {share > 1 ? <strong className="error-text"> {t('memory.over')}</strong> : null}
      </p>
      <div
        className="gauge"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={memory.budgetBytes}
        aria-valuenow={memory.usedBytes}
        aria-valuetext={summary}
        aria-label={t('memory.title')}
      >
        {segments.map((s) => (
          <span
            key={s.name}
            className={`gauge-part role-${s.role ?? 'other'}`}
            style={{ width: `${Math.min(100, s.share * 100)}%` }}
            title={`${s.name}: ${formatBytes(s.bytes)}`}
          />
        ))}
      </div>
      {segments.length === 0 ? (
        <p className="muted">{t('memory.none')}</p>
      ) : (
        <ul className="legend">
          {segments.map((s) => (
            <li key={s.name}>
              <span className={`swatch role-${s.role ?? 'other'}`} aria-hidden="true" />{' '}
              {s.role ? t(`role.${s.role}`) : t('memory.otherModel')} <code>{s.name}</code> {formatBytes(s.bytes)} (
              {formatPercent(s.share)})
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

import { Section } from '../../components/Section';
import { useLocale, useT } from '../../i18n/store';
import { formatUsd } from '../../lib/format';
import { useStore } from '../../state/store';

/** Money spent on frontier calls (state.spend). */
export function SpendPanel() {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const spend = useStore((s) => s.state?.spend);
  if (!spend) return null;
  return (
    <Section title={t('spend.title')} className="spend">
      <dl className="facts big">
        <dt>{t('spend.today')}</dt>
        <dd data-spend="today">{formatUsd(spend.todayUsd, locale)}</dd>
        <dt>{t('spend.month')}</dt>
        <dd data-spend="month">{formatUsd(spend.monthUsd, locale)}</dd>
      </dl>
      <p className="muted">{t('spend.note')}</p>
    </Section>
  );
}

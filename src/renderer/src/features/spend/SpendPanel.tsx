import { Section } from '../../components/Section';
import { useLocale, useT } from '../../i18n/store';
import { formatUsd } from '../../lib/format';
import { useStore } from '../../state/store';

/** Money spent on frontier calls (state.spend): totals, caps, and each provider. */
export function SpendPanel() {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const spend = useStore((s) => s.state?.spend);
  if (!spend) return null;
  const usd = (v: number) => formatUsd(v, locale);
  const cap = (value: number | null, left: number | null) =>
    value === null ? t('frontier.noCap') : `${usd(value)} · ${t('frontier.left', { amount: usd(left ?? 0) })}`;
  return (
    <Section title={t('spend.title')} className="spend">
      {spend.unreadableLedgerLines.length > 0 && (
        <p className="warn-text" role="alert" data-ledger-unreadable>
          {t('spend.ledgerUnreadable', { lines: spend.unreadableLedgerLines.slice(0, 5).join(', ') })}
        </p>
      )}
      <dl className="facts big">
        <dt>{t('spend.today')}</dt>
        <dd data-spend="today">
          {usd(spend.todayUsd)} <span className="muted small-text">{t('frontier.calls', { n: spend.callsToday })}</span>
        </dd>
        <dt>{t('spend.month')}</dt>
        <dd data-spend="month">
          {usd(spend.monthUsd)} <span className="muted small-text">{t('frontier.calls', { n: spend.callsMonth })}</span>
        </dd>
      </dl>
      <dl className="facts">
        <dt>{t('frontier.dailyCap')}</dt>
        <dd>{cap(spend.dailyCapUsd, spend.leftTodayUsd)}</dd>
        <dt>{t('frontier.monthlyCap')}</dt>
        <dd>{cap(spend.monthlyCapUsd, spend.leftMonthUsd)}</dd>
        <dt>{t('spend.provider')}</dt>
        <dd>{spend.provider === 'auto' ? t('frontier.autoProvider') : spend.provider}</dd>
      </dl>
      {spend.byProvider.length ? (
        <table className="roles">
          <caption>{t('frontier.byProvider')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('frontier.provider')}</th>
              <th scope="col">{t('frontier.model')}</th>
              <th scope="col">{t('settings.keys')}</th>
              <th scope="col">{t('spend.today')}</th>
              <th scope="col">{t('spend.month')}</th>
            </tr>
          </thead>
          <tbody>
            {spend.byProvider.map((p) => (
              <tr key={p.provider} data-provider={p.provider}>
                <th scope="row">{p.provider}</th>
                <td>
                  <code>{p.model}</code>
                </td>
                <td className={p.keySet ? 'ok-text' : 'muted'}>
                  {t(p.keySet ? 'frontier.keySet' : 'frontier.keyMissing')}
                </td>
                <td>
                  {usd(p.todayUsd)} ({t('frontier.calls', { n: p.callsToday })})
                </td>
                <td>
                  {usd(p.monthUsd)} ({t('frontier.calls', { n: p.callsMonth })})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p className="muted">
        {t('frontier.spendNote')} {t('frontier.pricesAsOf', { date: spend.pricesAsOf })}
      </p>
    </Section>
  );
}

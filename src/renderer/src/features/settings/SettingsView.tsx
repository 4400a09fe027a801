import { locales } from '../../../../../shared/i18n';
import { ErrorNote, Loading } from '../../components/Notes';
import { Section } from '../../components/Section';
import { useLocale, useT } from '../../i18n/store';
import { formatBytes, formatUsd } from '../../lib/format';
import { useChannel } from '../../lib/use-fetch';
import { useStore } from '../../state/store';
import { themes, useTheme } from '../../theme/store';
import { ApiKeys } from './ApiKeys';
import { RolesEditor } from './RolesEditor';

function Preferences() {
  const t = useT();
  const { locale, setLocale } = useLocale();
  const { theme, setTheme } = useTheme();
  return (
    <Section title={t('settings.preferences')}>
      <fieldset className="segmented">
        <legend>{t('settings.language')}</legend>
        {locales.map((l) => (
          <label key={l}>
            <input type="radio" name="settings-language" checked={l === locale} onChange={() => setLocale(l)} />{' '}
            {l === 'ko' ? '한국어' : 'English'}
          </label>
        ))}
      </fieldset>
      <fieldset className="segmented">
        <legend>{t('settings.theme')}</legend>
        {themes.map((th) => (
          <label key={th}>
            <input type="radio" name="settings-theme" checked={th === theme} onChange={() => setTheme(th)} />{' '}
            {t(`theme.${th}`)}
          </label>
        ))}
      </fieldset>
      <p className="muted">{t('settings.savedHere')}</p>
    </Section>
  );
}

/** What the engine runs with; the models per role can be changed for the next start. */
export default function SettingsView() {
  const t = useT();
  const ollama = useStore((s) => s.state?.ollama);
  const simulated = useStore((s) => s.state?.simulated);
  const spend = useStore((s) => s.state?.spend);
  const locale = useLocale((s) => s.locale);
  const cap = (v: number | null | undefined) =>
    v === null || v === undefined ? t('frontier.noCap') : formatUsd(v, locale);
  const settings = useChannel('settings.get', {}, null);
  return (
    <>
      <Preferences />
      <Section title={t('settings.engine')}>
        <p className="note info">{t('settings.displayOnly')}</p>
        <dl className="facts">
          <dt>{t('settings.ollama')}</dt>
          <dd>
            <code>{ollama?.url ?? '–'}</code> ·{' '}
            {ollama?.reachable ? t('settings.reachable') : t('settings.unreachable')}
            {simulated ? ` · ${t('app.simulated')}` : ''}
          </dd>
          {settings.status === 'ready' ? (
            <>
              <dt>{t('settings.budget')}</dt>
              <dd>{formatBytes(settings.data.memoryBudgetBytes)}</dd>
              <dt>{t('settings.workspace')}</dt>
              <dd>
                <code>{settings.data.workspaceRoot}</code>
              </dd>
            </>
          ) : null}
        </dl>
        {ollama?.error ? <ErrorNote title={t('ollama.unreachable')} detail={ollama.error} /> : null}
        {settings.status === 'loading' ? <Loading /> : null}
        {settings.status === 'error' ? <ErrorNote title={t('settings.loadError')} detail={settings.error} /> : null}
        {settings.status === 'ready' ? <RolesEditor settings={settings.data} /> : null}
        <p className="muted">
          {t('settings.frontierBudget', { daily: cap(spend?.dailyCapUsd), monthly: cap(spend?.monthlyCapUsd) })}
        </p>
      </Section>
      <ApiKeys />
    </>
  );
}

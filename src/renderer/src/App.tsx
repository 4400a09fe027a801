import { useEffect } from 'react';
import { locales } from '../../../shared/i18n';
import { AgentCards } from './features/agents/AgentCards';
import { useLocale, useT } from './i18n/store';
import { useAppState } from './state/store';

export function App() {
  const t = useT();
  const { locale, setLocale } = useLocale();
  const { state, error, refresh } = useAppState();

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  return (
    <main>
      <header className="app-header">
        <h1>{t('app.title')}</h1>
        <p className="subtitle">{t('app.subtitle')}</p>
        {state?.simulated ? <span className="badge" role="status">{t('app.simulated')}</span> : null}
        <div role="group" aria-label="Language / 언어">
          {locales.map((l) => (
            <button key={l} type="button" aria-pressed={l === locale} onClick={() => setLocale(l)}>
              {l === 'ko' ? '한국어' : 'English'}
            </button>
          ))}
        </div>
      </header>
      {error ? <p role="alert">{t('app.error')}: {error}</p> : null}
      {state ? <AgentCards agents={state.agents} /> : error ? null : <p>{t('app.loading')}</p>}
    </main>
  );
}

import { locales } from '../../../../../shared/i18n';
import { useLocale, useT } from '../../i18n/store';
import { useStore } from '../../state/store';
import { useTheme } from '../../theme/store';
import { isDark } from '../../theme/store';

function StreamStatus() {
  const t = useT();
  const stream = useStore((s) => s.stream);
  return (
    <span className={`stream-status stream-${stream}`} role="status" data-stream={stream}>
      <span aria-hidden="true">{stream === 'open' ? '●' : '◌'}</span> {t(`stream.${stream}`)}
    </span>
  );
}

function ThemeToggle() {
  const t = useT();
  const { setTheme } = useTheme();
  // Flips what is shown now; "system" comes back from the settings view.
  const dark = isDark();
  useTheme((s) => s.theme);
  return (
    <button
      type="button"
      onClick={() => setTheme(dark ? 'light' : 'dark')}
      aria-label={t(dark ? 'theme.toLight' : 'theme.toDark')}
      title={t(dark ? 'theme.toLight' : 'theme.toDark')}
    >
      <span aria-hidden="true">{dark ? '☀' : '☾'}</span>
    </button>
  );
}

export function Header() {
  const t = useT();
  const { locale, setLocale } = useLocale();
  const simulated = useStore((s) => s.state?.simulated);
  return (
    <header className="app-header">
      <div className="brand">
        <h1>{t('app.title')}</h1>
        <p className="subtitle">{t('app.subtitle')}</p>
      </div>
      {simulated ? (
        <span className="badge simulated" data-simulated="true" title={t('app.simulatedHint')}>
          {t('app.simulated')}
        </span>
      ) : null}
      <div className="header-tools">
        <StreamStatus />
        <div role="group" aria-label="Language / 언어" className="segmented-buttons">
          {locales.map((l) => (
            <button key={l} type="button" aria-pressed={l === locale} onClick={() => setLocale(l)} lang={l}>
              {l === 'ko' ? '한국어' : 'English'}
            </button>
          ))}
        </div>
        <ThemeToggle />
      </div>
    </header>
  );
}

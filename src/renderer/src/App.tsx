import { useEffect } from 'react';
import { PendingApprovals } from './features/approvals/Approvals';
import { Banners } from './features/layout/Banners';
import { Header } from './features/layout/Header';
import { Nav } from './features/layout/Nav';
import { Views } from './features/layout/Views';
import { startLocale, useLocale, useT } from './i18n/store';

export function App() {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t('app.title');
  }, [locale, t]);
  useEffect(() => startLocale(), []);

  return (
    <>
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          // The hash holds the view: move focus without changing it.
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('nav.skip')}
      </a>
      <Header />
      <Nav />
      <main id="main" tabIndex={-1}>
        <Banners />
        <PendingApprovals />
        <Views />
      </main>
    </>
  );
}

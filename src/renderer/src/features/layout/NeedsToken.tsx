import { useEffect } from 'react';
import { useT } from '../../i18n/store';

/** A browser page opened without the host's token: nothing of the app, and how to get in. */
export function NeedsToken() {
  const t = useT();
  useEffect(() => {
    document.title = t('app.title');
  }, [t]);
  return (
    <main id="main" className="needs-token" data-needs-token>
      <h1>{t('app.title')}</h1>
      <p>{t('app.needsToken')}</p>
    </main>
  );
}

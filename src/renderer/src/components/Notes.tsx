import type { ReactNode } from 'react';
import { useT } from '../i18n/store';

export function Loading({ what }: { what?: string }) {
  const t = useT();
  return (
    <p className="note" role="status" aria-live="polite">
      {what ?? t('common.loading')}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="note empty">{children}</p>;
}

/** A failure the user should see, with the host's own words. */
export function ErrorNote({ title, detail }: { title: string; detail?: string | null }) {
  return (
    <div className="note error" role="alert">
      <strong>{title}</strong>
      {detail ? <span className="detail"> {detail}</span> : null}
    </div>
  );
}

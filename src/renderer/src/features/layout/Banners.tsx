import { ErrorNote } from '../../components/Notes';
import { useT } from '../../i18n/store';
import { useStore } from '../../state/store';
import { EngineText } from '../../components/EngineText';

/** What is wrong right now, above every view: no host, no Ollama, no live stream, notices. */
export function Banners() {
  const t = useT();
  const loadError = useStore((s) => s.loadError);
  const ollama = useStore((s) => s.state?.ollama);
  const stream = useStore((s) => s.stream);
  const hasState = useStore((s) => s.state !== null);
  const notices = useStore((s) => s.notices);
  const dismiss = useStore((s) => s.dismissNotice);
  return (
    <div className="banners">
      {loadError ? <ErrorNote title={hasState ? t('app.staleError') : t('app.error')} detail={loadError} /> : null}
      {ollama && !ollama.reachable ? (
        <div className="note error" role="alert" data-ollama="unreachable">
          <strong>{t('ollama.unreachable')}</strong> <span className="detail">{ollama.error}</span>
          <p>{t('ollama.whatToDo', { url: ollama.url ?? 'http://127.0.0.1:11434' })}</p>
        </div>
      ) : null}
      {stream === 'reconnecting' ? (
        <p className="note warn" role="status" data-stream-banner="reconnecting">
          {t('stream.lost')}
        </p>
      ) : null}
      {notices.length ? (
        <ul className="notices" aria-label={t('notices.label')}>
          {notices.map((n) => (
            <li key={n.id} className={`note ${n.level}`} role={n.level === 'error' ? 'alert' : 'status'}>
              <EngineText message={n.said} />
              <button type="button" className="small" onClick={() => dismiss(n.id)} aria-label={t('notices.dismiss')}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

import { Empty, ErrorNote, Loading } from '../../components/Notes';
import Markdown from '../../components/Markdown';
import { Section } from '../../components/Section';
import { useT } from '../../i18n/store';
import { splitBlueprint } from '../../lib/blueprint';
import { useChannel } from '../../lib/use-fetch';
import { useStore } from '../../state/store';

/** shared/blueprint.md, rendered, with the five action items set apart. */
export default function BlueprintView() {
  const t = useT();
  // The Planner writes the blueprint during a swap: read again whenever the swap moves on.
  const swapState = useStore((s) => s.state?.swap?.state ?? 'none');
  const file = useChannel('files.read', { file: 'blueprint' }, swapState);
  return (
    <Section title={t('blueprint.title')} className="blueprint">
      {file.status === 'loading' ? (
        <Loading />
      ) : file.status === 'error' ? (
        <ErrorNote title={t('blueprint.loadError')} detail={file.error} />
      ) : file.data.text === null ? (
        <Empty>{t('blueprint.empty')}</Empty>
      ) : (
        <>
          <p className="muted">
            <code>{file.data.path}</code> · {t('task.readOnly')}
          </p>
          {splitBlueprint(file.data.text).map((part, i) =>
            part.kind === 'actions' ? (
              <aside key={i} className="action-items" aria-label={t('blueprint.actions')} data-part="actions">
                <Markdown text={part.markdown} />
              </aside>
            ) : (
              <Markdown key={i} text={part.markdown} />
            ),
          )}
        </>
      )}
    </Section>
  );
}

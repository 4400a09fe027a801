import { Section } from '../../components/Section';
import { useT } from '../../i18n/store';
import { useStore } from '../../state/store';

/**
 * What the Router folded in from the user's corrections at start (state.routerLearning): how many,
 * how many it now routes as the user wanted, and the newest ones. Nothing before the engine starts.
 */
export function RouterLearning() {
  const t = useT();
  const learning = useStore((s) => s.state?.routerLearning);
  if (!learning) return null;
  return (
    <Section title={t('learning.title')} className="router-learning">
      {learning.used === 0 ? (
        <p className="muted">{t('learning.none')}</p>
      ) : (
        <>
          <p data-used={learning.used} data-agreed-after={learning.agreedAfter}>
            {t('learning.summary', { used: learning.used, after: learning.agreedAfter, before: learning.agreedBefore })}
          </p>
          <ul className="learning-list">
            {learning.recent.slice(0, 5).map((item) => (
              <li key={item.taskId}>
                <span className="learning-text">{item.text}</span>{' '}
                <span className={item.now === item.to ? 'ok-text' : 'warn-text'}>
                  {t('learning.item', {
                    route: t(`route.${item.to}`),
                    before: t(`route.${item.before}`),
                    now: t(`route.${item.now}`),
                  })}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {learning.problems.length > 0 && (
        <p className="warn-text">
          {t('learning.problems', { n: learning.problems.length, first: learning.problems[0]!.message })}
        </p>
      )}
    </Section>
  );
}

import type { AgentState } from '../../../../../shared/domain';
import { useT } from '../../i18n/store';

export function AgentCards({ agents }: { agents: AgentState[] }) {
  const t = useT();
  return (
    <section aria-labelledby="agents-title">
      <h2 id="agents-title">{t('agents.title')}</h2>
      <ul className="agents">
        {agents.map((agent) => (
          <li key={agent.role} className="agent" data-role={agent.role} data-lock={agent.lock}>
            <strong>{agent.role}</strong> <code>{agent.model}</code>{' '}
            <span className={`lock lock-${agent.lock}`}>{t(`lock.${agent.lock}`)}</span>{' '}
            <span>{t(agent.loaded ? 'agent.loaded' : 'agent.unloaded')}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

import type { AgentState } from '../../../../../shared/domain';
import { Section } from '../../components/Section';
import { useT } from '../../i18n/store';
import { hrefFor } from '../../state/route';
import { useStore } from '../../state/store';

function AgentCard({ agent }: { agent: AgentState }) {
  const t = useT();
  return (
    <li className="agent card" data-role={agent.role} data-lock={agent.lock} data-loaded={agent.loaded}>
      <div className="agent-head">
        <strong>{t(`role.${agent.role}`)}</strong>
        <span className={`lock lock-${agent.lock}`}>
          <span aria-hidden="true">{agent.lock === 'BUSY' ? '●' : '○'}</span> {agent.lock} · {t(`lock.${agent.lock}`)}
        </span>
      </div>
      <code className="model">{agent.model}</code>
      <div className={agent.loaded ? 'loaded yes' : 'loaded no'}>
        {t(agent.loaded ? 'agent.loaded' : 'agent.unloaded')}
      </div>
      <div className="current">
        {agent.currentTaskId ? (
          <>
            {t('agent.working')} <a href={hrefFor('task', agent.currentTaskId)}>{agent.currentTaskId}</a>
          </>
        ) : (
          <span className="muted">{t('agent.noTask')}</span>
        )}
      </div>
    </li>
  );
}

export function AgentCards() {
  const t = useT();
  const agents = useStore((s) => s.state?.agents);
  if (!agents) return null;
  return (
    <Section title={t('agents.title')}>
      <ul className="agents">
        {agents.map((agent) => (
          <AgentCard key={agent.role} agent={agent} />
        ))}
      </ul>
    </Section>
  );
}

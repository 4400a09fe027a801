import type { ApprovalView } from '../../../../../shared/domain';
import { swapTimeRange } from '../../../../../shared/swap-time';
import { call } from '../../api/client';
import { EngineText } from '../../components/EngineText';
import { Empty, ErrorNote } from '../../components/Notes';
import { Section } from '../../components/Section';
import { useLocale, useT } from '../../i18n/store';
import { formatBytes, formatTime, formatUsd } from '../../lib/format';
import { useAction } from '../../lib/use-action';
import { hrefFor } from '../../state/route';
import { useStore } from '../../state/store';

const answer = (id: string, decision: 'approve' | 'deny' | 'approve-anyway') =>
  call('approvals.answer', { id, decision });

type Choice = {
  decision: 'approve' | 'deny' | 'approve-anyway';
  label: 'approval.approve' | 'approval.deny' | 'approval.approveAnyway';
  className: string;
};

/**
 * The usual order is Approve, Deny. When memory could not be read the fit gate fails closed:
 * Deny comes first as the primary action, and going ahead is an explicit second choice.
 */
const usualChoices: readonly Choice[] = [
  { decision: 'approve', label: 'approval.approve', className: 'primary' },
  { decision: 'deny', label: 'approval.deny', className: 'danger' },
];
const failClosedChoices: readonly Choice[] = [
  { decision: 'deny', label: 'approval.deny', className: 'primary' },
  { decision: 'approve-anyway', label: 'approval.approveAnyway', className: 'danger' },
];

function Answer({ approval }: { approval: ApprovalView }) {
  const t = useT();
  const { run, busy, error } = useAction(answer);
  const memoryUnknown = approval.planner?.memoryUnknown === true;
  return (
    <>
      {memoryUnknown ? (
        <p className="warn-text" role="alert" data-memory-unknown>
          {t('engine.memoryUnknown')}
        </p>
      ) : null}
      <div className="approval-actions">
        {(memoryUnknown ? failClosedChoices : usualChoices).map((c) => (
          <button
            key={c.decision}
            type="button"
            className={c.className}
            disabled={busy}
            onClick={() => void run(approval.id, c.decision)}
            data-action={c.decision}
          >
            {t(c.label)}
          </button>
        ))}
      </div>
      {error ? <ErrorNote title={t('approval.failed')} detail={error} /> : null}
    </>
  );
}

function PlannerDetails({ planner }: { planner: NonNullable<ApprovalView['planner']> }) {
  const t = useT();
  return (
    <>
      {/* The warning exactly as docs/architecture.md ("What the product promises") words it, in Korean (canonical) and in English. */}
      <p className="warning" lang="ko">
        {planner.warningKo}
      </p>
      <p className="warning-en" lang="en">
        {planner.warningEn}
      </p>
      <dl className="facts">
        <dt>{t('approval.unloads')}</dt>
        <dd>
          {planner.unloadModels.length ? (
            <ul className="inline-list">
              {planner.unloadModels.map((m) => (
                <li key={m}>
                  <code>{m}</code>
                </li>
              ))}
            </ul>
          ) : (
            t('approval.unloadsNone')
          )}
        </dd>
        <dt>{t('approval.loads')}</dt>
        <dd>
          <code>{planner.plannerModel}</code>
        </dd>
        <dt>{t('approval.frees')}</dt>
        <dd>{formatBytes(planner.freesBytes)}</dd>
        <dt>{t('approval.expected')}</dt>
        <dd data-expected-seconds={planner.expectedSwapSeconds}>
          {t('approval.secondsRange', {
            n: planner.expectedSwapSeconds,
            ...swapTimeRange(planner.expectedSwapSeconds),
            kind: t(planner.plannerWarm ? 'approval.warm' : 'approval.cold'),
          })}
        </dd>
        <dt>{t('approval.restore')}</dt>
        <dd>{t('approval.seconds', { n: planner.expectedRestoreSeconds })}</dd>
        <dt>{t('approval.planning')}</dt>
        <dd>
          {planner.typicalPlanningSeconds === null
            ? t('approval.planningUnknown')
            : t('approval.planningTypical', { n: planner.typicalPlanningSeconds })}
        </dd>
      </dl>
    </>
  );
}

/** What a frontier call will send and cost (Rule 3 for frontier calls: the exact outgoing text). */
function FrontierDetails({ approval }: { approval: ApprovalView }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const detail = approval.frontier ?? null;
  const usd = (v: number | null | undefined) =>
    v === null || v === undefined ? t('frontier.noCap') : formatUsd(v, locale);
  return (
    <>
      <p className="warning">{t('frontier.approvalWarning')}</p>
      <dl className="facts">
        <dt>{t('frontier.provider')}</dt>
        <dd>{approval.provider ?? '–'}</dd>
        <dt>{t('frontier.model')}</dt>
        <dd>
          <code>{approval.model ?? '–'}</code>
        </dd>
        <dt>{t('frontier.estimatedCost')}</dt>
        <dd data-estimated-cost={approval.estimatedCostUsd}>
          {approval.estimatedCostUsd === undefined ? '–' : formatUsd(approval.estimatedCostUsd, locale)}
          {detail
            ? ` · ${t('frontier.tokens', { input: detail.inputTokens.toLocaleString(), output: detail.maxOutputTokens.toLocaleString() })}`
            : ''}
        </dd>
        {detail ? (
          <>
            <dt>{t('spend.caps')}</dt>
            <dd>
              {t('frontier.budgetLeft', {
                today: usd(detail.budget.leftTodayUsd),
                month: usd(detail.budget.leftMonthUsd),
              })}
            </dd>
          </>
        ) : null}
      </dl>
      {detail && !detail.priceKnown ? <p className="note warn">{t('frontier.priceUnknown')}</p> : null}
      {detail ? <p className="muted">{t('frontier.pricesAsOf', { date: detail.pricesAsOf })}</p> : null}
      {approval.outgoing !== undefined ? (
        <figure className="outgoing">
          <figcaption>{t('frontier.outgoing')}</figcaption>
          <pre data-outgoing>{approval.outgoing}</pre>
        </figure>
      ) : null}
      {detail ? (
        <p className="muted">
          {detail.redactions.length
            ? t('frontier.redacted', { list: detail.redactions.map((r) => `${r.kind} ×${r.count}`).join(', ') })
            : t('frontier.redactedNone')}
        </p>
      ) : null}
    </>
  );
}

function ApprovalCard({ approval }: { approval: ApprovalView }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const pending = approval.status === 'pending';
  return (
    <li
      className={`approval card kind-${approval.kind} ${pending ? 'pending' : ''}`}
      data-approval-id={approval.id}
      data-kind={approval.kind}
      data-status={approval.status}
    >
      <div className="panel-head">
        <h3>{t(approval.kind === 'planner' ? 'approval.planner' : 'approval.frontier')}</h3>
        <span className={`chip approval-${approval.status}`}>{t(`approvalStatus.${approval.status}`)}</span>
      </div>
      {/* An answered planner approval says "Approved." in the engine's words: the chip says it already. */}
      {approval.planner && pending ? (
        <PlannerDetails planner={approval.planner} />
      ) : approval.kind === 'frontier' && pending && approval.outgoing !== undefined ? (
        <FrontierDetails approval={approval} />
      ) : approval.status === 'approved' && approval.kind === 'planner' ? null : (
        <p className="approval-message">
          <EngineText message={approval.said} />
        </p>
      )}
      <p className="muted">
        {approval.askedAt ? t('approval.asked', { time: formatTime(approval.askedAt, locale) }) : null}
        {approval.taskIds.length ? ' · ' : null}
        {approval.taskIds.map((id, i) => (
          <span key={id}>
            {i ? ', ' : ''}
            <a href={hrefFor('task', id)}>{id}</a>
          </span>
        ))}
      </p>
      {pending ? <Answer approval={approval} /> : null}
    </li>
  );
}

/** Pending approvals: shown on every view, above everything else, until answered. */
export function PendingApprovals() {
  const t = useT();
  const approvals = useStore((s) => s.state?.approvals);
  const pending = approvals?.filter((a) => a.status === 'pending') ?? [];
  if (pending.length === 0) return null;
  return (
    <section className="approvals-pending" aria-labelledby="pending-approvals-title" role="region">
      <h2 id="pending-approvals-title">{t('approval.pendingTitle', { n: pending.length })}</h2>
      <ul className="approvals">
        {pending.map((a) => (
          <ApprovalCard key={a.id} approval={a} />
        ))}
      </ul>
    </section>
  );
}

/** Every approval the host still lists, answered ones included. */
export function ApprovalHistory() {
  const t = useT();
  const approvals = useStore((s) => s.state?.approvals);
  const answered = approvals?.filter((a) => a.status !== 'pending') ?? [];
  return (
    <Section title={t('approval.historyTitle')}>
      {answered.length === 0 ? (
        <Empty>{t('approval.historyEmpty')}</Empty>
      ) : (
        <ul className="approvals">
          {[...answered].reverse().map((a) => (
            <ApprovalCard key={a.id} approval={a} />
          ))}
        </ul>
      )}
    </Section>
  );
}

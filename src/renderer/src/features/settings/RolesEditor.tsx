import { useCallback, useState, type FormEvent } from 'react';
import type { RolePlan, SettingsView } from '../../../../../shared/contract';
import type { Role } from '../../../../../shared/domain';
import { call } from '../../api/client';
import { ErrorNote } from '../../components/Notes';
import { useT } from '../../i18n/store';
import { formatBytes } from '../../lib/format';
import { useAction } from '../../lib/use-action';

const profileIds = ['m4pro-64', 'm4max-128', 'm3-36'] as const;
type Draft = Record<string, { model: string; numCtx: string }>;

/** What the plan says about the proposed roles, in the user's words. */
function PlanSummary({ plan }: { plan: RolePlan }) {
  const t = useT();
  const used = formatBytes(plan.residentsTotalBytes);
  const budget = formatBytes(plan.budgetBytes);
  const fits = plan.residentsFit && plan.plannerFits && plan.cpuOffload.length === 0;
  return (
    <div className={`note ${fits ? 'info' : 'warn'}`} role="status" data-plan-fits={fits}>
      <p>{t(plan.residentsFit ? 'settings.planFits' : 'settings.planTooBig', { used, budget })}</p>
      <p>
        {!plan.plannerFits
          ? t('settings.planPlannerTooBig')
          : plan.plannerSwapEvicts.length
            ? t('settings.planEvicts', { roles: plan.plannerSwapEvicts.map((r) => t(`role.${r}`)).join(', ') })
            : t('settings.planNoEvict')}
      </p>
      {plan.cpuOffload.map((o) => (
        <p key={o.role} data-cpu-offload={o.role}>
          {t('settings.planCpuOffload', {
            role: t(`role.${o.role}`),
            model: o.model,
            numCtx: String(o.numCtx),
            over: formatBytes(o.overBytes),
          })}{' '}
          {o.fitsAtNumCtx !== null
            ? t('settings.planCpuOffloadCtx', { fits: String(o.fitsAtNumCtx) })
            : t('settings.planCpuOffloadModel')}
        </p>
      ))}
      {plan.saved ? (
        <p data-saved="true">{t('settings.savedRestart', { path: '.frontier-sos/settings.json' })}</p>
      ) : null}
    </div>
  );
}

/**
 * The models and num_ctx per role, editable: checked against the memory plan, and saved for the
 * next start (the running engine keeps its models, so no work in flight is pulled from under it).
 */
export function RolesEditor({ settings }: { settings: SettingsView }) {
  const t = useT();
  const [draft, setDraft] = useState<Draft>(() =>
    Object.fromEntries(settings.roles.map((r) => [r.role, { model: r.model, numCtx: String(r.numCtx) }])),
  );
  const [profile, setProfile] = useState(settings.profile);
  const [plan, setPlan] = useState<RolePlan | null>(null);
  const submit = useCallback(
    (save: boolean) => {
      const roles = Object.fromEntries(
        Object.entries(draft).map(([role, d]) => [role, { model: d.model.trim(), numCtx: Number(d.numCtx) }]),
      );
      return call('settings.roles', { roles, profile, save }).then(setPlan);
    },
    [draft, profile],
  );
  const { run, busy, error } = useAction(submit);
  const edit = (role: Role, field: 'model' | 'numCtx', value: string) => {
    setPlan(null);
    setDraft((d) => ({ ...d, [role]: { ...d[role]!, [field]: value } }));
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void run(false);
  };
  return (
    <form className="roles-editor" onSubmit={onSubmit}>
      <table className="roles">
        <caption>{t('settings.roles')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('settings.role')}</th>
            <th scope="col">{t('settings.model')}</th>
            <th scope="col">num_ctx</th>
            <th scope="col">{t('settings.residency')}</th>
          </tr>
        </thead>
        <tbody>
          {settings.roles.map((r) => (
            <tr key={r.role} data-role={r.role}>
              <th scope="row">{t(`role.${r.role}`)}</th>
              <td>
                <input
                  type="text"
                  required
                  spellCheck={false}
                  value={draft[r.role]!.model}
                  onChange={(e) => edit(r.role, 'model', e.target.value)}
                  aria-label={t('settings.modelOf', { role: t(`role.${r.role}`) })}
                />
              </td>
              <td>
                <input
                  type="number"
                  required
                  min={512}
                  step={512}
                  value={draft[r.role]!.numCtx}
                  onChange={(e) => edit(r.role, 'numCtx', e.target.value)}
                  aria-label={t('settings.numCtxOf', { role: t(`role.${r.role}`) })}
                />
              </td>
              <td>{t(r.resident ? 'settings.resident' : 'settings.onDemand')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <label>
        {t('settings.profile')}{' '}
        <select
          value={profile}
          onChange={(e) => {
            setPlan(null);
            setProfile(e.target.value);
          }}
        >
          {profileIds.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
      </label>
      <p className="actions">
        <button type="submit" disabled={busy}>
          {t('settings.check')}
        </button>{' '}
        <button type="button" disabled={busy} onClick={() => void run(true)}>
          {t('settings.saveRoles')}
        </button>
      </p>
      {error ? <ErrorNote title={t('settings.rolesError')} detail={error} /> : null}
      {plan ? <PlanSummary plan={plan} /> : null}
      <p className="muted">{t('settings.rolesNote')}</p>
    </form>
  );
}

import { readEngineSettings } from './engine-settings';
import type { RolePlan } from '../../shared/contract';
import { ContractError } from '../../shared/dispatch';
import { engineSettingsPath, type EngineSettings } from '../../shared/engine-settings';
import { cpuOffloadMessage, findProfile, planMemory, type MachineProfile } from '../../shared/memory/index';
import { residentRoles, resolveRoles, type RoleOverrides } from '../../shared/roles';
import { ModelSizeError, resolveSpecs } from './memory/specs';
import type { Ports } from './ports';

const gb = (bytes: number) => `${(bytes / 1e9).toFixed(1)} GB`;

/**
 * The memory plan for role settings the user proposes, and with `save` those settings written to
 * the workspace for the next start. The running engine keeps its models: changing them under work
 * in flight would break the rules the swap protocol keeps.
 */
export async function planRoleSettings(
  ports: Pick<Ports, 'modelHost' | 'workspace'>,
  input: { roles: RoleOverrides; profile?: string | undefined; save: boolean },
  context: { profile: MachineProfile; ollamaUrl: string },
): Promise<RolePlan> {
  const roles = resolveRoles(input.roles);
  const profile = input.profile ? findProfile(input.profile) : context.profile;
  if (!profile) throw new ContractError('invalid_input', `Unknown machine profile "${input.profile}".`);
  let specs;
  try {
    specs = await resolveSpecs(ports.modelHost, roles, context.ollamaUrl);
  } catch (error) {
    if (error instanceof ModelSizeError) throw new ContractError('invalid_input', error.message);
    throw error;
  }
  const plan = planMemory(roles, profile, specs);
  if (input.save && !plan.residentsFit) {
    throw new ContractError(
      'invalid_input',
      `Not saved: the residents (${residentRoles.map((r) => roles[r].model).join(', ')}) need ${gb(plan.residentsTotalBytes)} together, more than the ${gb(plan.budgetBytes)} budget. Lower num_ctx or choose smaller models.`,
    );
  }
  // A role half on the CPU is unusably slow: never saved for the next start (docs/ollama.md, "Memory prediction").
  if (input.save && plan.cpuOffload.length) {
    throw new ContractError('invalid_input', `Not saved: ${plan.cpuOffload.map(cpuOffloadMessage).join(' ')}`);
  }
  if (input.save) {
    // Keep what else the file says (keepSecretsInHandoffFiles, a profile not being changed).
    const existing = await readEngineSettings(ports.workspace).catch(() => ({}) as EngineSettings);
    const settings: EngineSettings = {
      ...existing,
      roles: input.roles,
      ...(input.profile ? { profile: input.profile } : {}),
    };
    await ports.workspace.writeTextAtomic(engineSettingsPath, `${JSON.stringify(settings, null, 2)}\n`);
  }
  return {
    profile: profile.id,
    budgetBytes: plan.budgetBytes,
    residentsTotalBytes: plan.residentsTotalBytes,
    residentsFit: plan.residentsFit,
    plannerFits: plan.plannerSwapEvicts !== null,
    plannerSwapEvicts: plan.plannerSwapEvicts ?? [],
    models: plan.models.map((m) => ({ role: m.role, model: m.model, numCtx: m.numCtx, totalBytes: m.totalBytes })),
    cpuOffload: plan.cpuOffload.map((o) => ({
      role: o.role,
      model: o.model,
      numCtx: o.numCtx,
      overBytes: o.overBytes,
      fitsAtNumCtx: o.fitsAtNumCtx,
      message: cpuOffloadMessage(o),
    })),
    saved: input.save,
  };
}

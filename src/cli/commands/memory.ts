import type { Role } from '../../../shared/domain';
import {
  cpuOffloadMessage,
  findProfile,
  planMemory,
  profiles,
  UnknownModelError,
  type MemoryPlan,
} from '../../../shared/memory/index';
import { defaultRoles, type RolesConfig } from '../../../shared/roles';
import { parseFlags } from '../args';
import { CliError, type Command } from '../io';

const roles: readonly Role[] = ['router', 'coder', 'reviewer', 'planner'];
const gb = (bytes: number) => `${(bytes / 1e9).toFixed(1)} GB`;

/** The plan in the shape docs/interfaces.md fixes for `memory --json`. */
export function planToJson(plan: MemoryPlan) {
  return {
    budget_bytes: plan.budgetBytes,
    gpu_working_set_bytes: plan.profile.gpuBudgetBytes,
    models: plan.models.map((m) => ({
      role: m.role,
      model: m.model,
      num_ctx: m.numCtx,
      weights_bytes: m.weightsBytes,
      kv_bytes: m.kvBytes,
      graph_bytes: m.graphBytes,
      total_bytes: m.totalBytes,
      num_batch: m.numBatch,
      ollama_predicted_bytes: m.ollamaPredictedBytes,
    })),
    residents_total_bytes: plan.residentsTotalBytes,
    residents_fit: plan.residentsFit,
    planner_swap_evicts: plan.plannerSwapEvicts ?? roles.filter((r) => r !== 'planner'),
    planner_fits: plan.plannerSwapEvicts !== null,
    cpu_offload: plan.cpuOffload.map((o) => ({
      role: o.role,
      model: o.model,
      num_ctx: o.numCtx,
      need_bytes: o.needBytes,
      room_bytes: o.roomBytes,
      over_bytes: o.overBytes,
      beside: o.beside,
      fits_at_num_ctx: o.fitsAtNumCtx,
      message: cpuOffloadMessage(o),
    })),
    refused: plan.cpuOffload.length > 0,
  };
}

function planToText(plan: MemoryPlan): string {
  const lines = [
    `Profile ${plan.profile.id} (${plan.profile.label}): GPU working set ${gb(plan.profile.gpuBudgetBytes)} (${(plan.profile.gpuBudgetBytes / 2 ** 30).toFixed(0)} GiB), ${Math.round(plan.profile.headroomFraction * 100)}% kept free → budget ${gb(plan.budgetBytes)}`,
    '',
    `${'role'.padEnd(9)}${'model'.padEnd(20)}${'num_ctx'.padStart(8)}${'weights'.padStart(10)}${'KV'.padStart(9)}${'graph'.padStart(9)}${'total'.padStart(10)}`,
    ...plan.models.map(
      (m) =>
        `${m.role.padEnd(9)}${m.model.padEnd(20)}${String(m.numCtx).padStart(8)}${gb(m.weightsBytes).padStart(10)}${gb(m.kvBytes).padStart(9)}${gb(m.graphBytes).padStart(9)}${gb(m.totalBytes).padStart(10)}`,
    ),
    '',
    `Residents together: ${gb(plan.residentsTotalBytes)} — ${plan.residentsFit ? 'they fit' : `they do NOT fit the ${gb(plan.budgetBytes)} budget: lower num_ctx or pick smaller models`}.`,
  ];
  if (plan.plannerSwapEvicts === null)
    lines.push('Planner swap: the planner does not fit even with every resident unloaded.');
  else if (plan.plannerSwapEvicts.length === 0)
    lines.push('Planner swap: the planner fits beside every resident; nothing has to unload.');
  else
    lines.push(
      `Planner swap: must unload ${plan.plannerSwapEvicts.join(' and ')} (frees ${gb(plan.plannerSwapFreesBytes)}).`,
    );
  for (const o of plan.cpuOffload) lines.push(`REFUSED: ${cpuOffloadMessage(o)}`);
  return lines.join('\n');
}

export const memoryCommand: Command = {
  name: 'memory',
  summary: 'Print the memory plan of the configured roles.',
  usage:
    'frontier-sos memory [--profile m4pro-64] [--num-ctx N] [--router|--coder|--reviewer|--planner MODEL] [--json]',
  async run(args, io) {
    const { values } = parseFlags('memory', args, {
      profile: { type: 'string' },
      'num-ctx': { type: 'string' },
      router: { type: 'string' },
      coder: { type: 'string' },
      reviewer: { type: 'string' },
      planner: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (values.help) {
      io.out(
        `${this.usage}\n\n${this.summary}\n--num-ctx sets the context length of every role (default: 8192 for residents, 32768 for the planner).\nProfiles: ${profiles.map((p) => p.id).join(', ')}.`,
      );
      return 0;
    }
    const profileId = values.profile ?? 'm4pro-64';
    const profile = findProfile(profileId);
    if (!profile)
      throw new CliError(
        `frontier-sos memory: unknown profile "${profileId}". Profiles: ${profiles.map((p) => p.id).join(', ')}.`,
      );
    let numCtx: number | undefined;
    if (values['num-ctx'] !== undefined) {
      numCtx = Number(values['num-ctx']);
      if (!Number.isInteger(numCtx) || numCtx < 256 || numCtx > 1_048_576) {
        throw new CliError(
          `frontier-sos memory: --num-ctx must be a whole number from 256 to 1048576, not "${values['num-ctx']}".`,
        );
      }
    }
    const config = Object.fromEntries(
      roles.map((role) => [
        role,
        {
          ...defaultRoles[role],
          model: values[role] ?? defaultRoles[role].model,
          numCtx: numCtx ?? defaultRoles[role].numCtx,
        },
      ]),
    ) as RolesConfig;
    let plan: MemoryPlan;
    try {
      plan = planMemory(config, profile);
    } catch (error) {
      if (error instanceof UnknownModelError) throw new CliError(`frontier-sos memory: ${error.message}`);
      throw error;
    }
    io.out(values.json ? JSON.stringify(planToJson(plan)) : planToText(plan));
    // A role half on the CPU is unusable: the plan is shown, and the configuration refused.
    for (const o of plan.cpuOffload) io.err(`frontier-sos memory: ${cpuOffloadMessage(o)}`);
    return plan.cpuOffload.length ? 2 : 0;
  },
};

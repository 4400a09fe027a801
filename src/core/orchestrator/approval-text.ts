import type { Role } from '../../../shared/domain';
import { messages } from '../../../shared/i18n';
import type { PlannerApprovalDetail } from '../ports';
import type { Context } from './context';

const gb = (bytes: number) => `${(bytes / 1e9).toFixed(1)} GB`;

/**
 * Seconds a swap is expected to take: unload is quick, the planner load and the residents'
 * return are bytes ÷ load speed (measured on this machine when we have it, else the profile's).
 */
export function expectedSwapSeconds(ctx: Context, evict: readonly Role[]): number {
  const measured = ctx.ports.modelHost.measuredLoadBytesPerSec?.() ?? null;
  const speed = measured ?? ctx.plan.profile.warmLoadBytesPerSec;
  const weights = (role: Role) => ctx.plan.models.find((m) => m.role === role)?.weightsBytes ?? 0;
  const back = ctx.options.policy.reload === 'eager' ? evict : evict.filter((r) => r === 'router' || r === 'coder');
  // Unloading frees memory in about a second; the time goes into reading weights back in.
  const bytes = weights('planner') + back.reduce((s, r) => s + weights(r), 0);
  return Math.round(bytes / speed);
}

/**
 * The approval for a swap that evicts `evict`, of which `unloading` are loaded now: the user is
 * told what will really leave memory (a Reviewer that is not loaded is not "unloaded").
 */
export function plannerApproval(ctx: Context, evict: readonly Role[], unloading: readonly Role[], taskIds: string[], memoryUnknown = false): { message: string; detail: PlannerApprovalDetail } {
  const freesBytes = unloading.reduce((s, r) => s + (ctx.plan.models.find((m) => m.role === r)?.totalBytes ?? 0), 0);
  const unloadModels = unloading.map((r) => ctx.model(r));
  const seconds = expectedSwapSeconds(ctx, evict);
  const detail: PlannerApprovalDetail = {
    warningKo: messages.ko['planner.warning'],
    warningEn: messages.en['planner.warning'],
    plannerModel: ctx.model('planner'),
    unloadModels,
    freesBytes,
    expectedSwapSeconds: seconds,
    taskIds,
    memoryUnknown,
  };
  const batch = taskIds.length > 1 ? ` This approval covers ${taskIds.length} planner requests.` : '';
  const message = [
    detail.warningKo,
    `${detail.warningEn} ${unloadModels.length ? `Unloads ${unloadModels.join(', ')} (frees ${gb(freesBytes)})` : 'Unloads nothing (the residents it needs gone are not loaded)'} to load ${detail.plannerModel}; expected swap time about ${seconds} s.${batch}`,
  ].join('\n');
  return { message, detail };
}

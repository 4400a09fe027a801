import type { Role } from '../../../shared/domain';
import { say, type EngineMessage } from '../../../shared/engine-message';
import { messages } from '../../../shared/i18n';
import { swapTimeRange } from '../../../shared/swap-time';
import type { PlannerApprovalDetail } from '../ports';
import type { Context } from './context';

const gb = (bytes: number) => `${(bytes / 1e9).toFixed(1)} GB`;

const tenth = (seconds: number) => Math.round(seconds * 10) / 10;

/** Seconds to load a model: as measured last time if it was loaded before (warm), else from the profile (cold). */
function loadSeconds(ctx: Context, role: Role): { seconds: number; warm: boolean } {
  const model = ctx.model(role);
  const bytes = ctx.plan.models.find((m) => m.role === role)?.weightsBytes ?? 0;
  const seen = ctx.loadHistory.get(model);
  const { coldLoadBytesPerSec, warmLoadBytesPerSec } = ctx.plan.profile;
  const scale = ctx.options.timeScale;
  // Loaded before in this run: its pages are likely still cached. A measured warm load is the best guess.
  if (seen && seen.count >= 2) return { seconds: seen.lastMs / 1000, warm: true };
  if (seen) return { seconds: (bytes / warmLoadBytesPerSec) * scale, warm: true };
  return { seconds: (bytes / coldLoadBytesPerSec) * scale, warm: false };
}

/**
 * How long the Planner usually works on one request: the median over the last ten swaps that
 * planned (from the journalled swaps, so it survives restarts), or null until there is one.
 */
export function typicalPlanningSeconds(ctx: Context): number | null {
  const perRequest = ctx.state.swaps
    .filter(
      (s) =>
        s.enteredAt['planning'] !== undefined && s.enteredAt['unloading_planner'] !== undefined && s.taskIds.length > 0,
    )
    .slice(-10)
    .map((s) => (s.enteredAt['unloading_planner']! - s.enteredAt['planning']!) / 1000 / s.taskIds.length)
    .sort((a, b) => a - b);
  if (perRequest.length === 0) return null;
  return tenth(perRequest[Math.floor(perRequest.length / 2)]!);
}

/**
 * What a swap is expected to take, in the time the user waits (the simulator's scale in demo
 * mode): from unloading to the Planner ready (`swapSeconds`: about a second an unload, then the
 * Planner's load, cold the first time today, warm after), and the residents' return after it
 * leaves (`restoreSeconds`). A point estimate; the approval shows it as a range, since the page
 * cache and the disk are not ours to predict.
 */
export function expectedSwap(
  ctx: Context,
  evict: readonly Role[],
  unloading: readonly Role[],
): { swapSeconds: number; restoreSeconds: number; plannerWarm: boolean } {
  const planner = loadSeconds(ctx, 'planner');
  const unloadSeconds = unloading.length * 1 * ctx.options.timeScale;
  const back = ctx.options.policy.reload === 'eager' ? evict : evict.filter((r) => r === 'router' || r === 'coder');
  const restoreSeconds = back.reduce((s, r) => s + loadSeconds(ctx, r).seconds, 0);
  return {
    swapSeconds: tenth(unloadSeconds + planner.seconds),
    restoreSeconds: tenth(restoreSeconds),
    plannerWarm: planner.warm,
  };
}

/**
 * The approval for a swap that evicts `evict`, of which `unloading` are loaded now: the user is
 * told what will really leave memory (a Reviewer that is not loaded is not "unloaded").
 */
export function plannerApproval(
  ctx: Context,
  evict: readonly Role[],
  unloading: readonly Role[],
  taskIds: string[],
  memoryUnknown = false,
): { message: string; said: EngineMessage; detail: PlannerApprovalDetail } {
  const freesBytes = unloading.reduce((s, r) => s + (ctx.plan.models.find((m) => m.role === r)?.totalBytes ?? 0), 0);
  const unloadModels = unloading.map((r) => ctx.model(r));
  const expected = expectedSwap(ctx, evict, unloading);
  const seconds = expected.swapSeconds;
  const detail: PlannerApprovalDetail = {
    warningKo: messages.ko['planner.warning'],
    warningEn: messages.en['planner.warning'],
    plannerModel: ctx.model('planner'),
    unloadModels,
    freesBytes,
    expectedSwapSeconds: seconds,
    expectedRestoreSeconds: expected.restoreSeconds,
    plannerWarm: expected.plannerWarm,
    typicalPlanningSeconds: typicalPlanningSeconds(ctx),
    taskIds,
    memoryUnknown,
  };
  const batch = taskIds.length > 1 ? ` This approval covers ${taskIds.length} planner requests.` : '';
  const message = [
    detail.warningKo,
    `${detail.warningEn} ${unloadModels.length ? `Unloads ${unloadModels.join(', ')} (frees ${gb(freesBytes)})` : 'Unloads nothing (the residents it needs gone are not loaded)'} to load ${detail.plannerModel}; expected swap time about ${seconds} s (${expected.plannerWarm ? 'warm: loaded earlier today' : 'cold: read from disk'}, could be ${swapTimeRange(seconds).low}–${swapTimeRange(seconds).high} s); the residents return about ${expected.restoreSeconds} s after the Planner leaves. The Planner usually works ${detail.typicalPlanningSeconds === null ? 'for an unknown time (no history yet)' : `about ${detail.typicalPlanningSeconds} s`} per request.${batch}`,
  ].join('\n');
  return { message, said: say('planner.warning'), detail };
}

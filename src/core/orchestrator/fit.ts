import { checkPlannerFit, type FitDecision } from '../memory/fit-gate';
import { combineReading } from '../memory/live';
import type { Context } from './context';

/**
 * The fit gate against a fresh reading. Null when memory cannot be read at all: the approval
 * then says the fit was not checked, rather than pretending it was.
 */
export async function checkFitNow(ctx: Context): Promise<FitDecision | null> {
  let reading;
  try {
    reading = await ctx.ports.memory.read();
  } catch {
    return null;
  }
  let loaded = null;
  try {
    loaded = await ctx.ports.modelHost.listLoaded();
  } catch {
    /* combineReading records that the host did not answer */
  }
  const live = combineReading(reading, { at: ctx.ports.clock.now(), loaded, profile: ctx.plan.profile });
  return checkPlannerFit({ plan: ctx.plan, live, swapGrowthBytes: ctx.swapGrowthBytes() });
}

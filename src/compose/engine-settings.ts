import { z } from 'zod';
import { profiles } from '../../shared/memory/profiles';
import { roleOverridesSchema, type RoleOverrides } from '../../shared/roles';
import type { Workspace } from '../core/ports';

/** The engine's settings, beside its journal: `<workspace>/.frontier-sos/settings.json`. */
export const engineSettingsPath = '.frontier-sos/settings.json';

export const engineSettingsSchema = z
  .object({
    roles: roleOverridesSchema.optional(),
    /** The machine the memory plan is made for (default m4pro-64). */
    profile: z.enum(profiles.map((p) => p.id) as [string, ...string[]]).optional(),
  })
  .strict();
export type EngineSettings = z.infer<typeof engineSettingsSchema>;

export class EngineSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EngineSettingsError';
  }
}

/**
 * The workspace's engine settings; none when the file is absent. A file that is not valid stops the
 * start with the line to fix: running with other models than the user wrote down would be worse.
 */
export async function readEngineSettings(workspace: Workspace): Promise<EngineSettings> {
  const text = await workspace.readText(engineSettingsPath);
  if (text === null) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new EngineSettingsError(`${engineSettingsPath} is not valid JSON (${error instanceof Error ? error.message : String(error)}). Fix it or delete it to use the defaults.`);
  }
  const parsed = engineSettingsSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`).join('; ');
    throw new EngineSettingsError(`${engineSettingsPath} has settings that cannot be used — ${problems}. Example: {"roles": {"planner": {"model": "qwen2.5:32b", "numCtx": 16384}}}.`);
  }
  return parsed.data;
}

export type { RoleOverrides };

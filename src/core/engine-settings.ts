import { engineSettingsPath, engineSettingsSchema, type EngineSettings } from '../../shared/engine-settings';
import type { Workspace } from './ports';

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
    throw new EngineSettingsError(
      `${engineSettingsPath} is not valid JSON (${error instanceof Error ? error.message : String(error)}). Fix it or delete it to use the defaults.`,
    );
  }
  const parsed = engineSettingsSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`).join('; ');
    throw new EngineSettingsError(
      `${engineSettingsPath} has settings that cannot be used — ${problems}. Example: {"roles": {"planner": {"model": "qwen2.5:32b", "numCtx": 16384}}}.`,
    );
  }
  return parsed.data;
}

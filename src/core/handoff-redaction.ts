import { redactSecrets } from '../../shared/frontier/redact';
import type { Workspace } from './ports';

/**
 * Hand-off files are redacted as they are written: `shared/` (current_task.json, temp_context.md,
 * blueprint.md, results, the frontier answer) and the snapshot versions are files a user may
 * commit with the code or show on screen, so a key pasted into a task must not land there. The
 * journal, the conversation log and the corrections file keep what replay and learning need; they
 * live in `.frontier-sos/`, private to the user (0600). Placeholders name the kind of secret.
 */
const redactedPrefixes = ['shared/', '.frontier-sos/snapshots/'];

const isHandoff = (path: string): boolean => redactedPrefixes.some((p) => path.startsWith(p));

/** Every string inside a JSON value, redacted; the structure (and so the JSON) stays valid. */
function redactJsonValue(value: unknown): unknown {
  if (typeof value === 'string') return redactSecrets(value).text;
  if (Array.isArray(value)) return value.map(redactJsonValue);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactJsonValue(v)]));
  return value;
}

export function redactText(path: string, text: string): string {
  if (path.endsWith('.json')) {
    try {
      const value: unknown = JSON.parse(text);
      // Keep the writer's layout (pretty or compact): the same indent, the same last newline.
      const indent = /^[[{]\n( +)/.exec(text)?.[1]?.length;
      return JSON.stringify(redactJsonValue(value), null, indent) + (text.endsWith('\n') ? '\n' : '');
    } catch {
      // Not JSON after all: redact it as text.
    }
  }
  return redactSecrets(text).text;
}

export function redactingWorkspace(workspace: Workspace): Workspace {
  return {
    root: workspace.root,
    readText: (path) => workspace.readText(path),
    writeTextAtomic: (path, text) => workspace.writeTextAtomic(path, isHandoff(path) ? redactText(path, text) : text),
    appendLine: (path, line) => workspace.appendLine(path, isHandoff(path) ? redactSecrets(line).text : line),
  };
}

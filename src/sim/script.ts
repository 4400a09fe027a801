import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { sameModelName } from '../../shared/ollama-name';

/** What a script rule sees of a generate or chat request. */
export interface ScriptRequest {
  endpoint: 'generate' | 'chat';
  model: string;
  /** generate: system + prompt; chat: every message's content, one per line. */
  text: string;
  system: string;
  /** The prompt, or the last message's content. */
  input: string;
  format: unknown;
}

export type ScriptAnswer = { text: string } | { error: string; status: number };

/**
 * "When model M gets a request matching /re/, answer X." The first rule that matches wins; a rule
 * with `times` is used that often and then ignored. A non-string answer is sent as JSON.
 */
export interface ScriptRule {
  model?: string | RegExp;
  match?: string | RegExp;
  endpoint?: 'generate' | 'chat';
  respond?: string | number | boolean | object | null | ((request: ScriptRequest) => unknown);
  /** Answer with {"error": error} and this status (default 500) instead. */
  error?: string;
  status?: number;
  times?: number;
}

/** The same rule as a line of a script file (JSON or JSON Lines). */
export const scriptLineSchema = z
  .object({
    model: z.string().min(1).optional(),
    match: z.string().optional(),
    flags: z
      .string()
      .regex(/^[imsu]*$/, 'flags may contain only i, m, s and u')
      .optional(),
    endpoint: z.enum(['generate', 'chat']).optional(),
    response: z.unknown().optional(),
    error: z.string().optional(),
    status: z.number().int().min(400).max(599).optional(),
    times: z.number().int().positive().optional(),
  })
  .strict()
  .refine((r) => r.response !== undefined || r.error !== undefined, 'a rule needs "response" or "error"');

interface Entry {
  rule: ScriptRule;
  remaining: number;
}

export class Script {
  private entries: Entry[] = [];

  constructor(rules: readonly ScriptRule[] = []) {
    for (const rule of rules) this.add(rule);
  }

  add(rule: ScriptRule): void {
    this.entries.push({ rule, remaining: rule.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.entries = [];
  }

  get size(): number {
    return this.entries.length;
  }

  /** The answer of the first rule that applies, or null to let the generator answer. */
  answer(request: ScriptRequest): ScriptAnswer | null {
    const entry = this.entries.find((e) => matches(e.rule, request));
    if (!entry) return null;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.entries = this.entries.filter((e) => e !== entry);
    const { rule } = entry;
    if (rule.error !== undefined) return { error: rule.error, status: rule.status ?? 500 };
    const value =
      typeof rule.respond === 'function' ? (rule.respond as (r: ScriptRequest) => unknown)(request) : rule.respond;
    return { text: typeof value === 'string' ? value : JSON.stringify(value) };
  }
}

function matches(rule: ScriptRule, request: ScriptRequest): boolean {
  if (rule.endpoint && rule.endpoint !== request.endpoint) return false;
  if (rule.model !== undefined) {
    const ok =
      typeof rule.model === 'string' ? sameModelName(rule.model, request.model) : rule.model.test(request.model);
    if (!ok) return false;
  }
  if (rule.match !== undefined) {
    const re = typeof rule.match === 'string' ? new RegExp(rule.match) : rule.match;
    re.lastIndex = 0;
    if (!re.test(request.text)) return false;
  }
  return true;
}

export function ruleFromLine(line: z.infer<typeof scriptLineSchema>): ScriptRule {
  const rule: ScriptRule = {};
  if (line.model !== undefined) rule.model = line.model;
  if (line.match !== undefined) rule.match = new RegExp(line.match, line.flags ?? '');
  if (line.endpoint !== undefined) rule.endpoint = line.endpoint;
  if (line.response !== undefined) rule.respond = line.response as ScriptRule['respond'];
  if (line.error !== undefined) rule.error = line.error;
  if (line.status !== undefined) rule.status = line.status;
  if (line.times !== undefined) rule.times = line.times;
  return rule;
}

/**
 * Reads a script: a JSON array of rules, `{"rules": [...]}`, or JSON Lines (one rule a line,
 * blank lines and lines starting with # or // ignored). Errors name the file and the line.
 */
export function parseScript(text: string, source = 'script'): ScriptRule[] {
  const describe = (error: z.ZodError) =>
    error.issues.map((i) => `${i.path.join('.') || 'rule'}: ${i.message}`).join('; ');
  const trimmed = text.trim();
  let whole: unknown;
  try {
    whole = JSON.parse(trimmed);
  } catch {
    whole = undefined;
  }
  if (Array.isArray(whole) || (typeof whole === 'object' && whole !== null && 'rules' in whole)) {
    const list = Array.isArray(whole) ? whole : (whole as { rules: unknown }).rules;
    if (!Array.isArray(list)) throw new Error(`${source}: "rules" must be an array of rules.`);
    return list.map((item, i) => {
      const parsed = scriptLineSchema.safeParse(item);
      if (!parsed.success) throw new Error(`${source}: rule ${i + 1}: ${describe(parsed.error)}`);
      return ruleFromLine(parsed.data);
    });
  }
  const rules: ScriptRule[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('//')) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new Error(`${source}:${i + 1}: not JSON (${error instanceof Error ? error.message : String(error)}).`, {
        cause: error,
      });
    }
    const parsed = scriptLineSchema.safeParse(value);
    if (!parsed.success) throw new Error(`${source}:${i + 1}: ${describe(parsed.error)}`);
    rules.push(ruleFromLine(parsed.data));
  });
  return rules;
}

export function loadScriptFile(path: string): ScriptRule[] {
  return parseScript(readFileSync(path, 'utf8'), path);
}

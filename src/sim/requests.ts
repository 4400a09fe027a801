import { z } from 'zod';
import { DurationError, parseKeepAlive } from './keep-alive';

/**
 * Request bodies as Ollama's handlers bind them (api/types.go). Unknown fields are ignored, as Go's
 * encoding/json does; a field of the wrong type is a 400 that names the field.
 */

const runOptions = z.looseObject({
  num_ctx: z.number().int().positive().optional(),
  num_predict: z.number().int().optional(),
  seed: z.number().int().optional(),
});

const common = {
  model: z.string().default(''),
  stream: z.boolean().nullish(),
  format: z.unknown().optional(),
  keep_alive: z.unknown().optional(),
  options: runOptions.nullish(),
  think: z.unknown().optional(),
};

export const generateSchema = z.looseObject({
  ...common,
  prompt: z.string().nullish(),
  system: z.string().nullish(),
  suffix: z.string().nullish(),
});

/** api.Tool: a function the model may call, its parameters a JSON Schema. */
const toolSchema = z.looseObject({
  type: z.string().optional(),
  function: z.looseObject({
    name: z.string(),
    description: z.string().optional(),
    parameters: z.unknown().optional(),
  }),
});

export const chatSchema = z.looseObject({
  ...common,
  messages: z
    .array(
      z.looseObject({
        role: z.string(),
        content: z.string().nullish(),
        tool_calls: z.array(z.unknown()).nullish(),
        tool_name: z.string().nullish(),
      }),
    )
    .nullish(),
  tools: z.array(toolSchema).nullish(),
});

export type Tool = z.infer<typeof toolSchema>;

export const showSchema = z.looseObject({
  model: z.string().optional(),
  name: z.string().optional(),
  verbose: z.boolean().nullish(),
});

export type GenerateBody = z.infer<typeof generateSchema>;
export type ChatBody = z.infer<typeof chatSchema>;

export class BadRequest extends Error {
  readonly status = 400;
}

/** JSON text → a validated body; the errors Ollama gives are "missing request body" and the decoder's. */
export function parseBody<S extends z.ZodType>(schema: S, raw: string): z.infer<S> {
  if (raw.trim() === '') throw new BadRequest('missing request body');
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new BadRequest(`invalid JSON in request body: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BadRequest(
      `invalid request body: expected a JSON object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`,
    );
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
    throw new BadRequest(`invalid request body: ${issues}`);
  }
  return parsed.data;
}

/** keep_alive → ms (Infinity forever), undefined when absent; a bad one is a 400 with Go's text. */
export function keepAliveOf(body: { keep_alive?: unknown }): number | undefined {
  try {
    return parseKeepAlive(body.keep_alive);
  } catch (error) {
    if (error instanceof DurationError) throw new BadRequest(error.message);
    throw error;
  }
}

export type Format =
  | { kind: 'none' }
  | { kind: 'json' }
  | { kind: 'schema'; schema: Record<string, unknown> }
  | { kind: 'invalid'; message: string };

/**
 * llm/llama_server.go: null and "" mean none, "json" is JSON mode, an object is a JSON Schema,
 * anything else fails when generation starts.
 */
export function formatOf(format: unknown): Format {
  if (format === undefined || format === null || format === '') return { kind: 'none' };
  if (format === 'json') return { kind: 'json' };
  if (typeof format === 'object' && !Array.isArray(format))
    return { kind: 'schema', schema: format as Record<string, unknown> };
  const raw = JSON.stringify(format);
  return {
    kind: 'invalid',
    message: `invalid format: ${JSON.stringify(raw)}; expected "json" or a valid JSON Schema object`,
  };
}

const thinkLevels = ['high', 'medium', 'low', 'max'];

/**
 * `think` as api.ThinkValue.UnmarshalJSON reads it: a boolean, or one of the levels; anything else
 * is a 400 with its text. Returns whether thinking is asked for (ThinkValue.Bool), undefined if unset.
 */
export function thinkOf(body: { think?: unknown }): boolean | undefined {
  const value = body.think;
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    if (thinkLevels.includes(value)) return true;
    throw new BadRequest(
      `invalid think value: ${JSON.stringify(value)} (must be "high", "medium", "low", "max", true, or false)`,
    );
  }
  throw new BadRequest('think must be a boolean or string ("high", "medium", "low", "max", true, or false)');
}

import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { displayShortest, parseModelName } from '../../shared/ollama-name';
import { handleEmbed } from './embed';
import { seededRng } from './generator';
import { handleInference, type InferenceContext } from './inference';
import { findInstalled, nameProblem } from './models';
import { chatOutput, completionOutput, embeddingsOutput, openaiError, writeOpenaiError } from './openai-writers';
import { BadRequest, parseBody } from './requests';

/**
 * Ollama's OpenAI-compatible routes (server/routes.go GenerateRoutes; middleware/openai.go;
 * openai/openai.go): each request is converted to the native one and handed to the native
 * handler, whose answer a writer converts back. Text only: image and audio parts are refused.
 */

const message = z.looseObject({
  role: z.string(),
  content: z.unknown().optional(),
  name: z.string().optional(),
  tool_call_id: z.string().optional(),
  tool_calls: z
    .array(
      z.looseObject({
        id: z.string().optional(),
        function: z.looseObject({ name: z.string(), arguments: z.string() }),
      }),
    )
    .nullish(),
});

const chatCompletionSchema = z.looseObject({
  model: z.string().default(''),
  messages: z.array(message).nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  max_tokens: z.number().int().nullish(),
  seed: z.number().int().nullish(),
  temperature: z.number().nullish(),
  top_p: z.number().nullish(),
  stop: z.unknown().optional(),
  response_format: z.looseObject({ type: z.string(), json_schema: z.looseObject({}).nullish() }).nullish(),
  tools: z.array(z.unknown()).nullish(),
  reasoning: z.looseObject({ effort: z.string().optional() }).nullish(),
  reasoning_effort: z.string().nullish(),
});

const completionSchema = z.looseObject({
  model: z.string().default(''),
  prompt: z.string().default(''),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  max_tokens: z.number().int().nullish(),
  seed: z.number().int().nullish(),
  temperature: z.number().nullish(),
  top_p: z.number().nullish(),
  suffix: z.string().default(''),
});

const embeddingsSchema = z.looseObject({
  model: z.string().default(''),
  input: z.unknown().optional(),
  dimensions: z.number().int().nullish(),
  encoding_format: z.string().nullish(),
});

/** thinkFromReasoningEffort: OpenAI's scale clamped to Ollama's. */
function thinkFrom(effort: string | undefined): boolean | string | undefined {
  if (effort === undefined || effort === '') return undefined;
  if (effort === 'none') return false;
  if (effort === 'minimal') return 'low';
  if (['low', 'medium', 'high', 'max'].includes(effort)) return effort;
  if (effort === 'xhigh' || effort === 'ultra') return 'max';
  throw new BadRequest(
    `invalid reasoning value: ${JSON.stringify(effort)} (must be "minimal", "low", "medium", "high", "xhigh", "ultra", "max", or "none")`,
  );
}

/** The sampling options both converters set: temperature and top_p default to 1. */
function options(r: {
  max_tokens?: number | null;
  seed?: number | null;
  temperature?: number | null;
  top_p?: number | null;
}) {
  return {
    ...(r.max_tokens != null ? { num_predict: r.max_tokens } : {}),
    temperature: r.temperature ?? 1,
    ...(r.seed != null ? { seed: r.seed } : {}),
    top_p: r.top_p ?? 1,
  };
}

/** FromChatRequest: the native /api/chat body. */
export function fromChatRequest(r: z.infer<typeof chatCompletionSchema>) {
  const all = r.messages ?? [];
  const messages: Array<Record<string, unknown>> = [];
  for (const m of all) {
    const toolName =
      m.role.toLowerCase() === 'tool'
        ? m.name || all.flatMap((x) => x.tool_calls ?? []).findLast((tc) => tc.id === m.tool_call_id)?.function.name
        : undefined;
    const calls = (m.tool_calls ?? []).map((tc) => {
      let args: unknown;
      try {
        args = JSON.parse(tc.function.arguments);
      } catch {
        throw new BadRequest('invalid tool call arguments');
      }
      return { ...(tc.id ? { id: tc.id } : {}), function: { name: tc.function.name, arguments: args } };
    });
    const extra = {
      ...(calls.length > 0 ? { tool_calls: calls } : {}),
      ...(toolName ? { tool_name: toolName } : {}),
    };
    if (typeof m.content === 'string') messages.push({ role: m.role, content: m.content, ...extra });
    else if (Array.isArray(m.content)) {
      for (const part of m.content as Array<{ type?: unknown; text?: unknown }>) {
        if (part?.type !== 'text' || typeof part.text !== 'string') throw new BadRequest('invalid message format');
        messages.push({ role: m.role, content: part.text });
      }
      if (messages.length > 0 && calls.length > 0) Object.assign(messages[messages.length - 1]!, extra);
    } else if (m.tool_calls) messages.push({ role: m.role, content: '', ...extra });
    else throw new BadRequest(`invalid message content type: ${m.content === undefined ? '<nil>' : typeof m.content}`);
  }
  const format =
    r.response_format?.type.trim().toLowerCase() === 'json_object'
      ? 'json'
      : r.response_format?.type.trim().toLowerCase() === 'json_schema'
        ? r.response_format.json_schema?.['schema']
        : undefined;
  const think = thinkFrom(r.reasoning?.effort ?? r.reasoning_effort ?? undefined);
  return {
    model: r.model,
    messages,
    ...(format === undefined ? {} : { format }),
    options: options(r),
    stream: r.stream ?? false,
    ...(r.tools ? { tools: r.tools } : {}),
    ...(think === undefined ? {} : { think }),
  };
}

/** ListHandler through ListMiddleware: ToListCompletion. */
function modelsList(ctx: InferenceContext) {
  const data = [...ctx.models]
    .sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt))
    .map((m) => ({
      id: m.spec.name,
      object: 'model',
      created: Math.floor(Date.parse(m.modifiedAt) / 1000),
      owned_by: parseModelName(m.spec.name).namespace,
    }));
  return { object: 'list', data };
}

let counter = 0;
/** `chatcmpl-<rand.Intn(999)>`: seeded here, so a run is reproducible. */
const idFor = (ctx: InferenceContext, prefix: string) =>
  `${prefix}-${Math.floor(seededRng(ctx.seed, prefix, counter++)() * 999)}`;

/** Serves one /v1 route; false when the path is not one. */
export async function handleOpenai(
  ctx: InferenceContext,
  method: string,
  path: string,
  raw: string,
  res: ServerResponse,
  signal: AbortSignal,
): Promise<boolean> {
  const bad = (error: unknown) => {
    if (!(error instanceof BadRequest)) throw error;
    res
      .writeHead(400, { 'content-type': 'application/json' })
      .end(`${JSON.stringify(openaiError(400, error.message))}\n`);
  };
  if (path === '/v1/models' && method === 'GET') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(`${JSON.stringify(modelsList(ctx))}\n`);
    return true;
  }
  if (path.startsWith('/v1/models/') && method === 'GET') {
    // RetrieveMiddleware → ShowHandler: the id is the name as asked for.
    const name = decodeURIComponent(path.slice('/v1/models/'.length));
    const problem = nameProblem(name);
    const installed = problem ? undefined : findInstalled(ctx.models, name);
    if (problem === 'invalid') writeOpenaiError(res, 400, { error: 'invalid model name' });
    else if (!installed)
      writeOpenaiError(res, 404, { error: `model '${displayShortest(parseModelName(name))}' not found` });
    else {
      const body = {
        id: name,
        object: 'model',
        created: Math.floor(Date.parse(installed.modifiedAt) / 1000),
        owned_by: parseModelName(name).namespace,
      };
      res.writeHead(200, { 'content-type': 'application/json' }).end(`${JSON.stringify(body)}\n`);
    }
    return true;
  }
  if (method !== 'POST') return false;
  try {
    if (path === '/v1/chat/completions') {
      const r = parseBody(chatCompletionSchema, raw);
      if ((r.messages ?? []).length === 0) throw new BadRequest("[] is too short - 'messages'");
      const native = fromChatRequest(r);
      const out = chatOutput(res, {
        stream: r.stream ?? false,
        includeUsage: r.stream_options?.include_usage ?? false,
        id: idFor(ctx, 'chatcmpl'),
      });
      await handleInference(ctx, 'chat', JSON.stringify(native), out, signal);
      return true;
    }
    if (path === '/v1/completions') {
      const r = parseBody(completionSchema, raw);
      const native = {
        model: r.model,
        prompt: r.prompt,
        suffix: r.suffix,
        options: options(r),
        stream: r.stream ?? false,
      };
      const out = completionOutput(res, {
        stream: r.stream ?? false,
        includeUsage: r.stream_options?.include_usage ?? false,
        id: idFor(ctx, 'cmpl'),
      });
      await handleInference(ctx, 'generate', JSON.stringify(native), out, signal);
      return true;
    }
    if (path === '/v1/embeddings') {
      const r = parseBody(embeddingsSchema, raw);
      const format = r.encoding_format ?? '';
      if (format !== '' && !['float', 'base64'].includes(format.toLowerCase()))
        throw new BadRequest(`Invalid value for 'encoding_format' = ${format}. Supported values: ['float', 'base64'].`);
      const input = r.input === '' ? [''] : r.input;
      if (input === undefined || input === null || (Array.isArray(input) && input.length === 0))
        throw new BadRequest('invalid input');
      const native = { model: r.model, input, ...(r.dimensions ? { dimensions: r.dimensions } : {}) };
      const out = embeddingsOutput(res, r.model, format.toLowerCase() === 'base64');
      await handleEmbed(ctx, JSON.stringify(native), out, signal);
      return true;
    }
  } catch (error) {
    bad(error);
    return true;
  }
  return false;
}

import type { ServerResponse } from 'node:http';
import type { SimClock } from './clock';
import type { Faults } from './faults';
import { countPromptTokens, metrics, play, tokenize, type GenerationPlan } from './generation';
import { simulatedRouterAnswer } from './router-judge';
import { generateJsonObject, generateText, schemaInstance, seededRng, type TextRequest } from './generator';
import { errMaxQueue, SimError, type Lease, type Machine } from './machine';
import { findInstalled, type InstalledModel } from './models';
import {
  BadRequest,
  chatSchema,
  formatOf,
  generateSchema,
  keepAliveOf,
  parseBody,
  type ChatBody,
  type GenerateBody,
} from './requests';
import type { Script, ScriptRequest } from './script';

/** POST /api/generate and /api/chat, following GenerateHandler and ChatHandler in server/routes.go. */

export interface InferenceContext {
  clock: SimClock;
  timeScale: number;
  machine: Machine;
  models: readonly InstalledModel[];
  faults: Faults;
  script: Script;
  seed: number;
  /** Requests past validation and not yet answered: the machine is busy while there are any. */
  inFlight: { count: number };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

const iso = (ms: number) => new Date(ms).toISOString();

type Endpoint = 'generate' | 'chat';

interface Parsed {
  endpoint: Endpoint;
  body: GenerateBody | ChatBody;
  /** Empty prompt / no messages: load (or, with keep_alive 0, unload) only. */
  empty: boolean;
  text: TextRequest;
  scriptText: string;
}

function parse(endpoint: Endpoint, raw: string): Parsed {
  if (endpoint === 'generate') {
    const body = parseBody(generateSchema, raw);
    const prompt = body.prompt ?? '';
    const system = body.system ?? '';
    return {
      endpoint,
      body,
      empty: prompt === '',
      text: { model: body.model, input: prompt, system },
      scriptText: system ? `${system}\n${prompt}` : prompt,
    };
  }
  const body = parseBody(chatSchema, raw);
  const messages = body.messages ?? [];
  const system = messages
    .filter((m) => m.role.toLowerCase() === 'system')
    .map((m) => m.content ?? '')
    .join('\n');
  const lastUser = [...messages].reverse().find((m) => m.role.toLowerCase() === 'user') ?? messages.at(-1);
  return {
    endpoint,
    body,
    empty: messages.length === 0,
    text: { model: body.model, input: lastUser?.content ?? '', system },
    scriptText: messages.map((m) => m.content ?? '').join('\n'),
  };
}

/** The final (or only) object of an answer, in Go's field order. */
function answerObject(
  endpoint: Endpoint,
  model: string,
  at: number,
  content: string,
  done: boolean,
  extra: Record<string, unknown> = {},
) {
  return endpoint === 'generate'
    ? { model, created_at: iso(at), response: content, done, ...extra }
    : { model, created_at: iso(at), message: { role: 'assistant', content }, done, ...extra };
}

export async function handleInference(
  ctx: InferenceContext,
  endpoint: Endpoint,
  raw: string,
  res: ServerResponse,
  signal: AbortSignal,
): Promise<void> {
  const startedAt = ctx.clock.now();
  let parsed: Parsed;
  let keepAliveMs: number | undefined;
  try {
    parsed = parse(endpoint, raw);
    keepAliveMs = keepAliveOf(parsed.body);
  } catch (error) {
    if (error instanceof BadRequest) return sendJson(res, 400, { error: error.message });
    throw error;
  }
  const { body } = parsed;
  if (endpoint === 'chat' && body.model === '') return sendJson(res, 400, { error: 'model is required' });
  const installed = findInstalled(ctx.models, body.model);
  if (!installed) return sendJson(res, 404, { error: `model '${body.model}' not found` });

  if (parsed.empty && keepAliveMs === 0) {
    ctx.machine.expireNow(installed.spec.name);
    return sendJson(res, 200, answerObject(endpoint, body.model, ctx.clock.now(), '', true, { done_reason: 'unload' }));
  }

  const injected = ctx.faults.take('http-error', installed.spec.name);
  if (injected) return sendJson(res, injected.status ?? 500, { error: injected.message ?? 'simulated server error' });
  if (ctx.faults.take('busy', installed.spec.name)) return sendJson(res, 503, { error: errMaxQueue });

  ctx.inFlight.count += 1;
  let lease: Lease | undefined;
  try {
    try {
      lease = await ctx.machine.acquire({ model: installed, numCtx: body.options?.num_ctx, keepAliveMs, signal });
    } catch (error) {
      if (error instanceof SimError) return sendJson(res, error.status, { error: error.message });
      throw error;
    }
    const loadedAt = ctx.clock.now();
    if (parsed.empty)
      return sendJson(res, 200, answerObject(endpoint, body.model, loadedAt, '', true, { done_reason: 'load' }));
    await answer(ctx, parsed, installed, lease, res, signal, startedAt, loadedAt);
  } finally {
    lease?.release();
    ctx.inFlight.count -= 1;
  }
}

async function answer(
  ctx: InferenceContext,
  parsed: Parsed,
  installed: InstalledModel,
  lease: Lease,
  res: ServerResponse,
  signal: AbortSignal,
  startedAt: number,
  loadedAt: number,
): Promise<void> {
  const { body, endpoint } = parsed;
  const format = formatOf(body.format);
  if (format.kind === 'invalid') return sendJson(res, 500, { error: format.message });

  const request: ScriptRequest = {
    endpoint,
    model: installed.spec.name,
    text: parsed.scriptText,
    system: parsed.text.system,
    input: parsed.text.input,
    format: body.format,
  };
  const scripted = ctx.script.answer(request);
  if (scripted && 'error' in scripted) return sendJson(res, scripted.status, { error: scripted.error });

  const rng = seededRng(
    ctx.seed,
    installed.spec.name,
    parsed.scriptText,
    JSON.stringify(body.format ?? null),
    body.options?.seed ?? 0,
  );
  const text =
    scripted?.text ??
    (format.kind === 'schema'
      ? (simulatedRouterAnswer(parsed.text, format.schema) ?? JSON.stringify(schemaInstance(rng, format.schema)))
      : format.kind === 'json'
        ? JSON.stringify(generateJsonObject(rng, parsed.text))
        : generateText(rng, parsed.text));

  let tokens = tokenize(text);
  let doneReason: 'stop' | 'length' = 'stop';
  const numPredict = body.options?.num_predict;
  if (numPredict !== undefined && numPredict >= 0 && tokens.length > numPredict) {
    tokens = tokens.slice(0, numPredict);
    doneReason = 'length';
  }
  // Chat templates add a few tokens of markup around every message.
  const promptTokens =
    countPromptTokens(parsed.scriptText) + (endpoint === 'chat' ? 4 * ((body as ChatBody).messages?.length ?? 0) : 0);
  const plan: GenerationPlan = { tokens, promptTokens, speed: installed.speed, doneReason };
  const broken = ctx.faults.take('stream-error', installed.spec.name);
  if (broken) {
    plan.failAfter = {
      tokens: broken.afterTokens ?? Math.floor(tokens.length / 2),
      message: broken.message ?? 'an error was encountered while running the model: unexpected EOF',
    };
  }

  const releaseSlot = await lease.slot();
  if (signal.aborted) return releaseSlot();
  const stream = body.stream ?? true;
  const model = body.model;
  const context =
    endpoint === 'generate'
      ? Array.from({ length: promptTokens + tokens.length }, () => Math.floor(rng() * 151_000))
      : undefined;

  await new Promise<void>((resolve) => {
    let collected = '';
    const end = () => {
      signal.removeEventListener('abort', onAbort);
      releaseSlot();
      resolve();
    };
    const writeLine = (value: unknown) => {
      if (!res.headersSent) res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.write(`${JSON.stringify(value)}\n`);
    };
    const running = play(ctx.clock, ctx.timeScale, plan, {
      onTokens(pieces) {
        if (!stream) {
          collected += pieces.join('');
          return;
        }
        const at = ctx.clock.now();
        for (const piece of pieces) writeLine(answerObject(endpoint, model, at, piece, false));
      },
      onDone(timing) {
        const at = ctx.clock.now();
        const extra = {
          done_reason: plan.doneReason,
          ...(context ? { context } : {}),
          ...metrics(startedAt, loadedAt, at, plan, timing, tokens.length),
        };
        if (stream) {
          writeLine(answerObject(endpoint, model, at, '', true, extra));
          res.end();
        } else {
          sendJson(res, 200, answerObject(endpoint, model, at, collected, true, extra));
        }
        end();
      },
      onError(message) {
        // streamResponse: before the first byte the error gets a status; after it, it is one more line.
        if (!res.headersSent) sendJson(res, 500, { error: message });
        else {
          res.write(`${JSON.stringify({ error: message })}\n`);
          res.end();
        }
        end();
      },
    });
    const onAbort = () => {
      running.cancel();
      end();
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

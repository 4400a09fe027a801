import { countPromptTokens, metrics, play, tokenize, type GenerationPlan } from './generation';
import { generateJsonObject, generateText, schemaInstance, seededRng, type TextRequest } from './generator';
import type { InferenceContext } from './inference';
import type { Lease } from './machine';
import type { InstalledModel } from './models';
import type { Output } from './output';
import { formatOf, type ChatBody, type GenerateBody, type Tool } from './requests';
import { simulatedRouterAnswer } from './router-judge';
import type { ScriptRequest } from './script';
import { parseToolCalls, plannedToolCall, splitAtToolCall, type ToolCall } from './tools';

/** A request with its model loaded: the answer, played out in time (GenerateHandler, ChatHandler). */

export type Endpoint = 'generate' | 'chat';

export interface Parsed {
  endpoint: Endpoint;
  body: GenerateBody | ChatBody;
  /** Empty prompt / no messages: load (or, with keep_alive 0, unload) only. */
  empty: boolean;
  text: TextRequest;
  scriptText: string;
  /** The tools a chat offers (none for generate). */
  tools: readonly Tool[];
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The final (or only) object of an answer, in Go's field order. */
export function answerObject(
  endpoint: Endpoint,
  model: string,
  at: number,
  content: string,
  done: boolean,
  extra: Record<string, unknown> = {},
  toolCalls: readonly ToolCall[] = [],
) {
  if (endpoint === 'generate') return { model, created_at: iso(at), response: content, done, ...extra };
  const message =
    toolCalls.length > 0 ? { role: 'assistant', content, tool_calls: toolCalls } : { role: 'assistant', content };
  return { model, created_at: iso(at), message, done, ...extra };
}

/** The text "the model" writes: a script rule's, a tool call, or the generator's. */
function modelText(ctx: InferenceContext, parsed: Parsed, installed: InstalledModel, rng: () => number) {
  const { body, endpoint } = parsed;
  const format = formatOf(body.format);
  const request: ScriptRequest = {
    endpoint,
    model: installed.spec.name,
    text: parsed.scriptText,
    system: parsed.text.system,
    input: parsed.text.input,
    format: body.format,
  };
  const scripted = ctx.script.answer(request);
  if (scripted && 'error' in scripted) return scripted;
  if (scripted) return { text: scripted.text };
  const lastMessage = endpoint === 'chat' ? (body as ChatBody).messages?.at(-1) : undefined;
  const call = parsed.tools.length > 0 ? plannedToolCall(rng, parsed.tools, lastMessage) : null;
  if (call) return { text: call };
  if (format.kind === 'schema')
    return {
      text: simulatedRouterAnswer(parsed.text, format.schema) ?? JSON.stringify(schemaInstance(rng, format.schema)),
    };
  if (format.kind === 'json') return { text: JSON.stringify(generateJsonObject(rng, parsed.text)) };
  return { text: generateText(rng, parsed.text) };
}

export async function answer(
  ctx: InferenceContext,
  parsed: Parsed,
  installed: InstalledModel,
  lease: Lease,
  out: Output,
  signal: AbortSignal,
  startedAt: number,
  loadedAt: number,
): Promise<void> {
  const { body, endpoint } = parsed;
  const format = formatOf(body.format);
  if (format.kind === 'invalid') return out.json(500, { error: format.message });

  const rng = seededRng(
    ctx.seed,
    installed.spec.name,
    parsed.scriptText,
    JSON.stringify(body.format ?? null),
    body.options?.seed ?? 0,
  );
  const written = modelText(ctx, parsed, installed, rng);
  if ('error' in written) return out.json(written.status, { error: written.error });

  // The tool parser streams what comes before a tool-call tag and holds the rest back.
  const split = splitAtToolCall(written.text, parsed.tools);
  const shown = tokenize(split.content);
  let tokens = [...shown, ...tokenize(split.held)];
  let doneReason: 'stop' | 'length' = 'stop';
  const numPredict = body.options?.num_predict;
  if (numPredict !== undefined && numPredict >= 0 && tokens.length > numPredict) {
    tokens = tokens.slice(0, numPredict);
    doneReason = 'length';
  }
  const held = tokens.slice(shown.length).join('');
  const toolCalls = held === '' ? [] : parseToolCalls(held, parsed.tools, rng);
  // A call cut short or naming no offered tool: Ollama hands the held text back with the last line.
  const heldBack = toolCalls.length > 0 ? '' : held;
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
    let emitted = 0;
    const end = () => {
      signal.removeEventListener('abort', onAbort);
      releaseSlot();
      resolve();
    };
    const running = play(ctx.clock, ctx.timeScale, plan, {
      onTokens(pieces) {
        // Pieces past the tag are the parser's, not the user's.
        const visible = pieces.slice(0, Math.max(0, shown.length - emitted));
        emitted += pieces.length;
        if (!stream) {
          collected += visible.join('');
          return;
        }
        const at = ctx.clock.now();
        for (const piece of visible) out.line(answerObject(endpoint, model, at, piece, false));
      },
      onDone(timing) {
        const at = ctx.clock.now();
        const extra = {
          done_reason: plan.doneReason,
          ...(context ? { context } : {}),
          ...metrics(startedAt, loadedAt, at, plan, timing, tokens.length),
        };
        if (stream) {
          if (toolCalls.length > 0) out.line(answerObject(endpoint, model, at, '', false, {}, toolCalls));
          out.line(answerObject(endpoint, model, at, heldBack, true, extra));
          out.end();
        } else {
          out.json(200, answerObject(endpoint, model, at, collected + heldBack, true, extra, toolCalls));
        }
        end();
      },
      onError(message) {
        // streamResponse: before the first byte the error gets a status; after it, it is one more line.
        if (!out.started) out.json(500, { error: message });
        else {
          out.line({ error: message });
          out.end();
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

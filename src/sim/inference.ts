import { fullModelName, parseModelName } from '../../shared/ollama-name';
import { answer, answerObject, type Endpoint, type Parsed } from './answer';
import type { SimClock } from './clock';
import type { Faults } from './faults';
import { errMaxQueue, SimError, type Lease, type Machine } from './machine';
import { findInstalled, nameProblem, type InstalledModel } from './models';
import type { Output } from './output';
import { BadRequest, chatSchema, generateSchema, keepAliveOf, parseBody, thinkOf } from './requests';
import type { Script } from './script';

export { sendJson } from './output';

/**
 * POST /api/generate and /api/chat, following GenerateHandler and ChatHandler in
 * server/routes.go; /v1/chat/completions and /v1/completions come here too (openai.ts).
 */

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
      tools: [],
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
    tools: body.tools ?? [],
  };
}

/** The request's checks before scheduling, in the handlers' order; an error answer, or null. */
function refusal(
  parsed: Parsed,
  installed: InstalledModel,
  think: boolean | undefined,
): { status: number; error: string } | null {
  const { body, endpoint } = parsed;
  const caps = installed.capabilities;
  // Ask for thinking from a model without it: 400 before anything loads (the handlers' own check).
  if (think === true && !caps.includes('thinking'))
    return { status: 400, error: `${JSON.stringify(body.model)} does not support thinking` };
  // scheduleRunner → Model.CheckCapabilities, which names the model by its full name.
  const want = [
    ...(parsed.tools.length > 0 ? ['tools'] : []),
    ...(endpoint === 'generate' && (body as { suffix?: string | null }).suffix ? ['insert'] : []),
  ];
  const lacking = want.filter((c) => !caps.includes(c));
  if (lacking.length > 0)
    return {
      status: 400,
      error: `${fullModelName(parseModelName(installed.spec.name))} does not support ${lacking.join('\n')}`,
    };
  return null;
}

export async function handleInference(
  ctx: InferenceContext,
  endpoint: Endpoint,
  raw: string,
  out: Output,
  signal: AbortSignal,
): Promise<void> {
  const startedAt = ctx.clock.now();
  let parsed: Parsed;
  let keepAliveMs: number | undefined;
  let think: boolean | undefined;
  try {
    parsed = parse(endpoint, raw);
    keepAliveMs = keepAliveOf(parsed.body);
    think = thinkOf(parsed.body);
  } catch (error) {
    if (error instanceof BadRequest) return out.json(400, { error: error.message });
    throw error;
  }
  const { body } = parsed;
  // parseAndValidateModelRef: no name at all, or a malformed one, is refused before any lookup.
  const problem = nameProblem(body.model);
  if (problem === 'invalid') return out.json(400, { error: 'invalid model name' });
  if (problem === 'required')
    return endpoint === 'chat'
      ? out.json(400, { error: 'model is required' })
      : out.json(404, { error: `model '${body.model}' not found` });
  const installed = findInstalled(ctx.models, body.model);
  if (!installed) return out.json(404, { error: `model '${body.model}' not found` });

  if (parsed.empty && keepAliveMs === 0) {
    ctx.machine.expireNow(installed.spec.name);
    return out.json(200, answerObject(endpoint, body.model, ctx.clock.now(), '', true, { done_reason: 'unload' }));
  }
  const refused = refusal(parsed, installed, think);
  if (refused) return out.json(refused.status, { error: refused.error });

  const injected = ctx.faults.take('http-error', installed.spec.name);
  if (injected) return out.json(injected.status ?? 500, { error: injected.message ?? 'simulated server error' });
  if (ctx.faults.take('busy', installed.spec.name)) return out.json(503, { error: errMaxQueue });

  ctx.inFlight.count += 1;
  let lease: Lease | undefined;
  try {
    try {
      lease = await ctx.machine.acquire({ model: installed, numCtx: body.options?.num_ctx, keepAliveMs, signal });
    } catch (error) {
      if (error instanceof SimError) return out.json(error.status, { error: error.message });
      throw error;
    }
    const loadedAt = ctx.clock.now();
    if (parsed.empty)
      return out.json(200, answerObject(endpoint, body.model, loadedAt, '', true, { done_reason: 'load' }));
    await answer(ctx, parsed, installed, lease, out, signal, startedAt, loadedAt);
  } finally {
    lease?.release();
    ctx.inFlight.count -= 1;
  }
}

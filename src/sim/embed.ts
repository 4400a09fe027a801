import { z } from 'zod';
import { countPromptTokens } from './generation';
import { seededRng } from './generator';
import type { InferenceContext } from './inference';
import { SimError, type Lease } from './machine';
import { findInstalled, nameProblem } from './models';
import type { Output } from './output';
import { BadRequest, keepAliveOf, parseBody } from './requests';

/**
 * POST /api/embed (server/routes.go EmbedHandler), also behind /v1/embeddings (openai.ts). The
 * model is scheduled like any other (no capability is required), each input is cut to the
 * context unless `truncate: false`, and every vector is normalised (routes.go normalize), then
 * cut to `dimensions` and normalised again. The vectors are seeded, so the same text gives the
 * same vector; their length is the model's embedding length.
 */

export const embedSchema = z.looseObject({
  model: z.string().default(''),
  input: z.unknown().optional(),
  keep_alive: z.unknown().optional(),
  truncate: z.boolean().nullish(),
  dimensions: z.number().int().nullish(),
  options: z.looseObject({ num_ctx: z.number().int().positive().optional() }).nullish(),
});

const ns = (ms: number) => Math.round(ms * 1e6);

/** The inputs: a string (none if empty) or a list of strings; anything else is a 400. */
function inputsOf(input: unknown): string[] {
  if (typeof input === 'string') return input === '' ? [] : [input];
  if (Array.isArray(input)) {
    if (!input.every((v) => typeof v === 'string')) throw new BadRequest('invalid input type');
    return input as string[];
  }
  if (input !== undefined && input !== null) throw new BadRequest('invalid input type');
  return [];
}

function normalize(vector: number[]): number[] {
  const norm = 1 / Math.max(Math.sqrt(vector.reduce((s, v) => s + v * v, 0)), 1e-12);
  return vector.map((v) => Math.fround(v * norm));
}

export function embedding(seed: number, model: string, text: string, length: number, dimensions?: number): number[] {
  const rng = seededRng(seed, 'embed', model, text);
  let vector = normalize(Array.from({ length }, () => rng() * 2 - 1));
  if (dimensions !== undefined && dimensions > 0 && dimensions < vector.length)
    vector = normalize(vector.slice(0, dimensions));
  return vector;
}

export async function handleEmbed(ctx: InferenceContext, raw: string, out: Output, signal: AbortSignal): Promise<void> {
  const startedAt = ctx.clock.now();
  let body: z.infer<typeof embedSchema>;
  let keepAliveMs: number | undefined;
  let inputs: string[];
  try {
    body = parseBody(embedSchema, raw);
    keepAliveMs = keepAliveOf(body);
    const problem = nameProblem(body.model);
    if (problem === 'invalid') return out.json(400, { error: 'invalid model name' });
    if (problem === 'required') return out.json(404, { error: `model '${body.model}' not found` });
    inputs = inputsOf(body.input);
  } catch (error) {
    if (error instanceof BadRequest) return out.json(400, { error: error.message });
    throw error;
  }
  const installed = findInstalled(ctx.models, body.model);
  if (!installed) return out.json(404, { error: `model '${body.model}' not found` });

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
    if (inputs.length === 0) return out.json(200, { model: body.model, embeddings: [] });
    const contextLength = Math.min(lease.runner.numCtx, installed.spec.contextLength);
    let tokens = 0;
    for (const text of inputs) {
      const count = countPromptTokens(text);
      if (body.truncate === false && count > contextLength)
        return out.json(400, { error: 'the input length exceeds the context length' });
      tokens += Math.min(count, contextLength);
    }
    // The runner embeds one input per generation slot, at prompt-processing speed.
    const releaseSlot = await lease.slot();
    try {
      const ms = (tokens / installed.speed.prompt) * 1000 * ctx.timeScale;
      const finished = await new Promise<boolean>((resolve) => {
        const timer = ctx.clock.setTimer(ms, () => resolve(true));
        signal.addEventListener(
          'abort',
          () => {
            ctx.clock.clearTimer(timer);
            resolve(false);
          },
          { once: true },
        );
      });
      if (!finished) return;
    } finally {
      releaseSlot();
    }
    const dims = body.dimensions ?? undefined;
    const at = ctx.clock.now();
    out.json(200, {
      model: body.model,
      embeddings: inputs.map((text) =>
        embedding(ctx.seed, installed.spec.name, text, installed.spec.embeddingLength, dims),
      ),
      // EmbedResponse's durations and count are omitempty.
      ...(at > startedAt ? { total_duration: ns(at - startedAt) } : {}),
      ...(loadedAt > startedAt ? { load_duration: ns(loadedAt - startedAt) } : {}),
      ...(tokens > 0 ? { prompt_eval_count: tokens } : {}),
    });
  } finally {
    lease?.release();
    ctx.inFlight.count -= 1;
  }
}

import { z } from 'zod';
import { ollamaUrl } from '../../adapters/ollama/host-url';
import { createOllamaHost } from '../../adapters/ollama/ollama-host';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createModelJudge,
  createRouter,
  decideRoute,
  feedbackPath,
  foldIn,
  parseFeedback,
  type RouteDecision,
  type Router,
  type RouterJudge,
} from '../../core/index';
import { defaultRoles } from '../../../shared/roles';
import { parseFlags } from '../args';
import { CliError, type Command } from '../io';
import { createRoutePool, type RoutePool } from '../route-pool';

/** One input line (docs/interfaces.md, `route`). Unknown fields are ignored, so labelled sets pipe straight in. */
const taskLineSchema = z.object({
  id: z.string(),
  text: z.string(),
  failedAttempts: z.number().int().min(0).optional(),
});

/** A line longer than this is reported as malformed instead of being held in memory. */
export const maxLineChars = 4 * 1024 * 1024;

/** Input read before `--no-llm` starts worker threads (below it, starting them costs more than it saves). */
const poolThresholdChars = 256 * 1024;
const maxBlocksInFlight = 16;

export interface BlockResult {
  /** The answers, one JSON line each, joined by newlines ('' for a block of blank lines). */
  json: string;
  malformed: number;
}

/** The lines of a block to route: CR removed, blank lines skipped. */
export function blockLines(block: string): string[] {
  const lines: string[] = [];
  for (const raw of block.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() !== '') lines.push(line);
  }
  return lines;
}

/** Routes a block of lines with the rules alone (in-process, or in a worker thread). */
export function routeBlock(block: string, rules: Router, note?: { en: string; ko: string }): BlockResult {
  let malformed = 0;
  const out: string[] = [];
  for (const line of blockLines(block)) {
    const result = routeLine(line, rules, note);
    if (result.malformed) malformed++;
    out.push(result.json);
  }
  return { json: out.join('\n'), malformed };
}

const noModelNote = {
  en: ' (rules only: the Router model did not answer)',
  ko: ' (규칙만 사용: 라우터 모델이 응답하지 않음)',
};

export interface LineResult {
  json: string;
  malformed: boolean;
}

function errorLine(id: string | number | null, code: string, message: string): LineResult {
  return { json: JSON.stringify({ id, error: { code, message } }), malformed: true };
}

/**
 * Routes one JSON line. The reason is printed in the task's language (Korean when the text is
 * mostly Korean, see detectLang), so whoever wrote the task can read why.
 */
export function parseLine(line: string): { task: z.infer<typeof taskLineSchema> } | { error: LineResult } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return {
      error: errorLine(
        null,
        'invalid_json',
        `Not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      ),
    };
  }
  // The common, well-formed line skips zod (a tenth of the routing time); anything else gets
  // zod's precise message. Both give the same task: id, text and failedAttempts only.
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const { id, text, failedAttempts } = value as Record<string, unknown>;
    if (typeof id === 'string' && typeof text === 'string') {
      if (failedAttempts === undefined) return { task: { id, text } };
      if (typeof failedAttempts === 'number' && Number.isSafeInteger(failedAttempts) && failedAttempts >= 0)
        return { task: { id, text, failedAttempts } };
    }
  }
  const parsed = taskLineSchema.safeParse(value);
  if (!parsed.success) {
    // Echo whatever id the line had (even a number), so the bad line can be found.
    const raw = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
    const id = typeof raw === 'string' || (typeof raw === 'number' && Number.isFinite(raw)) ? raw : null;
    const detail = parsed.error.issues
      .map((i) => `${i.path.length ? i.path.join('.') : '(line)'}: ${i.message}`)
      .join('; ');
    return {
      error: errorLine(
        id,
        'invalid_task',
        `Expected {"id": string, "text": string, "failedAttempts"?: integer >= 0}. ${detail}`,
      ),
    };
  }
  return { task: parsed.data };
}

function decisionLine(id: string, decision: RouteDecision, note?: { en: string; ko: string }): LineResult {
  const reason = decision.reason[decision.lang] + (note ? note[decision.lang] : '');
  return { json: JSON.stringify({ id, route: decision.route, rule: decision.rule, reason }), malformed: false };
}

/** Routes one JSON line with the rules alone (the fast, deterministic path of --no-llm). */
export function routeLine(line: string, rules: Router, note?: { en: string; ko: string }): LineResult {
  const parsed = parseLine(line);
  if ('error' in parsed) return parsed.error;
  return decisionLine(parsed.task.id, rules.decide(parsed.task), note);
}

const help = `frontier-sos route [--no-llm] [--ollama URL]

Route tasks to local, planner or frontier, with the rule that decided.

stdin:  JSON Lines, one task per line: {"id": string, "text": string, "failedAttempts"?: integer >= 0}
stdout: one line per task, in order: {"id", "route": "local"|"planner"|"frontier", "rule", "reason"}
        A malformed line gives {"id": <id or null>, "error": {"code", "message"}} and the command
        carries on; it exits 2 at the end if any line was malformed. Blank lines are skipped.

Rules: failed-3-times (failedAttempts >= 3) -> frontier; new-architecture -> planner;
post-cutoff-library -> frontier; math-optimisation -> planner; everything else routine -> local.
The reason is in Korean when the task is written in Korean, otherwise in English.

  --no-llm        use only the built-in rules (no network, deterministic)
  --ollama URL    where the Router model is asked (default: OLLAMA_HOST or 127.0.0.1:11434)
  --model NAME    the Router model (default ${defaultRoles.router.model})
  --timeout MS    how long the model may take per task before the rules decide (default 8000)
  --workspace DIR fold in the corrections kept in DIR/.frontier-sos/router-feedback.jsonl first
                  (as the engine does at start); a bad line is reported on stderr and skipped

Without --no-llm, the rules decide what they are sure of and the Router model judges the rest
(rule "router-model"). If the model does not answer, is too slow or answers nonsense, the rules
decide and the reason says so; if Ollama is not reachable at all, a note on stderr says so once.`;

export const routeCommand: Command = {
  name: 'route',
  summary: 'Route tasks (JSON Lines on stdin) to local, planner or frontier, with the rule that decided.',
  usage: 'frontier-sos route [--no-llm] [--ollama URL] [--model NAME] [--timeout MS] [--workspace DIR]',
  async run(args, io) {
    const { values } = parseFlags('route', args, {
      'no-llm': { type: 'boolean' },
      ollama: { type: 'string' },
      model: { type: 'string' },
      timeout: { type: 'string' },
      workspace: { type: 'string' },
    });
    if (values.help) {
      io.out(help);
      return 0;
    }
    const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout);
    if (timeoutMs !== undefined && (!Number.isInteger(timeoutMs) || timeoutMs < 1))
      throw new CliError(`frontier-sos route: --timeout must be whole milliseconds above 0, not "${values.timeout}".`);
    let judge: RouterJudge | null = null;
    let note: { en: string; ko: string } | undefined;
    if (!values['no-llm']) {
      let url: string;
      try {
        url = ollamaUrl(values.ollama ?? io.env['OLLAMA_HOST']);
      } catch {
        throw new CliError(
          `frontier-sos route: --ollama "${values.ollama ?? io.env['OLLAMA_HOST']}" is not a host or URL: give one like 127.0.0.1:11434, or use --no-llm.`,
        );
      }
      const host = createOllamaHost({ url });
      try {
        await host.version();
        judge = createModelJudge(host, values.model ?? defaultRoles.router.model, defaultRoles.router.numCtx);
      } catch (error) {
        note = noModelNote;
        io.err(
          `route: the Router model at ${url} is not available (${error instanceof Error ? error.message : String(error)}); routing with the built-in rules only. Pass --no-llm to silence this note.`,
        );
      }
    }
    const stdin = io.stdin;
    if (!stdin) throw new CliError('frontier-sos route: no standard input to read tasks from.');

    let rules = createRouter();
    if (values.workspace !== undefined) {
      const file = join(values.workspace, feedbackPath);
      let content = '';
      try {
        content = readFileSync(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
          throw new CliError(
            `frontier-sos route: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
          );
      }
      const { corrections, problems } = parseFeedback(content);
      for (const problem of problems) io.err(`route: ${file}: ${problem.message}`);
      const folded = foldIn(rules, corrections);
      rules = folded.router;
      io.err(
        `route: folded in ${folded.learning.used} correction${folded.learning.used === 1 ? '' : 's'} from ${file} (${corrections.length} read, ${problems.length} skipped).`,
      );
    }
    let malformed = 0;
    let pending = '';
    let skippingLongLine = false;
    let first = true;

    // With a judge, lines are decided one after another (the model is asked for the unsure
    // ones); the answers keep the input order either way.
    const decide = async (line: string): Promise<LineResult> => {
      if (!judge) return routeLine(line, rules, note);
      const parsed = parseLine(line);
      if ('error' in parsed) return parsed.error;
      return decisionLine(
        parsed.task.id,
        await decideRoute(parsed.task, { rules, judge, ...(timeoutMs === undefined ? {} : { timeoutMs }) }),
      );
    };
    // Input is cut into blocks of whole lines (one per stdin chunk: prompt for an interactive
    // producer, one write per chunk for a bulk one). Without the model, bulk input goes to worker
    // threads once there is enough of it to pay for their start; answers are written in input
    // order whoever computed them. A line over maxLineChars is reported in its place and skipped.
    type Piece = { block: string } | { ready: LineResult };
    let pool: RoutePool | null | undefined;
    let seenChars = 0;
    const inFlight: Array<Promise<void>> = [];
    let written = Promise.resolve();
    const withJudge = async (block: string): Promise<BlockResult> => {
      const out: string[] = [];
      let bad = 0;
      for (const line of blockLines(block)) {
        const result = await decide(line);
        if (result.malformed) bad++;
        out.push(result.json);
      }
      return { json: out.join('\n'), malformed: bad };
    };
    const answer = (pieces: Piece[]): void => {
      for (const piece of pieces) if ('block' in piece) seenChars += piece.block.length;
      if (pool === undefined && !judge && seenChars >= poolThresholdChars)
        pool = createRoutePool({
          modelFile: values.workspace !== undefined ? rules.model.file : null,
          note: note ?? null,
        });
      const results = pieces.map((piece): Promise<BlockResult> => {
        if ('ready' in piece) return Promise.resolve({ json: piece.ready.json, malformed: 1 });
        if (judge) return withJudge(piece.block);
        return pool ? pool.route(piece.block) : Promise.resolve(routeBlock(piece.block, rules, note));
      });
      // Chained when submitted, not when computed: workers finish out of order.
      const all = Promise.all(results);
      all.catch(() => undefined); // observed below through `written`; this keeps a later one from going unhandled
      written = written.then(async () => {
        const done = await all;
        const text = done
          .map((r) => r.json)
          .filter((j) => j !== '')
          .join('\n');
        for (const r of done) malformed += r.malformed;
        if (text !== '') io.out(text);
      });
      inFlight.push(written);
    };

    stdin.setEncoding('utf8');
    try {
      for await (const chunk of stdin as AsyncIterable<string>) {
        let text = pending + chunk;
        if (first) {
          first = false;
          if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        }
        const pieces: Piece[] = [];
        let start = 0;
        if (skippingLongLine) {
          const nl = text.indexOf('\n');
          if (nl === -1) text = '';
          else {
            skippingLongLine = false;
            start = nl + 1;
          }
        }
        const last = text.lastIndexOf('\n');
        if (last >= start) pieces.push({ block: text.slice(start, last + 1) });
        pending = last >= start ? text.slice(last + 1) : text.slice(start);
        if (pending.length > maxLineChars) {
          pending = '';
          skippingLongLine = true;
          pieces.push({
            ready: errorLine(
              null,
              'line_too_long',
              `A line is longer than ${maxLineChars} characters; it was skipped.`,
            ),
          });
        }
        if (pieces.length) answer(pieces);
        // A bounded number of blocks in flight (memory); in-process answers are written at once.
        while (inFlight.length > maxBlocksInFlight) await inFlight.shift();
        if (!pool) while (inFlight.length) await inFlight.shift();
      }
      if (!skippingLongLine && pending !== '') answer([{ block: pending }]);
      for (const p of inFlight) await p;
    } finally {
      // Whatever happened (a worker failed, stdin broke), the threads stop and no answer that was
      // still on its way is left to reject unobserved.
      for (const p of inFlight) p.catch(() => undefined);
      await pool?.close();
    }
    if (malformed > 0) {
      io.err(`route: ${malformed} malformed line${malformed === 1 ? '' : 's'} (see the "error" objects on stdout).`);
      return 2;
    }
    return 0;
  },
};

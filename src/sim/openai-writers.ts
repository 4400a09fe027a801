import type { ServerResponse } from 'node:http';
import type { Output } from './output';

/**
 * The OpenAI-compatible answers: middleware/openai.go's ChatWriter, CompleteWriter and the
 * error writer, over the native handlers' output, converted as openai/openai.go converts it.
 */

interface NativeMessage {
  role?: string;
  content?: string;
  tool_calls?: Array<{ id?: string; function: { index?: number; name: string; arguments: unknown } }>;
}

interface NativeAnswer {
  model?: string;
  created_at?: string;
  message?: NativeMessage;
  response?: string;
  done?: boolean;
  done_reason?: string;
  prompt_eval_count?: number;
  eval_count?: number;
}

/** openai.NewError: the type follows the status; param and code are always null. */
export function openaiError(status: number, message: string) {
  const type = status === 400 ? 'invalid_request_error' : status === 404 ? 'not_found_error' : 'api_error';
  return { error: { message, type, param: null, code: null } };
}

function writeJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  // json.NewEncoder(…).Encode adds a newline.
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** BaseWriter.writeError: a native {"error": "…"} becomes an OpenAI error object, same status. */
export function writeOpenaiError(res: ServerResponse, status: number, body: unknown): void {
  const message = (body as { error?: unknown })?.error;
  writeJson(res, status, openaiError(status, typeof message === 'string' ? message : JSON.stringify(body)));
}

const unix = (iso: string | undefined) => Math.floor((iso ? Date.parse(iso) : Date.now()) / 1000);

/** ToUsage / ToUsageGenerate. */
function usage(a: NativeAnswer) {
  const prompt = a.prompt_eval_count ?? 0;
  const completion = a.eval_count ?? 0;
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

/** ToToolCalls: arguments as a JSON string, the index from the native call. */
function toolCalls(message: NativeMessage | undefined) {
  return (message?.tool_calls ?? []).map((tc) => ({
    id: tc.id ?? '',
    index: tc.function.index ?? 0,
    type: 'function',
    function: { name: tc.function.name, arguments: JSON.stringify(tc.function.arguments) },
  }));
}

export interface StreamSettings {
  stream: boolean;
  includeUsage: boolean;
  id: string;
}

/** Server-sent events, as the writers emit them: `data: <json>` and a blank line. */
function sse(res: ServerResponse, body: unknown): void {
  if (res.destroyed) return;
  if (!res.headersSent) res.writeHead(200, { 'content-type': 'text/event-stream' });
  res.write(`data: ${typeof body === 'string' ? body : JSON.stringify(body)}\n\n`);
}

/** ChatWriter: chat.completion, or chat.completion.chunk events ending in `data: [DONE]`. */
export function chatOutput(res: ServerResponse, settings: StreamSettings): Output {
  let firstSent = false;
  let toolCallSent = false;
  let created: number | null = null;
  const chunk = (a: NativeAnswer, delta: Record<string, unknown>, finish: string | null) => ({
    id: settings.id,
    object: 'chat.completion.chunk',
    created,
    model: a.model ?? '',
    system_fingerprint: 'fp_ollama',
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
  const streamed = (a: NativeAnswer) => {
    created ??= unix(a.created_at);
    const calls = toolCalls(a.message);
    // The metrics-only trailer gets no content chunk of its own (unless nothing came before).
    const emptyTrailer = a.done && firstSent && !a.message?.content && calls.length === 0;
    if (!emptyTrailer) {
      const delta: Record<string, unknown> = {
        ...(firstSent ? {} : { role: 'assistant' }),
        content: a.message?.content ?? '',
        ...(calls.length > 0 ? { tool_calls: calls } : {}),
      };
      if (calls.length > 0) toolCallSent = true;
      sse(res, chunk(a, delta, null));
      firstSent = true;
    }
    if (!a.done) return;
    // FinishChunk: tool_calls replaces stop once a call went out.
    let reason = a.done_reason || 'stop';
    if (reason === 'stop' && toolCallSent) reason = 'tool_calls';
    const finish = chunk(a, {}, reason);
    sse(res, finish);
    if (settings.includeUsage) sse(res, { ...finish, choices: [], usage: usage(a) });
    sse(res, '[DONE]');
  };
  return {
    get started() {
      return res.headersSent;
    },
    json(status, body) {
      if (status !== 200) return writeOpenaiError(res, status, body);
      const a = body as NativeAnswer;
      if (settings.stream) {
        streamed(a);
        res.end();
        return;
      }
      const calls = toolCalls(a.message);
      let reason: string | null = a.done_reason || null;
      if (reason === 'stop' && calls.length > 0) reason = 'tool_calls';
      const message = {
        role: a.message?.role ?? 'assistant',
        content: a.message?.content ?? '',
        ...(calls.length > 0 ? { tool_calls: calls } : {}),
      };
      writeJson(res, 200, {
        id: settings.id,
        object: 'chat.completion',
        created: unix(a.created_at),
        model: a.model ?? '',
        system_fingerprint: 'fp_ollama',
        choices: [{ index: 0, message, finish_reason: reason }],
        usage: usage(a),
      });
    },
    // An {"error"} line inside a 200 stream is read as an (empty) answer, as ChatWriter reads it.
    line: (body) => streamed(body as NativeAnswer),
    end() {
      if (!res.writableEnded) res.end();
    },
  };
}

/** CompleteWriter: text_completion objects, streamed or whole. */
export function completionOutput(res: ServerResponse, settings: StreamSettings): Output {
  const choice = (a: NativeAnswer) => ({ text: a.response ?? '', index: 0, finish_reason: a.done_reason || null });
  const streamed = (a: NativeAnswer) => {
    const c = {
      id: settings.id,
      object: 'text_completion',
      created: Math.floor(Date.now() / 1000),
      choices: [choice(a)],
      model: a.model ?? '',
      system_fingerprint: 'fp_ollama',
      ...(settings.includeUsage ? { usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 } } : {}),
    };
    sse(res, c);
    if (!a.done) return;
    if (settings.includeUsage) sse(res, { ...c, choices: [], usage: usage(a) });
    sse(res, '[DONE]');
  };
  return {
    get started() {
      return res.headersSent;
    },
    json(status, body) {
      if (status !== 200) return writeOpenaiError(res, status, body);
      const a = body as NativeAnswer;
      if (settings.stream) {
        streamed(a);
        res.end();
        return;
      }
      writeJson(res, 200, {
        id: settings.id,
        object: 'text_completion',
        created: unix(a.created_at),
        model: a.model ?? '',
        system_fingerprint: 'fp_ollama',
        choices: [choice(a)],
        usage: usage(a),
      });
    },
    line: (body) => streamed(body as NativeAnswer),
    end() {
      if (!res.writableEnded) res.end();
    },
  };
}

/** EmbedWriter: ToEmbeddingList, floats or little-endian float32 in base64. */
export function embeddingsOutput(res: ServerResponse, model: string, base64: boolean): Output {
  const done = (status: number, body: unknown) => {
    if (status !== 200) return writeOpenaiError(res, status, body);
    const { embeddings, prompt_eval_count: tokens = 0 } = body as {
      embeddings?: number[][];
      prompt_eval_count?: number;
    };
    const data = (embeddings ?? []).map((vector, index) => ({
      object: 'embedding',
      embedding: base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector,
      index,
    }));
    writeJson(res, 200, {
      object: 'list',
      data: data.length > 0 ? data : null,
      model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
  };
  return {
    get started() {
      return res.headersSent;
    },
    json: done,
    line: (body) => done(200, body),
    end() {
      if (!res.writableEnded) res.end();
    },
  };
}

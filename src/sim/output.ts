import type { ServerResponse } from 'node:http';

/**
 * Where a handler's answer goes. Ollama serves its OpenAI-compatible routes by wrapping the
 * native handlers' gin.ResponseWriter (middleware/openai.go ChatWriter, CompleteWriter…), so the
 * handlers here write to an Output too: natively NDJSON, or converted by openai.ts.
 */
export interface Output {
  /** Something went out already: a later error can only be one more line (streamResponse). */
  readonly started: boolean;
  /** A whole answer with its status: an error, a `stream: false` answer, a load or unload. */
  json(status: number, body: unknown): void;
  /** One object of a 200 stream. */
  line(body: unknown): void;
  /** The stream is over. */
  end(): void;
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

/** The native API: streamResponse writes application/x-ndjson, one object a line. */
export function ndjsonOutput(res: ServerResponse): Output {
  return {
    get started() {
      return res.headersSent;
    },
    json: (status, body) => sendJson(res, status, body),
    line(body) {
      if (res.destroyed) return;
      if (!res.headersSent) res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.write(`${JSON.stringify(body)}\n`);
    },
    end() {
      if (!res.writableEnded) res.end();
    },
  };
}

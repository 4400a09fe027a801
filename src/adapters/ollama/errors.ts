import { ModelHostError } from '../../core/index';

interface Context {
  url: string;
  model?: string;
}

/** llm/status.go outOfMemorySubstrings (lower case): the texts of a load that ran out of memory. */
const outOfMemory = [
  'out of memory',
  'out of device memory',
  'cudamalloc failed',
  'hipmalloc failed',
  'failed to allocate',
  'allocation failed',
  'not enough memory',
  'insufficient memory',
  'vk_error_out_of_device_memory',
  'erroroutofmemory',
];

function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Turns whatever the ollama client or the transport threw into a ModelHostError that says what
 * happened and what to do. The client's ResponseError is not exported: it is known by its name.
 */
export function toModelHostError(error: unknown, { url, model }: Context): ModelHostError {
  if (error instanceof ModelHostError) return error;
  const name = (error as { name?: string })?.name;
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'AbortError') {
    return new ModelHostError('aborted', `The request to Ollama was cancelled${model ? ` (${model})` : ''}.`, {
      model,
      cause: error,
    });
  }
  if (name === 'TimeoutError') {
    return new ModelHostError('timeout', `Ollama at ${url} did not answer in time${model ? ` for ${model}` : ''}.`, {
      model,
      cause: error,
    });
  }
  if (name === 'ResponseError') {
    const status = (error as { status_code?: number }).status_code;
    if (status === 404) {
      const missing = model ?? /model ["']([^"']+)["']/.exec(message)?.[1] ?? 'the model';
      return new ModelHostError(
        'not_found',
        `Model ${missing} is not installed in Ollama — run \`ollama pull ${missing}\`.`,
        { status, model, cause: error },
      );
    }
    if (status === 503) {
      return new ModelHostError(
        'busy',
        `Ollama is busy (its request queue is full): try again in a moment, or raise OLLAMA_MAX_QUEUE. Ollama said: ${message}`,
        { status, model, cause: error },
      );
    }
    if (status === 400) {
      return new ModelHostError(
        'bad_request',
        `Ollama rejected the request${model ? ` for ${model}` : ''}: ${message}`,
        { status, model, cause: error },
      );
    }
    const which = model ?? 'the model';
    if (message.startsWith('timed out waiting for llama-server to start')) {
      // llm/llama_server.go WaitUntilRunning: no load progress for OLLAMA_LOAD_TIMEOUT.
      return new ModelHostError(
        'timeout',
        `Ollama gave up loading ${which}: llama-server made no progress for OLLAMA_LOAD_TIMEOUT (5 minutes unless set). Memory may be too tight or the disk too slow; check \`ollama ps\` and Ollama's server log, free memory, or raise OLLAMA_LOAD_TIMEOUT where Ollama runs. Ollama said: ${message}`,
        { status, model, cause: error },
      );
    }
    if (outOfMemory.some((needle) => message.toLowerCase().includes(needle))) {
      // llm/status.go IsOutOfMemory: sched.go has already evicted the other models and retried once.
      return new ModelHostError(
        'server_error',
        `${which} does not fit in the memory Ollama can use, even with the other models unloaded: unload what else runs on this Mac, lower num_ctx, or pick a smaller model or quantisation. Ollama said: ${message}`,
        { status, model, cause: error },
      );
    }
    return new ModelHostError(
      'server_error',
      `Ollama failed${model ? ` on ${model}` : ''} (HTTP ${status}): ${message}`,
      { status, model, cause: error },
    );
  }
  const code = causeCode(error);
  if (
    code === 'ECONNREFUSED' ||
    code === 'ENOTFOUND' ||
    code === 'EHOSTUNREACH' ||
    code === 'ECONNRESET' ||
    code === 'UND_ERR_SOCKET'
  ) {
    return new ModelHostError(
      'unreachable',
      `Ollama is not running at ${url} — start it with \`ollama serve\` or set OLLAMA_HOST.`,
      { model, cause: error },
    );
  }
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'ETIMEDOUT') {
    return new ModelHostError('timeout', `Ollama at ${url} stopped answering${model ? ` for ${model}` : ''}.`, {
      model,
      cause: error,
    });
  }
  if (message === 'fetch failed') {
    return new ModelHostError(
      'unreachable',
      `Ollama is not running at ${url} — start it with \`ollama serve\` or set OLLAMA_HOST.`,
      { model, cause: error },
    );
  }
  // The client turns an {"error": …} line inside a 200 stream into a plain Error.
  return new ModelHostError(
    'stream_error',
    `Ollama reported an error${model ? ` while running ${model}` : ''}: ${message}`,
    { model, cause: error },
  );
}

import Anthropic from '@anthropic-ai/sdk';
import { frontierKeyNames } from '../../../shared/frontier/prices';
import type { FrontierClient, FrontierRequest, FrontierResult } from '../../core/index';
import { callWithRetries, requireKey, type FrontierAdapterOptions, type HttpFailure } from './common';

function toFailure(error: unknown): HttpFailure {
  if (error instanceof Anthropic.APIUserAbortError)
    return { kind: 'abort', status: undefined, headers: undefined, message: 'aborted', code: null };
  if (error instanceof Anthropic.APIConnectionError)
    return {
      kind: 'connection',
      status: undefined,
      headers: undefined,
      message: error.cause instanceof Error ? error.cause.message : error.message,
      code: null,
    };
  if (error instanceof Anthropic.APIError) {
    // An error event inside a stream (e.g. overloaded_error) arrives without a status: it is the server's.
    const status =
      error.status ?? (error.type === 'overloaded_error' ? 529 : error.type === 'api_error' ? 500 : undefined);
    return {
      kind: status === undefined ? 'connection' : 'http',
      status,
      headers: error.headers,
      message: error.apiMessage ?? error.message,
      code: error.errorCode ?? error.type ?? null,
    };
  }
  if (error instanceof Error && error.name === 'AbortError')
    return { kind: 'abort', status: undefined, headers: undefined, message: 'aborted', code: null };
  return {
    kind: 'connection',
    status: undefined,
    headers: undefined,
    message: error instanceof Error ? error.message : String(error),
    code: null,
  };
}

/** Anthropic through the official SDK: the Messages API, streamed; usage from message_start and message_delta. */
export function createAnthropicFrontier(options: FrontierAdapterOptions): FrontierClient {
  const keyName = options.keyName ?? frontierKeyNames.anthropic;
  return {
    provider: 'anthropic',
    keyName,
    async complete(request: FrontierRequest): Promise<FrontierResult> {
      const apiKey = await requireKey(options.secrets, keyName, 'anthropic');
      const client = new Anthropic({
        apiKey,
        authToken: null,
        maxRetries: 0,
        timeout: 24 * 3600_000,
        ...(options.baseURL ? { baseURL: options.baseURL } : {}),
      });
      return callWithRetries(
        request,
        { provider: 'anthropic', model: request.model, keyName },
        options,
        async ({ signal, chunk }) => {
          const stream = await client.messages.create(
            {
              model: request.model,
              max_tokens: request.maxOutputTokens,
              messages: [{ role: 'user', content: request.text }],
              ...(request.system ? { system: request.system } : {}),
              stream: true,
            },
            { signal },
          );
          let text = '';
          let model = request.model;
          let stopReason: string | null = null;
          let inputTokens: number | null = null;
          let outputTokens: number | null = null;
          let stopped = false;
          for await (const event of stream) {
            chunk();
            if (event.type === 'message_start') {
              model = event.message.model || model;
              const u = event.message.usage;
              // Input is billed in three parts; this app does not cache, but a proxy might.
              inputTokens = u.input_tokens + (u.cache_creation_input_tokens ?? 0) + (u.cache_read_input_tokens ?? 0);
              outputTokens = u.output_tokens;
            } else if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
              text += event.delta.text;
              request.onToken?.(event.delta.text);
            } else if (event.type === 'message_delta') {
              stopReason = event.delta.stop_reason ?? stopReason;
              outputTokens = event.usage.output_tokens;
              if (event.usage.input_tokens !== null && event.usage.input_tokens !== undefined) {
                inputTokens =
                  event.usage.input_tokens +
                  (event.usage.cache_creation_input_tokens ?? 0) +
                  (event.usage.cache_read_input_tokens ?? 0);
              }
            } else if (event.type === 'message_stop') stopped = true;
          }
          if (signal.aborted)
            return {
              text,
              model,
              stopReason,
              usage: { inputTokens: inputTokens ?? 0, outputTokens: outputTokens ?? 0 },
            };
          if (!stopped || inputTokens === null || outputTokens === null)
            throw Object.assign(new Error('The answer ended before message_stop (the stream was cut).'), {
              name: 'StreamCut',
            });
          return { text, model, stopReason, usage: { inputTokens, outputTokens } };
        },
        toFailure,
      );
    },
  };
}

import OpenAI from 'openai';
import { frontierKeyNames } from '../../../shared/frontier/prices';
import type { FrontierClient, FrontierRequest, FrontierResult } from '../../core/index';
import { callWithRetries, requireKey, type FrontierAdapterOptions, type HttpFailure } from './common';

function toFailure(error: unknown): HttpFailure {
  if (error instanceof OpenAI.APIUserAbortError)
    return { kind: 'abort', status: undefined, headers: undefined, message: 'aborted', code: null };
  if (error instanceof OpenAI.APIConnectionError)
    return {
      kind: 'connection',
      status: undefined,
      headers: undefined,
      message: error.cause instanceof Error ? error.cause.message : error.message,
      code: null,
    };
  if (error instanceof OpenAI.APIError) {
    const body = error.error as { message?: unknown } | undefined;
    const message = typeof body?.message === 'string' ? body.message : error.message;
    return {
      kind: error.status === undefined ? 'connection' : 'http',
      status: error.status,
      headers: error.headers,
      message,
      code: error.code ?? error.type ?? null,
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

/**
 * OpenAI through the official SDK: Chat Completions, streamed, with the usage chunk
 * (`stream_options.include_usage`) for the exact token counts the ledger records.
 */
export function createOpenAIFrontier(options: FrontierAdapterOptions): FrontierClient {
  const keyName = options.keyName ?? frontierKeyNames.openai;
  return {
    provider: 'openai',
    keyName,
    async complete(request: FrontierRequest): Promise<FrontierResult> {
      const apiKey = await requireKey(options.secrets, keyName, 'openai');
      // A client per call: the key may have changed in Settings since the last one.
      const client = new OpenAI({
        apiKey,
        maxRetries: 0,
        timeout: 24 * 3600_000,
        ...(options.baseURL ? { baseURL: options.baseURL } : {}),
      });
      const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [
        ...(request.system ? [{ role: 'system' as const, content: request.system }] : []),
        { role: 'user', content: request.text },
      ];
      return callWithRetries(
        request,
        { provider: 'openai', model: request.model, keyName },
        options,
        async ({ signal, chunk }) => {
          const stream = await client.chat.completions.create(
            {
              model: request.model,
              messages,
              stream: true,
              stream_options: { include_usage: true },
              max_completion_tokens: request.maxOutputTokens,
            },
            { signal },
          );
          let text = '';
          let model = request.model;
          let stopReason: string | null = null;
          let usage: { inputTokens: number; outputTokens: number } | null = null;
          for await (const part of stream) {
            chunk();
            if (part.model) model = part.model;
            const choice = part.choices[0];
            const piece = choice?.delta?.content;
            if (piece) {
              text += piece;
              request.onToken?.(piece);
            }
            if (choice?.finish_reason) stopReason = choice.finish_reason;
            if (part.usage)
              usage = { inputTokens: part.usage.prompt_tokens, outputTokens: part.usage.completion_tokens };
          }
          if (signal.aborted) return { text, model, stopReason, usage: usage ?? { inputTokens: 0, outputTokens: 0 } };
          if (!usage)
            throw Object.assign(new Error('The answer ended without its usage chunk (the stream was cut).'), {
              name: 'StreamCut',
            });
          return { text, model, stopReason, usage };
        },
        toFailure,
      );
    },
  };
}

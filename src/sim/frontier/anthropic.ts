import type { Protocol, ProtocolResponse } from './server';

const errorTypes: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

/** Anthropic's error body: {"type": "error", "error": {"type", "message"}}, with a request-id header. */
function error(status: number, message: string): ProtocolResponse {
  return {
    status,
    headers: { 'request-id': `req_fake_${status}` },
    json: {
      type: 'error',
      error: { type: errorTypes[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error'), message },
    },
  };
}

function blockText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content))
    return content
      .map((b) => (b && typeof b === 'object' && 'text' in b && typeof b.text === 'string' ? b.text : ''))
      .join('');
  return '';
}

/** The Messages API (POST /v1/messages), streamed as named SSE events from message_start to message_stop. */
export const anthropicProtocol: Protocol = {
  provider: 'anthropic',
  path: '/v1/messages',
  // The API takes `x-api-key`; @anthropic-ai/sdk 1.x sends `Authorization: Bearer <key>`.
  keyOf: (headers) => headers['x-api-key'] || /^Bearer (.+)$/.exec(headers['authorization'] ?? '')?.[1] || null,
  error,
  read(body) {
    const b = body as { model?: unknown; messages?: unknown; system?: unknown; stream?: unknown; max_tokens?: unknown };
    if (typeof b.model !== 'string' || !b.model) return error(400, 'model: Field required');
    if (typeof b.max_tokens !== 'number') return error(400, 'max_tokens: Field required');
    if (!Array.isArray(b.messages) || b.messages.length === 0)
      return error(400, 'messages: at least one message is required');
    const system = blockText(b.system);
    const text = [
      ...(system ? [system] : []),
      ...b.messages.map((m: { content?: unknown }) => blockText(m?.content)),
    ].join('\n\n');
    return { model: b.model, text, stream: b.stream === true, maxTokens: b.max_tokens };
  },
  reply({ model, answer, inputTokens, outputTokens, stream, id }) {
    const usage = {
      input_tokens: inputTokens,
      output_tokens: outputTokens,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    };
    if (!stream) {
      return {
        status: 200,
        json: {
          id,
          type: 'message',
          role: 'assistant',
          model,
          content: [{ type: 'text', text: answer }],
          stop_reason: 'end_turn',
          stop_sequence: null,
          usage,
        },
      };
    }
    const pieces = answer.match(/\S+\s*|\s+/g) ?? [];
    return {
      status: 200,
      sse: [
        {
          event: 'message_start',
          data: {
            type: 'message_start',
            message: {
              id,
              type: 'message',
              role: 'assistant',
              model,
              content: [],
              stop_reason: null,
              stop_sequence: null,
              usage: { ...usage, output_tokens: 1 },
            },
          },
        },
        {
          event: 'content_block_start',
          data: { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
        },
        { event: 'ping', data: { type: 'ping' } },
        ...pieces.map((piece) => ({
          event: 'content_block_delta',
          data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: piece } },
        })),
        { event: 'content_block_stop', data: { type: 'content_block_stop', index: 0 } },
        {
          event: 'message_delta',
          data: {
            type: 'message_delta',
            delta: { stop_reason: 'end_turn', stop_sequence: null },
            usage: { output_tokens: outputTokens },
          },
        },
        { event: 'message_stop', data: { type: 'message_stop' } },
      ],
    };
  },
};

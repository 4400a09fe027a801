import type { Protocol, ProtocolResponse } from './server';

/** OpenAI's error body: {"error": {"message", "type", "param", "code"}}. */
function error(status: number, message: string, code?: string): ProtocolResponse {
  const type =
    status === 401
      ? 'invalid_request_error'
      : status === 429
        ? code === 'insufficient_quota'
          ? 'insufficient_quota'
          : 'requests'
        : status >= 500
          ? 'server_error'
          : 'invalid_request_error';
  return {
    status,
    headers: { 'x-request-id': `req_fake_${status}` },
    json: { error: { message, type, param: null, code: code ?? null } },
  };
}

/** Text of a message's content: a string, or the text parts of a content array. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content))
    return content
      .map((p) => (p && typeof p === 'object' && 'text' in p && typeof p.text === 'string' ? p.text : ''))
      .join('');
  return '';
}

/** Chat Completions (POST /v1/chat/completions), streamed as `data:` chunks ending with usage and [DONE]. */
export const openaiProtocol: Protocol = {
  provider: 'openai',
  path: '/v1/chat/completions',
  keyOf: (headers) => /^Bearer (.+)$/.exec(headers['authorization'] ?? '')?.[1] ?? null,
  error,
  read(body) {
    const b = body as {
      model?: unknown;
      messages?: unknown;
      stream?: unknown;
      max_completion_tokens?: unknown;
      max_tokens?: unknown;
    };
    if (typeof b.model !== 'string' || !b.model)
      return error(400, 'you must provide a model parameter', 'missing_required_parameter');
    if (!Array.isArray(b.messages) || b.messages.length === 0)
      return error(400, "'messages' must contain at least one message.", 'invalid_value');
    const text = b.messages.map((m: { content?: unknown }) => contentText(m?.content)).join('\n\n');
    const maxTokens =
      typeof b.max_completion_tokens === 'number'
        ? b.max_completion_tokens
        : typeof b.max_tokens === 'number'
          ? b.max_tokens
          : 4096;
    return { model: b.model, text, stream: b.stream === true, maxTokens };
  },
  reply({ model, answer, inputTokens, outputTokens, stream, id }) {
    const created = Math.floor(Date.now() / 1000);
    const usage = {
      prompt_tokens: inputTokens,
      completion_tokens: outputTokens,
      total_tokens: inputTokens + outputTokens,
    };
    if (!stream) {
      return {
        status: 200,
        json: {
          id,
          object: 'chat.completion',
          created,
          model,
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: answer, refusal: null },
              finish_reason: 'stop',
              logprobs: null,
            },
          ],
          usage,
        },
      };
    }
    const base = { id, object: 'chat.completion.chunk', created, model };
    const pieces = answer.match(/\S+\s*|\s+/g) ?? [];
    return {
      status: 200,
      sse: [
        { data: { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] } },
        ...pieces.map((piece) => ({
          data: { ...base, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] },
        })),
        { data: { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] } },
        { data: { ...base, choices: [], usage } },
        { data: '[DONE]' },
      ],
    };
  },
};

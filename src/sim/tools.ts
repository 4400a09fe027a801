import { schemaInstance, type Rng } from './generator';
import type { Tool } from './requests';

/**
 * Tool calls. A model announces one in its text; Ollama's tools.Parser (tools/tools.go) finds the
 * template's tool-call tag, reads the call's name and arguments, keeps only tools the request
 * offered, and sends them as `message.tool_calls` instead of text (ChatHandler).
 *
 * What "the model" writes is decided deterministically:
 * - a script rule answers with the text a model would write, e.g.
 *   `<tool_call>{"name": "get_weather", "arguments": {"city": "Paris"}}</tool_call>`;
 * - otherwise, when tools are offered and the last message is the user's and names one of them
 *   (its function name, case-insensitive), the model calls the first such tool, with arguments
 *   valid against its parameter schema (schemaInstance); after a tool result it answers in text.
 */

/** The tag in the Qwen 2.5 / Hermes chat templates (tools.parseTag finds it in the template). */
export const toolCallTag = '<tool_call>';
const closeTag = '</tool_call>';

export interface ToolCall {
  id: string;
  function: { index: number; name: string; arguments: Record<string, unknown> };
}

export interface ParsedAnswer {
  /** Text before the first tool-call tag: streamed as content. */
  content: string;
  /** The rest, which the parser holds back while it reads calls. */
  held: string;
}

/** Where the text the parser holds back begins (the first tag), or the whole text as content. */
export function splitAtToolCall(text: string, tools: readonly Tool[]): ParsedAnswer {
  const i = tools.length > 0 ? text.indexOf(toolCallTag) : -1;
  return i < 0 ? { content: text, held: '' } : { content: text.slice(0, i), held: text.slice(i) };
}

/**
 * The complete calls in the held-back text, for tools the request offered; none when a call is
 * cut short or names an unknown tool (then Ollama hands the held text back as content).
 */
export function parseToolCalls(held: string, tools: readonly Tool[], rng: Rng): ToolCall[] {
  const offered = new Set(tools.map((t) => t.function.name));
  const calls: ToolCall[] = [];
  let rest = held;
  for (;;) {
    const open = rest.indexOf(toolCallTag);
    if (open < 0) break;
    const close = rest.indexOf(closeTag, open);
    if (close < 0) return [];
    let call: unknown;
    try {
      call = JSON.parse(rest.slice(open + toolCallTag.length, close));
    } catch {
      return [];
    }
    const { name, arguments: args } = (call ?? {}) as { name?: unknown; arguments?: unknown };
    if (typeof name !== 'string' || !offered.has(name)) return [];
    calls.push({
      id: toolCallId(rng),
      function: {
        index: calls.length,
        name,
        arguments: typeof args === 'object' && args !== null && !Array.isArray(args) ? (args as never) : {},
      },
    });
    rest = rest.slice(close + closeTag.length);
  }
  return calls;
}

/** routes.go toolCallId: "call_" and eight characters of [a-z0-9] (from the seeded generator here). */
function toolCallId(rng: Rng): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return `call_${Array.from({ length: 8 }, () => letters[Math.floor(rng() * letters.length)]).join('')}`;
}

/** The unscripted rule: the text of a call to the first offered tool the user's last message names. */
export function plannedToolCall(
  rng: Rng,
  tools: readonly Tool[],
  lastMessage: { role: string; content?: string | null } | undefined,
): string | null {
  if (!lastMessage || lastMessage.role.toLowerCase() !== 'user') return null;
  const said = (lastMessage.content ?? '').toLowerCase();
  const tool = tools.find((t) => t.function.name !== '' && said.includes(t.function.name.toLowerCase()));
  if (!tool) return null;
  const schema = tool.function.parameters ?? { type: 'object', properties: {} };
  const args = schemaInstance(rng, schema);
  return `${toolCallTag}\n${JSON.stringify({ name: tool.function.name, arguments: args })}\n${closeTag}`;
}

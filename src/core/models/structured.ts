import { z } from 'zod';
import { ModelHostError } from '../model-host-error';
import type { ChatMessage, ChatRequest, ModelHost } from '../ports';

export interface StructuredOptions {
  /** Answers tried in all, the first included. */
  attempts?: number;
}

function describeProblem(error: unknown): string {
  if (error instanceof z.ZodError) {
    return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Asks for an answer that follows `schema`: the JSON Schema goes to the model as `format`, and the
 * answer is still validated here (a model may ignore the format). A bad answer is retried with
 * what was wrong, a bounded number of times, then reported as invalid output.
 */
export async function chatStructured<S extends z.ZodType>(
  host: ModelHost,
  request: Omit<ChatRequest, 'format'>,
  schema: S,
  options: StructuredOptions = {},
): Promise<z.infer<S>> {
  const attempts = Math.max(1, options.attempts ?? 3);
  const format = z.toJSONSchema(schema) as Record<string, unknown>;
  const messages: ChatMessage[] = [...request.messages];
  let lastProblem = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const result = await host.chat({ ...request, messages, format });
    try {
      return schema.parse(JSON.parse(result.content));
    } catch (error) {
      lastProblem = describeProblem(error);
      messages.push(
        { role: 'assistant', content: result.content },
        {
          role: 'user',
          content: `That answer was not valid (${lastProblem}). Answer again with JSON only, following the schema.`,
        },
      );
    }
  }
  throw new ModelHostError(
    'invalid_output',
    `${request.model} did not give a valid structured answer in ${attempts} attempts: ${lastProblem}`,
    { model: request.model },
  );
}

import { z } from 'zod';
import { chatStructured } from '../models/structured';
import type { ModelHost } from '../ports';
import type { RouterJudge } from './judge';

/** The answer the Router model is asked for; decideRoute validates it again before using it. */
const judgementSchema = z.object({
  route: z.enum(['local', 'planner', 'frontier']),
  reason: z.string().min(1).max(400),
});

const system = [
  'You are the Router of a local team of language models. Decide where one task goes:',
  '- "local": routine work the local Coder (32B) does well: coding, fixing a bug, tests, logs, docs, explaining or tuning existing code.',
  '- "planner": the architecture of a whole new system, or hard mathematical optimisation / algorithm design.',
  '- "frontier": a bug the local models already failed to fix 3 or more times, or breaking changes in libraries released after October 2024.',
  'You never run the task and never load any model: you only name the route. Answer with JSON {"route", "reason"}; the reason is one short sentence.',
].join('\n');

/** The Router model as a RouterJudge: structured output through the model host, a bounded retry. */
export function createModelJudge(host: ModelHost, model: string, numCtx: number): RouterJudge {
  return {
    async judge(task, signal) {
      const attempts = task.failedAttempts ? `\n(The local agents already failed ${task.failedAttempts} time(s) on this.)` : '';
      return chatStructured(
        host,
        { model, messages: [{ role: 'system', content: system }, { role: 'user', content: `${task.text}${attempts}` }], options: { numCtx, keepAlive: -1 }, signal },
        judgementSchema,
        { attempts: 2 },
      );
    },
  };
}

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
  '- "local": routine work the local Coder (32B) does well: writing and fixing code, debugging, logs, tests, reviews, docs, explaining or tuning existing code, one table or endpoint, a textbook algorithm, libraries released before October 2024.',
  '- "planner": the architecture of a whole new system with nothing built yet, or hard mathematical optimisation / algorithm design (formulations, proofs, bounds, approximation, new data structures with guarantees).',
  '- "frontier": a bug the local models already failed to fix 3 or more times, or work that needs a library, runtime, framework or API released in October 2024 or later (new major versions, breaking changes, migrations to them).',
  'You never run the task and never load any model: you only name the route. Answer with JSON {"route", "reason"}; the reason is one short sentence in the language of the task.',
].join('\n');

/**
 * A few worked examples, Korean and English, written for this prompt (not taken from any
 * evaluation set): they show the boundaries the rules find hardest.
 */
const examples: Array<{ task: string; route: 'local' | 'planner' | 'frontier'; reason: string }> = [
  {
    task: 'Our checkout page is slow; the orders query takes 3 s. Speed it up.',
    route: 'local',
    reason: 'Tuning an existing query is routine.',
  },
  {
    task: '기존 결제 서비스에 환불 API 엔드포인트 하나 추가해줘.',
    route: 'local',
    reason: '기존 서비스에 엔드포인트 하나를 추가하는 일상 업무입니다.',
  },
  {
    task: '아직 아무것도 없는 상태에서 중고거래 플랫폼을 시작하려고 해. 서버, DB, 검색, 채팅까지 전체를 어떻게 나눌지 잡아줘.',
    route: 'planner',
    reason: '기존 시스템 없이 새 플랫폼 전체를 설계하는 일입니다.',
  },
  {
    task: 'Assign 400 nurses to shifts with rest-time rules and fairness; formulate it and say how to solve it at scale.',
    route: 'planner',
    reason: 'A constrained assignment problem to formulate and solve.',
  },
  {
    task: 'We moved to Tailwind v4 and our tailwind.config.js theme is ignored. Migrate it.',
    route: 'frontier',
    reason: 'Tailwind v4 (2025) changed configuration; the local models do not know it.',
  },
  {
    task: '에이전트가 세 번 고쳤는데도 웹소켓이 10분마다 끊겨.',
    route: 'frontier',
    reason: '로컬 에이전트가 이미 세 번 수정에 실패했습니다.',
  },
];

const shots = examples.flatMap((e) => [
  { role: 'user' as const, content: e.task },
  { role: 'assistant' as const, content: JSON.stringify({ route: e.route, reason: e.reason }) },
]);

/** The Router model as a RouterJudge: few-shot, temperature 0, structured output, a bounded retry. */
export function createModelJudge(host: ModelHost, model: string, numCtx: number): RouterJudge {
  return {
    async judge(task, signal) {
      const attempts = task.failedAttempts
        ? `\n(The local agents already failed ${task.failedAttempts} time(s) on this.)`
        : '';
      return chatStructured(
        host,
        {
          model,
          messages: [
            { role: 'system', content: system },
            ...shots,
            { role: 'user', content: `${task.text}${attempts}` },
          ],
          options: { numCtx, keepAlive: -1, temperature: 0 },
          signal,
        },
        judgementSchema,
        { attempts: 2 },
      );
    },
  };
}

import { formatUsd, providerNames } from '../../../shared/frontier/prices';
import { describeFindings } from '../../../shared/frontier/redact';
import type { PreparedRequest } from './service';

export interface AnswerRecord {
  taskId: string;
  approvalId: string;
  request: PreparedRequest;
  answer: string;
  answeredModel: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  at: number;
}

/** A code fence longer than any run of backticks in the text, so the text cannot close it. */
function fenced(text: string, info = 'text'): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${info}\n${text}\n${fence}`;
}

/**
 * The hand-off file (shared/frontier_answer.md and the task's result file): the answer first,
 * for the local team, then the question exactly as it was sent, with who answered and the cost.
 */
export function renderFrontierAnswer(r: AnswerRecord): string {
  const { request } = r;
  const redacted = request.redactions.length ? describeFindings(request.redactions) : 'nothing';
  return [
    `# Frontier answer for ${r.taskId}`,
    '',
    `- Provider: ${providerNames[request.provider]}`,
    `- Model: ${r.answeredModel}${r.answeredModel === request.model ? '' : ` (asked for ${request.model})`}`,
    `- Cost: ${formatUsd(r.costUsd)} (${r.inputTokens.toLocaleString('en-US')} input + ${r.outputTokens.toLocaleString('en-US')} output tokens; prices as of ${request.pricesAsOf}; estimate was up to ${formatUsd(request.estimatedCostUsd)})`,
    `- Answered: ${new Date(r.at).toISOString()} (approval ${r.approvalId})`,
    `- Redacted before sending: ${redacted}`,
    '',
    '## Answer',
    '',
    r.answer.trim() || '(the model returned no text)',
    '',
    '## The question as sent',
    '',
    fenced(request.outgoing),
    '',
  ].join('\n');
}

import { detectLang, estimateTokens } from './text';
import type { Lang } from './types';

/**
 * Context compaction (docs/architecture.md, "Context sharing"): a long conversation becomes `temp_context.md`, a clean
 * context under a token budget that keeps what an agent needs to resume — the user's last
 * requirement, the last error, the files mentioned, the decisions — and then as many of the most
 * recent turns as still fit. Pure: text in, text out. Tokens are estimated with estimateTokens
 * (one per Hangul syllable, one per four other characters), so the budget is approximate.
 */

export interface ConversationMessage {
  role: 'user' | 'assistant' | 'system' | 'tool';
  content: string;
  /** Who spoke, when it is not obvious from the role (e.g. "coder", "reviewer"). */
  name?: string;
}

export interface CompactOptions {
  /** Upper bound for the whole file, in estimated tokens. */
  budgetTokens?: number;
  /** First line of the file. */
  title?: string;
}

export interface CompactResult {
  markdown: string;
  tokens: number;
  budgetTokens: number;
  lastRequirement: string | null;
  lastError: string | null;
  files: string[];
  decisions: string[];
  /** How many of the most recent messages are quoted in "Recent conversation". */
  recentMessages: number;
}

export const defaultCompactBudget = 2000;
const maxFiles = 25;
const maxDecisions = 12;

/** "ok", "go on", "계속해" — not a requirement; the one before it is. */
const acknowledgement =
  /^\s*(?:ok(?:ay)?|yes|yep|sure|go(?: on| ahead)?|continue|thanks?(?: you)?|thx|lgtm|네|예|응|ㅇㅇ|좋아요?|계속(?:해(?:줘|주세요)?)?|진행(?:해(?:줘|주세요)?)?|고마워요?|감사합니다)\s*[.!~]*\s*$/i;

/** A line that is an error, not a sentence about one. */
const errorLine =
  /\b[A-Z]\w*(?:Error|Exception)\b|\bTraceback \(most recent call last\)|^\s*panic:|\bFATAL\b|npm ERR!|\berror(?:\[E\d+\]| TS\d+)?:|\bERROR\b|^\s*FAIL\b|\bAssertionError\b|\bSegmentation fault\b|\bE[A-Z]{3,}\b: |에러:|오류:|실패:/m;
/** Lines that continue an error: stack frames, carets, indented detail. */
const continuation =
  /^\s+(?:at |File "|❯ |\^|~|\d+ \||\.\.\.)|^\s{2,}\S|^\t|^\s*(?:Caused by|During handling|goroutine \d+|\[signal )/;

const filePattern =
  /(?<![\w/.:@-])(?:\.{0,2}\/)?(?:[\w@.-]+\/)*[\w.-]*[A-Za-z_][\w-]*\.(?:tsx?|jsx?|mjs|cjs|json|jsonl|md|mdx|py|go|rs|java|kt|swift|rb|php|cs|c|h|cpp|hpp|ya?ml|toml|ini|css|scss|html|sql|sh|env|lock|txt|log|proto|graphql|vue|svelte)\b(?![\w/-])|(?<![\w/.-])(?:[\w.-]+\/)*(?:Dockerfile|Makefile|Procfile|\.gitignore|\.env)\b/g;

const decisionLine =
  /\b(?:decided|decision|we(?:'ll| will) (?:use|go with|keep|not|stick)|let'?s (?:use|go with|keep|not)|agreed|going with|chose|settled on|from now on|must(?: not)?|never|always|do not|don't change)\b|결정|하기로|합의|쓰기로|사용하기로|로 가자|앞으로는?|반드시|절대|하지\s*말/i;

function truncateToTokens(text: string, maxTokens: number): string {
  if (estimateTokens(text) <= maxTokens) return text;
  if (maxTokens <= 1) return '';
  let cost = 0;
  let i = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const add =
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0x1100 && c <= 0x11ff) ||
      (c >= 0x3130 && c <= 0x318f) ||
      (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0x3040 && c <= 0x30ff)
        ? 1
        : 0.25;
    if (cost + add > maxTokens - 1) break;
    cost += add;
  }
  return `${text.slice(0, i).trimEnd()}…`;
}

/** Keeps the start and the end of a long requirement: the ask is often in its last sentence. */
function headAndTail(text: string, maxTokens: number): string {
  if (estimateTokens(text) <= maxTokens) return text;
  const head = truncateToTokens(text, Math.floor(maxTokens * 0.6));
  const reversed = [...text].reverse().join('');
  const tail = [...truncateToTokens(reversed, Math.floor(maxTokens * 0.4) - 1).replace(/…$/, '')].reverse().join('');
  return `${head} […] ${tail.trimStart()}`;
}

function lastRequirementOf(messages: readonly ConversationMessage[]): string | null {
  let fallback: string | null = null;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role !== 'user' || m.content.trim() === '') continue;
    if (!acknowledgement.test(m.content)) return m.content.trim();
    fallback ??= m.content.trim();
  }
  return fallback;
}

/** The error block of the most recent message that contains one: the error line and its frames. */
function lastErrorOf(messages: readonly ConversationMessage[]): string | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role === 'system' || !errorLine.test(m.content)) continue;
    const lines = m.content.split('\n').filter((l) => !/^\s*(?:```|~~~)/.test(l));
    const start = lines.findIndex((l) => errorLine.test(l));
    if (start === -1) continue;
    let end = start + 1;
    while (end < lines.length && end - start < 20 && (continuation.test(lines[end]!) || errorLine.test(lines[end]!)))
      end++;
    return lines.slice(start, end).join('\n').trim();
  }
  return null;
}

function filesOf(messages: readonly ConversationMessage[]): string[] {
  const lastSeen = new Map<string, number>();
  messages.forEach((m, i) => {
    for (const match of m.content.matchAll(filePattern)) {
      const name = match[0].replace(/^\.\//, '');
      if (/^\d+(?:\.\d+)+$/.test(name) || /^https?:/i.test(name)) continue;
      lastSeen.set(name, i);
    }
  });
  // The most recently mentioned files survive the cap; listed in order of first mention.
  const kept = [...lastSeen.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, maxFiles)
    .map(([name]) => name);
  const keptSet = new Set(kept);
  return [...lastSeen.keys()].filter((n) => keptSet.has(n));
}

function decisionsOf(messages: readonly ConversationMessage[]): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  for (const m of messages) {
    if (m.role === 'tool') continue;
    let inFence = false;
    for (const raw of m.content.split(/\n|(?<=[.!?])\s+(?=[A-Z가-힣])/)) {
      if (/^\s*(?:```|~~~)/.test(raw)) inFence = !inFence;
      if (inFence) continue;
      const line = raw.replace(/^\s*(?:[-*>]|\d+\.)\s*/, '').trim();
      if (line.length < 8 || !decisionLine.test(line)) continue;
      const key = line.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      found.push(line.length > 240 ? `${line.slice(0, 239)}…` : line);
    }
  }
  return found.slice(-maxDecisions);
}

const labels: Record<
  Lang,
  Record<'requirement' | 'error' | 'files' | 'decisions' | 'recent' | 'none' | 'summary', string>
> = {
  en: {
    requirement: "## The user's last requirement",
    error: '## Last error',
    files: '## Files mentioned',
    decisions: '## Decisions so far',
    recent: '## Recent conversation',
    none: '(none)',
    summary: 'messages compacted; the files in the workspace are the source of truth',
  },
  ko: {
    requirement: '## 사용자의 마지막 요구사항',
    error: '## 마지막 오류',
    files: '## 언급된 파일',
    decisions: '## 지금까지의 결정',
    recent: '## 최근 대화',
    none: '(없음)',
    summary: '개 메시지를 압축함. 작업 공간의 파일이 기준입니다',
  },
};

const fence = (text: string): string => {
  const mark = text.includes('```') ? '~~~' : '```';
  return `${mark}\n${text}\n${mark}`;
};
const quoteBlock = (text: string): string =>
  text
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');
const speaker = (m: ConversationMessage): string => (m.name ? `${m.role} (${m.name})` : m.role);

export function compactConversation(
  messages: readonly ConversationMessage[],
  options: CompactOptions = {},
): CompactResult {
  const budget = Math.max(1, Math.floor(options.budgetTokens ?? defaultCompactBudget));
  const lastRequirement = lastRequirementOf(messages);
  const lastError = lastErrorOf(messages);
  const files = filesOf(messages);
  const decisions = decisionsOf(messages);
  const lang = detectLang(
    lastRequirement ??
      messages
        .map((m) => m.content)
        .join('\n')
        .slice(0, 2000),
  );
  const t = labels[lang];

  const header = `# ${options.title ?? 'temp_context.md'}\n_${messages.length} ${t.summary}._`;
  // Shares of the budget each kept part may use at most; what they leave goes to recent turns.
  const requirement =
    lastRequirement === null
      ? null
      : `${t.requirement}\n${quoteBlock(headAndTail(lastRequirement, Math.floor(budget * 0.3)))}`;
  const error =
    lastError === null ? null : `${t.error}\n${fence(truncateToTokens(lastError, Math.floor(budget * 0.2)))}`;
  const fileSection = files.length
    ? `${t.files}\n${truncateToTokens(files.map((f) => `- ${f}`).join('\n'), Math.floor(budget * 0.1))}`
    : null;
  const decisionSection = decisions.length
    ? `${t.decisions}\n${truncateToTokens(decisions.map((d) => `- ${d}`).join('\n'), Math.floor(budget * 0.15))}`
    : null;

  const fixed = [header, requirement, error, fileSection, decisionSection].filter((s): s is string => s !== null);
  let used = estimateTokens(fixed.join('\n\n'));

  // The most recent turns, newest first, as long as they fit; each one at most a fifth of the budget.
  const recent: string[] = [];
  const recentTitleCost = estimateTokens(`\n\n${t.recent}\n`);
  let room = budget - used - recentTitleCost;
  for (let i = messages.length - 1; i >= 0 && room > 8; i--) {
    const m = messages[i]!;
    if (m.role === 'system' || m.content.trim() === '') continue;
    const body = truncateToTokens(
      m.content.trim().replace(/\n{3,}/g, '\n\n'),
      Math.min(Math.floor(budget * 0.2), room - 6),
    );
    if (body === '') break;
    const entry = `- **${speaker(m)}**: ${body.replace(/\n/g, '\n  ')}`;
    const cost = estimateTokens(`${entry}\n`);
    if (cost > room) break;
    recent.unshift(entry);
    room -= cost;
  }
  const parts = recent.length ? [...fixed, `${t.recent}\n${recent.join('\n')}`] : fixed;
  let markdown = `${parts.join('\n\n')}\n`;
  used = estimateTokens(markdown);
  if (used > budget) {
    // Only a budget too small for the essentials gets here: cut the file itself.
    markdown = `${truncateToTokens(markdown, budget - 1)}\n`;
    used = estimateTokens(markdown);
  }
  return {
    markdown,
    tokens: used,
    budgetTokens: budget,
    lastRequirement,
    lastError,
    files,
    decisions,
    recentMessages: recent.length,
  };
}

export interface InstructionInput {
  /** Files the agent reads first, e.g. shared/temp_context.md and shared/blueprint.md. */
  read: readonly string[];
  /** What the agent may change: file paths or a short description of the part. */
  change: string | readonly string[];
  lang?: Lang;
}

/**
 * The short instruction handed to an agent (docs/architecture.md, "Context sharing"): knowledge stays in the files, the
 * instruction only points at them and fences the change.
 */
export function agentInstruction(input: InstructionInput): string {
  const read = input.read.length ? input.read : ['shared/temp_context.md'];
  const change = typeof input.change === 'string' ? [input.change] : [...input.change];
  if (change.length === 0) throw new Error('agentInstruction: say what the agent may change.');
  if ((input.lang ?? 'en') === 'ko') {
    return `${read.join(', ')}을(를) 먼저 읽으세요. ${change.join(', ')}만 수정하고 나머지는 그대로 두세요.`;
  }
  const list = (xs: readonly string[]): string =>
    xs.length <= 2 ? xs.join(' and ') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
  return `Read ${list(read)}; change only ${list(change)}. Leave everything else as it is.`;
}

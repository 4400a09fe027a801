import { describe, expect, it } from 'vitest';
import {
  agentInstruction,
  compactConversation,
  estimateTokens,
  type ConversationMessage,
} from '../../../src/core/router';

/** A long working session: a requirement, decisions, errors, files, and a lot of chatter. */
function session(): ConversationMessage[] {
  const m: ConversationMessage[] = [
    { role: 'system', content: 'You are Dev1, the coder. '.repeat(50) },
    {
      role: 'user',
      content: 'Add a drain phase to the queue in src/core/queue/queue.ts so the planner cannot starve.',
    },
    {
      role: 'assistant',
      name: 'coder',
      content:
        'We decided to keep the queue FIFO and add a draining flag. I will touch src/core/queue/queue.ts and tests/queue.test.ts.',
    },
  ];
  for (let i = 0; i < 40; i++) {
    m.push({
      role: 'assistant',
      name: 'coder',
      content: `Step ${i}: looked at the scheduler again, nothing new. `.repeat(8),
    });
    m.push({ role: 'user', content: `ok, continue with step ${i}` });
  }
  m.push(
    {
      role: 'tool',
      name: 'vitest',
      content:
        "FAIL tests/queue.test.ts > drains before the planner\nAssertionError: expected 'running' to be 'waiting'\n ❯ tests/queue.test.ts:58:31\n    at Object.<anonymous> (tests/queue.test.ts:58:31)\nTest Files  1 failed (1)",
    },
    {
      role: 'assistant',
      name: 'coder',
      content:
        "The error is in the drain check. Let's not change the journal format; from now on every transition is journalled first.",
    },
    {
      role: 'user',
      content:
        'Fix the drain check so the planner request waits until both the Coder and the Reviewer report IDLE. Do not change shared/domain.ts.',
    },
    { role: 'user', content: 'ok' },
  );
  return m;
}

describe('context compaction (temp_context.md)', () => {
  it('stays under the token budget, for any budget', () => {
    const messages = session();
    for (const budget of [20, 50, 120, 300, 800, 2000, 5000]) {
      const r = compactConversation(messages, { budgetTokens: budget });
      expect(estimateTokens(r.markdown), `budget ${budget}`).toBeLessThanOrEqual(budget);
      expect(r.tokens).toBe(estimateTokens(r.markdown));
    }
  });

  it('is much smaller than the conversation it compacts', () => {
    const messages = session();
    const whole = estimateTokens(messages.map((m) => m.content).join('\n'));
    const r = compactConversation(messages, { budgetTokens: 1000 });
    expect(whole).toBeGreaterThan(4000);
    expect(r.tokens).toBeLessThanOrEqual(1000);
  });

  it('keeps the last real requirement, not a trailing "ok"', () => {
    const r = compactConversation(session(), { budgetTokens: 1000 });
    expect(r.lastRequirement).toMatch(/^Fix the drain check/);
    expect(r.markdown).toContain("## The user's last requirement\n> Fix the drain check so the planner request waits");
  });

  it('keeps the last error with its stack frame', () => {
    const r = compactConversation(session(), { budgetTokens: 1000 });
    expect(r.lastError).toContain("AssertionError: expected 'running' to be 'waiting'");
    expect(r.lastError).toContain('tests/queue.test.ts:58:31');
    expect(r.markdown).toMatch(/## Last error\n```\n[^`]*AssertionError/);
  });

  it('lists the files mentioned, once each, and no version numbers or URLs', () => {
    const messages = [
      ...session(),
      {
        role: 'user' as const,
        content: 'See https://example.com/a.js and version 1.2.3; also ./shared/blueprint.md and the Dockerfile.',
      },
    ];
    const r = compactConversation(messages, { budgetTokens: 1500 });
    expect(r.files).toEqual(
      expect.arrayContaining([
        'src/core/queue/queue.ts',
        'tests/queue.test.ts',
        'shared/domain.ts',
        'shared/blueprint.md',
        'Dockerfile',
      ]),
    );
    expect(new Set(r.files).size).toBe(r.files.length);
    expect(r.files.some((f) => f.includes('example.com') || f === '1.2.3')).toBe(false);
    expect(r.markdown).toContain('- shared/domain.ts');
  });

  it('keeps the decisions', () => {
    const r = compactConversation(session(), { budgetTokens: 1500 });
    expect(r.decisions).toEqual(
      expect.arrayContaining([
        expect.stringContaining('We decided to keep the queue FIFO'),
        expect.stringContaining("Let's not change the journal format"),
        expect.stringContaining('Do not change shared/domain.ts'),
      ]),
    );
    expect(r.markdown).toContain('## Decisions so far');
  });

  it('fills what is left with the most recent turns, newest last', () => {
    const r = compactConversation(session(), { budgetTokens: 2000 });
    expect(r.recentMessages).toBeGreaterThan(0);
    const recent = r.markdown.slice(r.markdown.indexOf('## Recent conversation'));
    expect(recent.indexOf('Fix the drain check')).toBeLessThan(recent.lastIndexOf('**user**: ok'));
    expect(recent).not.toContain('You are Dev1');
    expect(compactConversation(session(), { budgetTokens: 4000 }).recentMessages).toBeGreaterThan(r.recentMessages);
  });

  it('keeps the start and the end of a requirement too long for its share', () => {
    const long = `Context: ${'we tried many things before. '.repeat(200)}The actual ask: rename the tray item to Pause.`;
    const r = compactConversation([{ role: 'user', content: long }], { budgetTokens: 400 });
    expect(r.markdown).toContain('Context: we tried');
    expect(r.markdown).toContain('rename the tray item to Pause.');
    expect(r.markdown).toContain('[…]');
  });

  it('writes Korean headings for a Korean conversation and counts Hangul as a token each', () => {
    const messages: ConversationMessage[] = [
      { role: 'user', content: '승인 대화상자 문구를 바꿔줘. shared/i18n.ts 에 있어.' },
      { role: 'assistant', content: '문구는 한국어와 영어 둘 다 바꾸기로 결정했습니다.' },
      {
        role: 'tool',
        content: "TypeError: Cannot read properties of undefined (reading 'ko')\n    at t (shared/i18n.ts:10:5)",
      },
    ];
    const r = compactConversation(messages, { budgetTokens: 300 });
    expect(r.markdown).toContain('## 사용자의 마지막 요구사항');
    expect(r.markdown).toContain('## 마지막 오류');
    expect(r.decisions[0]).toContain('결정했습니다');
    expect(r.files).toEqual(['shared/i18n.ts']);
    expect(r.tokens).toBeLessThanOrEqual(300);
  });

  it('handles an empty conversation', () => {
    const r = compactConversation([], { budgetTokens: 100 });
    expect(r).toMatchObject({ lastRequirement: null, lastError: null, files: [], decisions: [], recentMessages: 0 });
    expect(r.markdown).toContain('# temp_context.md');
  });
});

describe('agent instruction', () => {
  it('points at the files and fences the change', () => {
    expect(
      agentInstruction({ read: ['shared/temp_context.md', 'shared/blueprint.md'], change: 'src/core/queue/queue.ts' }),
    ).toBe(
      'Read shared/temp_context.md and shared/blueprint.md; change only src/core/queue/queue.ts. Leave everything else as it is.',
    );
    expect(agentInstruction({ read: ['a.md', 'b.md', 'c.md'], change: ['x.ts', 'y.ts'] })).toBe(
      'Read a.md, b.md and c.md; change only x.ts and y.ts. Leave everything else as it is.',
    );
  });

  it('speaks Korean, stays short, and needs something to change', () => {
    const ko = agentInstruction({
      read: ['shared/temp_context.md', 'shared/blueprint.md'],
      change: 'src/core/queue/queue.ts의 drain 검사',
      lang: 'ko',
    });
    expect(ko).toContain('shared/blueprint.md');
    expect(ko).toContain('만 수정하고');
    expect(estimateTokens(ko)).toBeLessThan(80);
    expect(() => agentInstruction({ read: [], change: [] })).toThrow(/change/);
  });
});

import { describe, expect, it } from 'vitest';
import { compareVersions, createRouterRules, detectLang, estimateTokens, routeByRules } from '../src/core/router';

const rules = createRouterRules();
const decide = (text: string, failedAttempts?: number) => rules.decide(failedAttempts === undefined ? { text } : { text, failedAttempts });

describe('router rules: the escalation categories (product.md §2)', () => {
  it.each([
    ['failedAttempts at the threshold', 'The tray menu shows stale counts after approval.', 3],
    ['failedAttempts above it', '로그인 후 세션이 바로 만료돼.', 7],
  ])('%s → frontier by failed-3-times, sure', (_, text, attempts) => {
    const d = decide(text, attempts);
    expect(d).toMatchObject({ route: 'frontier', rule: 'failed-3-times', confidence: 1 });
    expect(d.reason.en).toContain(`${attempts} times`);
  });

  it('a count stated in the text escalates even when the recorded count is lower (hosts send 0 when nobody counted)', () => {
    expect(decide('Dev1 tried three times already; the deadlock is still there.', 0)).toMatchObject({ route: 'frontier', rule: 'failed-3-times' });
    expect(decide('Dev1 tried three times already; the deadlock is still there.', 1)).toMatchObject({ route: 'frontier', rule: 'failed-3-times' });
    expect(decide('Dev1 tried twice; the deadlock is still there.', 2)).toMatchObject({ route: 'local' });
  });

  it.each([
    'Dev1 has tried three times to fix this deadlock and each patch made it worse.',
    'This is the 4th failed attempt by the local team at fixing the keychain read.',
    'Still broken after 3 attempts by the local agents: EPERM on rename.',
    'We went through four rounds of fixes with Dev1 and the SSE bug is still there.',
    '이 버그 로컬 모델이 세 번이나 고치려고 했는데 다 실패했어.',
    'Dev1이 벌써 다섯 번째 수정했는데 여전히 테스트가 깨져.',
    '로컬 에이전트가 3회 시도했지만 실패. concurrent map writes',
  ])('a count of failed fixes in the text escalates: %s', (text) => {
    expect(decide(text)).toMatchObject({ route: 'frontier', rule: 'failed-3-times' });
  });

  it.each([
    ['failedAttempts below the threshold', 'Still broken after the second try: the snapshot is empty after a crash.', 2],
    ['CI failures are not fix attempts', 'The e2e test failed 3 times in CI today but passes locally. Flaky?', undefined],
    ['retry logic is not a fix attempt', 'Add retry with exponential backoff (max 3 retries) and give up after 3 attempts.', undefined],
    ['Korean retry logic', '재시도 로직 추가해줘. 3번 재시도하고 그래도 실패하면 에러 표시.', undefined],
    ['a line number is not a count', '3번째 줄에서 에러 나. 수정해줘: JSON.parse(undefined)', undefined],
    ['CI failing three times in Korean', 'CI에서 테스트가 세 번 연속 실패했는데 로컬에선 통과해.', undefined],
  ])('%s → local', (_, text, attempts) => {
    expect(decide(text, attempts)).toMatchObject({ route: 'local', rule: 'routine' });
  });

  it.each([
    'We are starting a brand-new product: a multi-tenant SaaS for clinic bookings. Design the whole system architecture from scratch: services, data stores, auth, deployment.',
    'Greenfield project: a real-time collaborative whiteboard. Propose the overall architecture.',
    "I'm founding a startup. Before any code, I need the big-picture system design: components, infra, data.",
    '새로운 물류 관리 시스템을 처음부터 만들려고 해. 전체 아키텍처 설계해줘.',
    '아직 코드 한 줄도 없어. 배달 앱 백엔드를 어떤 구조로 만들어야 할지 전체 설계부터 해줘.',
  ])('the architecture of a whole new system → planner: %s', (text) => {
    expect(decide(text)).toMatchObject({ route: 'planner', rule: 'new-architecture' });
  });

  it.each([
    ['one table', 'Design the schema for a single `invoices` table in Postgres, with indexes.'],
    ['one table (ko)', 'users 테이블 하나만 스키마 설계해줘.'],
    ['explaining existing architecture', 'Explain the architecture of our existing queue module to a new team member.'],
    ['documenting the current system', '지금 코드 기준으로 우리 시스템 전체 아키텍처 다이어그램을 README에 mermaid로 그려줘.'],
    ['a new endpoint', 'Add a new endpoint POST /api/approvals/:id.'],
    ['a new component', 'Create a new React component for the approvals list.'],
  ])('not whole-system architecture (%s) → local', (_, text) => {
    expect(decide(text)).toMatchObject({ route: 'local' });
  });

  it.each([
    ['Tailwind v4', "After upgrading to Tailwind CSS v4 our build fails: the PostCSS plugin has moved to a separate package. How do we migrate?", 'Tailwind CSS 4'],
    ['Next.js 16', 'Upgrading to Next.js 16: middleware.ts is deprecated in favour of proxy.ts. What breaking changes do we need to handle?', 'Next.js 16'],
    ['vitest from 3 to 4', 'We bumped vitest from 3 to 4 and the workspace file is gone.', 'Vitest 4'],
    ['React 17 → 19 (Korean)', 'React 17에서 19로 올렸더니 forwardRef 경고가 잔뜩 나와. 바뀐 점 알려줘.', 'React 19'],
    ['zod 4 (Korean)', 'zod 4 업그레이드 후에 z.string().email()이 deprecated라고 나와.', 'Zod 4'],
    ['React Router, not React', 'React Router v7 upgrade from v6: json() and defer() were removed. Migrate routes/app.tsx.', 'React Router 7'],
    ['switching the build to a new compiler', "We're switching our build to TypeScript 7 (tsgo). What's different?", 'TypeScript 7'],
  ])('breaking changes in a post-cutoff library → frontier (%s)', (_, text, name) => {
    const d = decide(text);
    expect(d).toMatchObject({ route: 'frontier', rule: 'post-cutoff-library' });
    expect(d.reason.en).toContain(name);
  });

  it('a release dated 2025 or later counts even when the library is not in the table', () => {
    expect(decide('A library we use (foo-sdk v3, released in June 2025) changed its auth API. Migrate our client.')).toMatchObject({ route: 'frontier', rule: 'post-cutoff-library' });
  });

  it.each([
    ['a React 19 stack trace', "TypeError: Cannot read properties of undefined (reading 'map')\n    at AgentCards (AgentCards.tsx:42:18)\nWe're on React 19.1."],
    ['routine styling on Tailwind v4', "We're on Tailwind v4. Make the approve button green with a darker hover state."],
    ['an upgrade of a library the models know', 'Upgrade our app from React 17 to 18: replace ReactDOM.render with createRoot.'],
    ['2025 dates in a log', '[2025-09-30 02:03:44] job=thumbs ERROR ENOSPC: no space left on device, write'],
    ['a year in a report', '2025년 3분기 매출 리포트용 SQL 짜줘.'],
    ['a schema migration with a post-cutoff ORM', 'Write a Prisma 6 migration that adds a deletedAt column to the Post model.'],
    ['TypeScript error codes', 'error TS2322: Type string is not assignable to type number. We upgraded the code yesterday.'],
    ['a routine "switch … to"', "We're on React 19. Switch the approve button to green and the deny button to red."],
  ])('a new library without a breaking change to handle stays local (%s)', (_, text) => {
    expect(decide(text)).toMatchObject({ route: 'local', rule: 'routine' });
  });

  it.each([
    'Design an algorithm to schedule 300 jobs with precedence constraints on 4 GPUs minimising makespan; it is NP-hard, so give an approximation with a provable bound.',
    'Formulate model placement as an ILP: N models, a 64 GB budget, minimise total swap time.',
    'Devise a new compression algorithm for our time-series metrics and analyse its worst case.',
    '배송 경로 최적화 알고리즘 설계해줘. 차량 30대, 시간창 제약, 적재 용량 제약이 있어.',
    '포트폴리오 최적화: 볼록 최적화 문제로 정식화하고 해법 설계해줘.',
  ])('complex optimisation or algorithm design → planner: %s', (text) => {
    expect(decide(text)).toMatchObject({ route: 'planner', rule: 'math-optimisation' });
  });

  it.each([
    ['explaining complexity', 'Explain the time complexity of this function:\nfunction dedupe(xs) { return xs.filter((x, i) => xs.indexOf(x) === i); }'],
    ['explaining complexity (ko)', '이 함수의 시간 복잡도를 설명해줘.'],
    ['SQL tuning', "Optimise this SQL query, it takes 4 s:\nSELECT * FROM orders WHERE DATE(created_at) = '2024-05-01';"],
    ['SQL tuning (ko)', '이 SQL 쿼리 좀 최적화해줘. 너무 느려.'],
    ['a textbook algorithm', "Implement Dijkstra's shortest path for our dependency graph."],
    ['tests for an algorithm', 'Design unit tests for the scheduling algorithm in queue.ts.'],
    ['a bug in an algorithm', 'Find the bug in this binary search algorithm: lo = mid never moves.'],
    ['hyperparameter tuning', 'Our XGBoost model overfits. Which hyperparameters should we tune first?'],
    ['"best algorithm" question (ko)', '이 문제에 최적의 정렬 알고리즘이 뭐야?'],
  ])('everyday optimisation stays local (%s)', (_, text) => {
    expect(decide(text)).toMatchObject({ route: 'local' });
  });
});

describe('router rules: configuration', () => {
  it('targets are configurable per rule', () => {
    const custom = createRouterRules({ targets: { 'failed-3-times': 'planner', 'post-cutoff-library': 'planner', 'math-optimisation': 'frontier' } });
    expect(custom.decide({ text: 'anything', failedAttempts: 3 })).toMatchObject({ route: 'planner', rule: 'failed-3-times' });
    expect(custom.decide({ text: 'Next.js 16 migration: what breaking changes?' })).toMatchObject({ route: 'planner', rule: 'post-cutoff-library' });
    expect(custom.decide({ text: 'Formulate this as an integer program and design an approximation algorithm.' })).toMatchObject({ route: 'frontier', rule: 'math-optimisation' });
    expect(custom.decide({ text: 'anything', failedAttempts: 3 }).reason.en).toContain('Planner');
  });

  it('the failed-attempts threshold is configurable, and the rule keeps its contract name', () => {
    const five = createRouterRules({ failedAttemptsThreshold: 5 });
    expect(five.decide({ text: 'x', failedAttempts: 4 }).route).toBe('local');
    expect(five.decide({ text: 'Dev1 tried four times to fix it.' }).route).toBe('local');
    expect(five.decide({ text: 'x', failedAttempts: 5 })).toMatchObject({ route: 'frontier', rule: 'failed-3-times' });
    expect(() => createRouterRules({ failedAttemptsThreshold: 0 })).toThrow(/at least 1/);
  });

  it('users extend the library table', () => {
    const text = 'After upgrading to Frobnicate 3 our plugins are no longer loaded.';
    expect(decide(text).route).toBe('local');
    const extended = createRouterRules({ extraLibraries: [{ name: 'Frobnicate', names: ['frobnicate'], version: '3', released: '2025-08' }] });
    const d = extended.decide({ text });
    expect(d).toMatchObject({ route: 'frontier', rule: 'post-cutoff-library' });
    expect(d.reason.en).toContain('Frobnicate 3 (released 2025-08)');
    expect(extended.decide({ text: 'After upgrading to Frobnicate 2 our plugins are no longer loaded.' }).route).toBe('local');
  });

  it('the knowledge cutoff decides which table entries count', () => {
    const text = 'Upgrading to Next.js 15: cookies() is now async and our pages error. Help migrate.';
    expect(decide(text).route).toBe('frontier');
    expect(createRouterRules({ knowledgeCutoff: '2025-01' }).decide({ text }).route).toBe('local');
  });

  it('rejects table entries it cannot compile safely', () => {
    expect(() => createRouterRules({ extraLibraries: [{ name: 'X', names: ['(x)'], version: '1', released: '2025-01' }] })).toThrow(/capturing group/);
    expect(() => createRouterRules({ extraLibraries: [{ name: 'X', names: ['x'], version: '1', released: 'June 2025' }] })).toThrow(/YYYY-MM/);
    expect(() => createRouterRules({ extraLibraries: [{ name: 'X', names: ['x('], released: '2025-01' }] })).toThrow(/not a regular expression/);
  });
});

describe('router rules: explanations and confidence', () => {
  it('every decision has a rule, a reason in both languages and a confidence in 0..1', () => {
    for (const text of ['fix typo in README', 'Design the whole architecture of a brand-new SaaS from scratch.', '이 함수 설명해줘']) {
      const d = decide(text);
      expect(d.rule).toMatch(/^(routine|failed-3-times|new-architecture|post-cutoff-library|math-optimisation)$/);
      expect(d.reason.en.length).toBeGreaterThan(20);
      expect(d.reason.ko).toMatch(/[가-힣]/);
      expect(d.confidence).toBeGreaterThan(0);
      expect(d.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('is sure about plain routine work and unsure when a rule came close', () => {
    const plain = decide('Write unit tests for parseDuration.');
    const close = decide("We're on Tailwind v4. Make the approve button green.");
    expect(plain.confidence).toBeGreaterThanOrEqual(rules.config.askModelBelow);
    expect(close.rule).toBe('routine');
    expect(close.confidence).toBeLessThan(rules.config.askModelBelow);
    expect(close.reason.en).toContain('Tailwind CSS 4');
  });

  it('reasons quote the words that decided', () => {
    const d = decide('Greenfield project: design the overall architecture of a new chat platform.');
    expect(d.reason.en).toMatch(/"(?:overall architecture|Greenfield|greenfield)"/);
  });

  it('is deterministic and the default instance agrees with a fresh one', () => {
    const text = 'Vite 7로 업그레이드했더니 Node 18에서 빌드가 안 돼.';
    expect(routeByRules({ text })).toEqual(createRouterRules().decide({ text }));
    expect(routeByRules({ text })).toEqual(routeByRules({ text }));
  });
});

describe('router text helpers', () => {
  it('detects Korean even with a long English stack trace, and English quoting a Korean word', () => {
    expect(detectLang(`이 에러 왜 나는 거야? 고쳐줘\n${'    at Object.<anonymous> (/app/index.js:1:1)\n'.repeat(20)}`)).toBe('ko');
    expect(detectLang("The button label '저장' is cut off on small screens; fix the CSS.")).toBe('en');
    expect(detectLang('고쳐줘')).toBe('ko');
  });

  it('estimates one token per Hangul syllable and one per four other characters', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abcd')).toBe(1);
    expect(estimateTokens('abcde')).toBe(2);
    expect(estimateTokens('안녕하세요')).toBe(5);
    expect(estimateTokens('안녕 abcd')).toBe(2 + 2);
  });

  it('compares versions numerically', () => {
    expect(compareVersions('3.13', '3.14')).toBe(-1);
    expect(compareVersions('3.2', '3.13')).toBe(-1);
    expect(compareVersions('19.2', '19')).toBe(1);
    expect(compareVersions('4.0', '4')).toBe(0);
  });
});

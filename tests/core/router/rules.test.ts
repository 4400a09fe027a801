import { describe, expect, it } from 'vitest';
import {
  compareVersions,
  createRouter,
  detectLang,
  estimateTokens,
  loadModel,
  routeByDefaults,
  type LinearModel,
} from '../../../src/core/router';

// Facts (failed-fix counts) and configuration. How well the classifier routes is measured on the
// frozen test split (router-eval.test.ts), never on single sentences picked here.
const router = createRouter();
const decide = (text: string, failedAttempts?: number) =>
  router.decide(failedAttempts === undefined ? { text } : { text, failedAttempts });

describe('router facts: failed fixes (docs/architecture.md, "Routing targets")', () => {
  it.each([
    ['failedAttempts at the threshold', 'The tray menu shows stale counts after approval.', 3],
    ['failedAttempts above it', '로그인 후 세션이 바로 만료돼.', 7],
  ])('%s → frontier by failed-3-times, sure', (_, text, attempts) => {
    const d = decide(text, attempts);
    expect(d).toMatchObject({ route: 'frontier', rule: 'failed-3-times', confidence: 1 });
    expect(d.reason.en).toContain(`${attempts} times`);
  });

  it('a count stated in the text escalates even when the recorded count is lower (hosts send 0 when nobody counted)', () => {
    expect(decide('Dev1 tried three times already; the deadlock is still there.', 0)).toMatchObject({
      route: 'frontier',
      rule: 'failed-3-times',
    });
    expect(decide('Dev1 tried three times already; the deadlock is still there.', 1)).toMatchObject({
      route: 'frontier',
      rule: 'failed-3-times',
    });
    expect(router.fact({ text: 'Dev1 tried twice; the deadlock is still there.', failedAttempts: 2 })).toBeNull();
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
    [
      'failedAttempts below the threshold',
      'Still broken after the second try: the snapshot is empty after a crash.',
      2,
    ],
    [
      'CI failures are not fix attempts',
      'The e2e test failed 3 times in CI today but passes locally. Flaky?',
      undefined,
    ],
    [
      'retry logic is not a fix attempt',
      'Add retry with exponential backoff (max 3 retries) and give up after 3 attempts.',
      undefined,
    ],
    ['Korean retry logic', '재시도 로직 추가해줘. 3번 재시도하고 그래도 실패하면 에러 표시.', undefined],
    ['a line number is not a count', '3번째 줄에서 에러 나. 수정해줘: JSON.parse(undefined)', undefined],
    ['CI failing three times in Korean', 'CI에서 테스트가 세 번 연속 실패했는데 로컬에선 통과해.', undefined],
  ])('no fact when the count is not of failed fixes (%s): the classifier decides', (_, text, attempts) => {
    const task = attempts === undefined ? { text } : { text, failedAttempts: attempts };
    expect(router.fact(task)).toBeNull();
    expect(router.decide(task).rule).not.toBe('failed-3-times');
  });
});

/** A classifier with hand-set weights: one cue per route, so configuration tests say what they mean. */
function cueModel(): LinearModel {
  const features = ['c:c.formulation', 'c:x.new+shape', 'c:post.library'];
  // rows: local, planner, frontier weights per feature
  const weights = [0, 5, 0, 0, 5, 0, 0, 0, 5];
  return loadModel({
    format: 'frontier-sos-router/1',
    classes: ['local', 'planner', 'frontier'],
    gramScale: 1,
    features,
    weights,
    bias: [1, 0, 0],
    calibration: { temperature: 1, sureAbove: 0.8 },
  });
}

describe('router: configuration', () => {
  it('targets are configurable per rule, and the classifier names the rule its cues stand for', () => {
    const custom = createRouter(
      { targets: { 'failed-3-times': 'planner', 'post-cutoff-library': 'planner', 'math-optimisation': 'frontier' } },
      cueModel(),
    );
    expect(custom.decide({ text: 'anything', failedAttempts: 3 })).toMatchObject({
      route: 'planner',
      rule: 'failed-3-times',
    });
    expect(custom.decide({ text: 'anything', failedAttempts: 3 }).reason.en).toContain('Planner');
    expect(custom.decide({ text: 'Upgrading to Next.js 16: what breaking changes?' })).toMatchObject({
      route: 'planner',
      rule: 'post-cutoff-library',
    });
    expect(custom.decide({ text: 'Formulate this as an integer program with an objective.' })).toMatchObject({
      route: 'frontier',
      rule: 'math-optimisation',
    });
    expect(custom.decide({ text: 'We are launching a brand-new startup; lay out the whole system.' })).toMatchObject({
      route: 'planner',
      rule: 'new-architecture',
    });
    expect(custom.decide({ text: 'fix the typo' })).toMatchObject({ route: 'local', rule: 'routine' });
  });

  it('the failed-attempts threshold is configurable, and the rule keeps its contract name', () => {
    const five = createRouter({ failedAttemptsThreshold: 5 }, cueModel());
    expect(five.decide({ text: 'x', failedAttempts: 4 }).route).toBe('local');
    expect(five.fact({ text: 'Dev1 tried four times to fix it.' })).toBeNull();
    expect(five.decide({ text: 'x', failedAttempts: 5 })).toMatchObject({ route: 'frontier', rule: 'failed-3-times' });
    expect(() => createRouter({ failedAttemptsThreshold: 0 })).toThrow(/at least 1/);
  });

  it('users extend the library table: the post-cutoff cue, and the reason, follow it', () => {
    const text = 'After upgrading to Frobnicate 3 our plugins are no longer loaded.';
    expect(createRouter({}, cueModel()).decide({ text }).route).toBe('local');
    const extended = createRouter(
      { extraLibraries: [{ name: 'Frobnicate', names: ['frobnicate'], version: '3', released: '2025-08' }] },
      cueModel(),
    );
    const d = extended.decide({ text });
    expect(d).toMatchObject({ route: 'frontier', rule: 'post-cutoff-library' });
    expect(d.reason.en).toContain('Frobnicate 3 (released 2025-08)');
    expect(extended.decide({ text: 'After upgrading to Frobnicate 2 our plugins are no longer loaded.' }).route).toBe(
      'local',
    );
  });

  it('the knowledge cutoff decides which table entries count', () => {
    const text = 'Upgrading to Next.js 15: cookies() is now async and our pages error. Help migrate.';
    expect(createRouter({}, cueModel()).decide({ text }).route).toBe('frontier');
    expect(createRouter({ knowledgeCutoff: '2025-01' }, cueModel()).decide({ text }).route).toBe('local');
  });

  it('rejects table entries it cannot compile safely', () => {
    expect(() =>
      createRouter({ extraLibraries: [{ name: 'X', names: ['(x)'], version: '1', released: '2025-01' }] }),
    ).toThrow(/capturing group/);
    expect(() =>
      createRouter({ extraLibraries: [{ name: 'X', names: ['x'], version: '1', released: 'June 2025' }] }),
    ).toThrow(/YYYY-MM/);
    expect(() => createRouter({ extraLibraries: [{ name: 'X', names: ['x('], released: '2025-01' }] })).toThrow(
      /not a regular expression/,
    );
  });

  it('refuses weights that are not a model, saying how to rebuild them', () => {
    expect(() => loadModel({})).toThrow(/npm run train:router/);
    expect(() => loadModel({ ...cueModel().file, weights: [1, 2] })).toThrow(/2 weights for 3 features/);
  });
});

describe('router: explanations and confidence', () => {
  it('every decision has a rule, a reason in both languages naming the cues, and a confidence in 0..1', () => {
    for (const text of [
      'fix typo in README',
      'We are starting a brand-new company and nothing is built: design the whole system architecture from scratch.',
      '이 함수 설명해줘',
    ]) {
      const d = router.decide({ text });
      expect(d.rule).toMatch(/^(routine|failed-3-times|new-architecture|post-cutoff-library|math-optimisation)$/);
      expect(d.reason.en).toMatch(/classifier \d+% sure/);
      expect(d.reason.ko).toMatch(/[가-힣]/);
      expect(d.confidence).toBeGreaterThan(0);
      expect(d.confidence).toBeLessThanOrEqual(1);
    }
    const d = createRouter({}, cueModel()).decide({
      text: 'We are launching a brand-new startup; lay out the whole system.',
    });
    expect(d.reason.en).toContain('a new system as a whole');
    expect(d.reason.ko).toContain('새 시스템 전체');
  });

  it('is deterministic and the default instance agrees with a fresh one', () => {
    const text = 'Vite 7로 업그레이드했더니 Node 18에서 빌드가 안 돼.';
    expect(routeByDefaults({ text })).toEqual(createRouter().decide({ text }));
    expect(routeByDefaults({ text })).toEqual(routeByDefaults({ text }));
  });
});

describe('router text helpers', () => {
  it('detects Korean even with a long English stack trace, and English quoting a Korean word', () => {
    expect(
      detectLang(`이 에러 왜 나는 거야? 고쳐줘\n${'    at Object.<anonymous> (/app/index.js:1:1)\n'.repeat(20)}`),
    ).toBe('ko');
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

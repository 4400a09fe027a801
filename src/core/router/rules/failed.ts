import { hit, notFired, type Signal } from './signal';

/**
 * Rule `failed-3-times`: the local agents already failed to fix this task `threshold` times.
 * It fires when either count reaches the threshold: `failedAttempts`, or a count the text states.
 * Hosts send `failedAttempts: 0` when nobody counted, so a low field never hides the text's
 * claim. The text is read for an explicit count of fix attempts ("Dev1 tried three times", "4th failed attempt", "세 번이나 고치려고 했는데",
 * "3회 시도했지만 실패"); a count of other failures ("the test failed 3 times in CI", "max 3
 * retries") does not count, because a count must sit next to a fixing word or an agent.
 */

const enCounts: Record<string, number> = {
  once: 1,
  one: 1,
  twice: 2,
  two: 2,
  three: 3,
  thrice: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
};
const koCounts: Record<string, number> = {
  한: 1,
  두: 2,
  세: 3,
  석: 3,
  네: 4,
  다섯: 5,
  여섯: 6,
  일곱: 7,
  여덟: 8,
  아홉: 9,
  열: 10,
};

const EN_NUM =
  '(\\d+|once|twice|thrice|one|two|three|four|five|six|seven|eight|nine|ten|several|multiple|many|numerous)';
const EN_ORD = '(\\d+(?:st|nd|rd|th)|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)';
const KO_NUM = '(\\d+|한|두|세|석|네|다섯|여섯|일곱|여덟|아홉|열|여러|몇)';
/** Past fixing, not retry logic: "tried", "failed to fix", never "retry"/"try up to". */
const EN_FIXED =
  "(?:tried|attempted|fixes|fixed|patched|patches|(?:failed|unable|couldn't|could not) to (?:fix|solve|patch|resolve)|(?:failed|unable|couldn't|could not) (?:fix|solve|patch|resolve))";
const EN_AGENT =
  '(?:dev ?1|dev ?2|the coder|coder|reviewer|local (?:models?|agents?|team|llms?)|the (?:local )?(?:agents?|models?|team)|our agents|qwen[\\w.:-]*)';
/** "3번째 줄" (line 3), "3번 파일", "3번 이슈" are references, not counts. */
const KO_NOT_REF =
  '(?!째?\\s*(?:줄|라인|행|파일|항목|이슈|문제|케이스|포트|인덱스|칸|컬럼|단계|서버|노드|방|테스트|라우트))';
/** Past fixing in Korean; "재시도" (retry) and "시도하고 실패하면" (retry logic) do not count. */
const KO_FIXED =
  '(?:고치려|고쳤|고쳐\\s*봤|고쳐도|못\\s*고치|못\\s*고쳤|수정했|수정해\\s*봤|수정을\\s*했|수정에도|(?<!재)시도했|(?<!재)시도해\\s*봤|(?<!재)시도\\s*끝에|(?<!재)시도에도|(?<!재)시도(?:인데도|했는데도|\\s*후에도|도\\s*실패)|(?<!재)시도(?:했)?지만|패치했|패치에도|해결하려|해결\\s*못|손\\s*봤)';

/** Each pattern's first group is the count. */
const patterns: RegExp[] = [
  // "tried three times", "attempted to fix it 4 times", "failed to fix this 3 times"
  new RegExp(`\\b${EN_FIXED}\\b[^.\\n]{0,40}?\\b${EN_NUM}\\s*(?:times|x)\\b`, 'i'),
  // "three failed attempts", "5 unsuccessful fixes", "4 fix attempts"
  new RegExp(
    `\\b${EN_NUM}\\s+(?:(?:failed|unsuccessful|broken|bad)\\s+(?:\\w+\\s+)?(?:attempts|tries|fixes|patches)|fix attempts|attempts? (?:at|to) fix(?:ing)?|rounds? of (?:fix(?:es|ing)?|patch(?:es|ing)?|attempts|debugging))\\b`,
    'i',
  ),
  // "after 3 attempts by Dev1", "Dev1 made 4 attempts"
  new RegExp(`${EN_AGENT}[^.\\n]{0,60}?\\b${EN_NUM}\\s+(?:attempts|tries|fixes|patches)\\b`, 'i'),
  new RegExp(`\\b${EN_NUM}\\s+(?:attempts|tries|fixes|patches)\\b[^.\\n]{0,40}?${EN_AGENT}`, 'i'),
  // "this is the 4th failed attempt", "Dev1's third try", "third unsuccessful fix"
  new RegExp(
    `(?:(?:this is|that's|that was|it's|on|after) (?:the|our|their|dev ?1'?s?)|dev ?1'?s?)\\s+${EN_ORD}\\s+(?:(?:failed|unsuccessful)\\s+)?(?:attempt|try|fix|patch|round)\\b`,
    'i',
  ),
  new RegExp(`\\b${EN_ORD}\\s+(?:failed|unsuccessful)\\s+(?:attempt|try|fix|patch)\\b`, 'i'),
  // "had the local model try to fix it four times"
  new RegExp(
    `${EN_AGENT}[^.\\n]{0,30}?\\b(?:try|attempt)(?:ing)? to (?:fix|solve|resolve)\\b[^.\\n]{0,30}?\\b${EN_NUM}\\s*times\\b`,
    'i',
  ),
  // "still broken after 3 attempts", "after four tries nothing worked" (not "give up after 3 attempts")
  new RegExp(
    `\\b(?:still|didn't|did not|no luck|nothing worked|same (?:error|bug|problem))\\b[^.\\n]{0,40}?\\bafter\\s+${EN_NUM}\\s+(?:(?:failed|unsuccessful)\\s+)?(?:attempts|tries|fixes|patches|rounds)\\b`,
    'i',
  ),
  new RegExp(
    `\\bafter\\s+${EN_NUM}\\s+(?:(?:failed|unsuccessful)\\s+)?(?:attempts|tries|fixes|patches|rounds)\\b[^.\\n]{0,40}?\\b(?:still|didn't|did not|no luck|nothing|same (?:error|bug|problem))\\b`,
    'i',
  ),
  // "failed attempts: 3", "fix attempts (4)"
  new RegExp(`\\b(?:failed|fix|previous)\\s+attempts?\\s*[:=(]\\s*(\\d+)`, 'i'),
  // "Dev1 failed three times", "the local agents have failed 3 times already"
  new RegExp(`${EN_AGENT}[^.\\n]{0,40}?\\bfail(?:ed|s)?\\b[^.\\n]{0,20}?\\b${EN_NUM}\\s*(?:times|x)\\b`, 'i'),
  // "세 번이나 고치려고", "3회 시도했지만", "다섯 번째 수정했는데"
  new RegExp(`${KO_NUM}\\s*(?:번|회|차례)${KO_NOT_REF}(?:째|이나|씩|도|을|를|이|나)?[^.\\n]{0,16}?${KO_FIXED}`),
  // "수정을 세 번 했는데", "고치려고 3번이나 시도"
  new RegExp(
    `(?:고치|고쳐|수정|패치|(?<!재)시도)[^.\\n]{0,12}?${KO_NUM}\\s*(?:번|회|차례)${KO_NOT_REF}(?:이나|나|씩|째)?\\s*(?:했|해\\s*봤|시도했|실패)`,
  ),
  // "로컬 에이전트가 세 번 실패", "Dev1이 3번이나 실패"
  new RegExp(
    `(?:에이전트|로컬\\s*모델|로컬\\s*팀|코더|dev ?1|모델이|모델들이)[^.\\n]{0,24}?${KO_NUM}\\s*(?:번|회|차례)${KO_NOT_REF}[^.\\n]{0,10}?실패`,
    'i',
  ),
];

/**
 * Every pattern above needs one of these words (a fixing verb, an attempt noun, an agent or a
 * failure); a text with none of them cannot match any, so the fourteen scans are skipped. Keep it
 * in step when a pattern is added (tests/core/router/rules.test.ts checks the listed examples).
 */
const anyPatternWord =
  /tried|attempt|fix|patch|fail|unable|could|round|tries|\btry|dev ?1|dev ?2|coder|reviewer|agent|model|team|qwen|unsuccessful|고치|고쳐|고쳤|수정|시도|패치|해결|손\s*봤|실패/i;

const vague = new Set(['several', 'multiple', 'many', 'numerous', '여러', '몇']);

function countOf(word: string): number | 'vague' | null {
  const w = word.toLowerCase();
  if (vague.has(w)) return 'vague';
  const digits = /^(\d+)/.exec(w);
  if (digits) return Number(digits[1]);
  return enCounts[w] ?? koCounts[w] ?? null;
}

/** `out`, when given, receives what the text says of earlier attempts, for the classifier's features. */
export function failedSignal(
  text: string,
  failedAttempts: number | undefined,
  threshold: number,
  out?: Record<string, number>,
): Signal {
  if (failedAttempts !== undefined && failedAttempts >= threshold) {
    return {
      rule: 'failed-3-times',
      fired: true,
      near: false,
      confidence: 1,
      cues: [`failedAttempts=${failedAttempts}`],
      because: (target) => ({
        en: `The local agents already failed to fix this ${failedAttempts} times (threshold ${threshold}): escalate to ${target}.`,
        ko: `로컬 에이전트가 이미 ${failedAttempts}번 수정에 실패했습니다(기준 ${threshold}번). ${target}로 올립니다.`,
      }),
    };
  }
  let best: { n: number | 'vague'; quote: string } | null = null;
  for (const re of anyPatternWord.test(text) ? patterns : []) {
    const m = re.exec(text);
    if (!m || m[1] === undefined) continue;
    const n = countOf(m[1]);
    if (n === null) continue;
    const q = hit(re, text) ?? m[0];
    if (n === 'vague') best ??= { n, quote: q };
    else if (best === null || best.n === 'vague' || n > best.n) best = { n, quote: q };
  }
  if (out && best !== null) {
    if (best.n === 'vague') out['failed.vague'] = 1;
    else out[best.n >= threshold ? 'failed.count' : 'failed.fewer'] = 1;
  }
  if (best === null) return notFired('failed-3-times');
  if (best.n !== 'vague' && best.n < threshold) return notFired('failed-3-times');
  const sure = best.n !== 'vague';
  const q = best.quote;
  return {
    rule: 'failed-3-times',
    fired: true,
    near: false,
    // A vague count ("tried several times") fires, but unsure: a Router model may overrule it.
    confidence: sure ? 0.85 : 0.6,
    cues: [q],
    because: (target) =>
      sure
        ? {
            en: `The task says the local agents already failed to fix it ${best.n} times ("${q}"; threshold ${threshold}): escalate to ${target}.`,
            ko: `로컬 에이전트가 이미 ${best.n}번 수정에 실패했다고 합니다("${q}", 기준 ${threshold}번). ${target}로 올립니다.`,
          }
        : {
            en: `The task says the local agents failed to fix it several times ("${q}"; threshold ${threshold}): escalate to ${target}.`,
            ko: `로컬 에이전트가 여러 번 수정에 실패했다고 합니다("${q}", 기준 ${threshold}번). ${target}로 올립니다.`,
          },
  };
}

import { collect, notFired, quote, type Signal } from './signal';

/**
 * Rule `math-optimisation`: complex mathematical optimisation or the design of an algorithm. The
 * cues are the vocabulary of that work (formulations, NP-hardness, approximation and proofs,
 * scheduling/routing/packing problems, solvers) and a request to design an algorithm. Everyday
 * "optimise" is not this: tuning a query, a loop, a bundle or a learning rate, explaining the
 * complexity of existing code, or implementing a textbook algorithm stay local.
 */

const strong =
  /\b(?:mixed[- ]integer|integer|linear|quadratic|convex|non-?convex|stochastic|combinatorial|constrained|multi-?objective|discrete) (?:linear )?(?:program(?:s|ming)?|optimi[sz]ation)\b|\b(?:ILP|MILP|MIP|LP relaxation|LP|QP|SAT solver|CP-SAT|constraint programming|OR-Tools|Gurobi|CPLEX)\b|\bNP[- ]?(?:hard|complete|hardness|completeness)\b|\bapproximation (?:algorithm|ratio|bound|guarantee|scheme|factor)s?\b|\bcompetitive ratio\b|\bprov(?:e|able|ably|ing)\b|\bproof\b|\b(?:lower|upper|tight) bounds?\b|\bconvergence\b|\blagrang\w*|\bduality\b|\bknapsack\b|\bbin[- ]packing\b|\bvehicle routing\b|\bVRP(?:TW)?\b|\bTSP\b|\btravell?ing salesman\b|\bmakespan\b|\bjob[- ]shop\b|\bflow[- ]shop\b|\bscheduling problem\b|\bmin(?:imum)?[- ]cost (?:flow|assignment|matching|network)\b|\bmax(?:imum)?[- ]flow\b|\bassignment problem\b|\bbipartite matching\b|\bmetaheuristics?\b|\bsimulated annealing\b|\bgenetic algorithms?\b|\btabu search\b|\bbranch[- ]and[- ](?:bound|cut|price)\b|\bcolumn generation\b|\bformulat(?:e|ed|ing|ion)\b|\bobjective function\b|\boptimal (?:policy|solution|strategy|schedule|allocation|placement|assignment|routing|packing|eviction)\b|\bbayesian optimi[sz]ation\b|\bmarkov decision\b|\bMDP\b|\bgame[- ]theor\w*|\bnash equilibri\w*|\bpareto\b|\bdynamic programming (?:formulation|recurrence)\b|\b(?:optimi[sz]ation|mathematical|integer) models?\b|\bfacility location\b|\blocation[- ]allocation\b|정수\s*계획|선형\s*계획|혼합\s*정수|볼록\s*최적화|비볼록|조합\s*최적화|제약\s*(?:만족|프로그래밍)|NP[- ]?(?:hard|완전|난해|하드)|근사\s*(?:알고리즘|비율|비|해)|경쟁비|증명|하한|상한|수렴|라그랑주|쌍대|배낭\s*문제|빈\s*패킹|차량\s*경로|경로\s*최적화|외판원|메이크스팬|스케줄링\s*(?:최적화|문제)|최소\s*비용\s*(?:흐름|유량|할당)|최대\s*(?:흐름|유량)|할당\s*문제|메타\s*휴리스틱|담금질|유전\s*알고리즘|분기\s*한정|열\s*생성|정식화|수식화|수리\s*모델|수학\s*모델|최적화\s*모델|입지\s*(?:선정|문제)|목적\s*함수|최적해|최적성|최적\s*(?:정책|전략|배치|할당|스케줄)|시간표\s*편성|파레토/gi;

/** Only describing words may sit between the verb and "algorithm": "design tests for this algorithm" is not algorithm design. */
const ALGO_ADJ =
  '(?:an?|the|new|novel|efficient|fast|faster|better|good|scalable|online|offline|distributed|optimal|exact|approximate|approximation|greedy|parallel|custom|heuristic|randomi[sz]ed|polynomial(?:-time)?|linear-time|incremental|streaming|fair|practical|robust|provably|correct|lock-free|dynamic[- ]programming|placement|allocation|eviction|[a-z]+ing|[a-z]+-[a-z]+)';
const algorithmDesign = new RegExp(
  `\\b(?:design|devise|invent|develop|derive|come up with|propose|create)\\s+(?:${ALGO_ADJ}\\s+){0,3}(?:[a-z-]+\\s+)?(?:algorithms?|heuristics?|solvers?|optimi[sz]ation (?:approach|method|strategy|model|algorithm)s?)\\b|\\balgorithm(?:ic)? design\\b|\\bnovel algorithms?\\b|알고리즘(?:을|를)?\\s*(?:\\S+\\s*)?(?:설계|고안|개발)|새로운\\s*(?:\\S+\\s*)?알고리즘|해법(?:을|를)?\\s*(?:설계|고안)|풀이\\s*알고리즘(?:을|를)?\\s*(?:설계|고안)`,
  'i',
);

const optimise =
  /\boptimi[sz](?:e|es|ed|ing|ation)\b|\bminimi[sz](?:e|es|ing)\b|\bmaximi[sz](?:e|es|ing)\b|\boptimal(?:ly|ity)?\b|최적화|최소화|최대화|최적/i;
const constraints =
  /\bconstraints?\b|\bcapacit(?:y|ies)\b|\btime windows?\b|\bprecedence\b|\bsubject to\b|\bbudget\b|제약|용량|시간창|선행/i;

/** Reading or explaining what exists: complexity of this function, a classic problem's solution. */
const explaining =
  /\bexplain\w*|\bwhat(?:'s| is) the (?:big[- ]?o|complexity|time complexity)\b|\bbig[- ]?o\b|\bwhy is\b|설명|빅오|복잡도(?:를|가|는)?\s*(?:설명|알려|뭐|몇|어떻게)/i;
/** Tuning existing code or a model: queries, indexes, loops, bundles, hyperparameters. */
const tuning =
  /\b(?:sql|query|queries|index(?:es)?|indices|loop|bundle|webpack|startup|render(?:ing)?|css|regex|dockerfile|image size|hyperparameters?|learning rate|lr|batch size|cache hit)\b|\boptimi[sz]e (?:this|the|our|my) (?:function|code|component|build|method)\b|\bspeed up\b|\bfaster\b|쿼리|인덱스|SQL|번들|하이퍼\s*파라미터|학습률|튜닝|빠르게|느려/i;
/** Implementing an algorithm from a textbook is routine coding. */
const textbook =
  /\b(?:implement|write|code)\b[^.\n]{0,40}\b(?:binary search|dijkstra\w*|bfs|dfs|breadth[- ]first|depth[- ]first|quick ?sort|merge ?sort|heap ?sort|lru|trie|heap|linked list|a\*|topological sort|union[- ]find|two sum|fibonacci|palindrome|levenshtein)\b|이진\s*탐색|다익스트라|퀵\s*정렬|병합\s*정렬|피보나치|Two Sum|LRU|BFS|DFS|위상\s*정렬/i;

/** `out`, when given, receives the cues found, for the classifier's features (features.ts). */
export function mathSignal(text: string, out?: Record<string, number>): Signal {
  const cues: string[] = [];
  let strongCount = 0;
  strong.lastIndex = 0;
  for (let m = strong.exec(text); m !== null && strongCount < 3; m = strong.exec(text)) {
    strongCount++;
    const c = m[0].trim();
    if (cues.length < 3 && !cues.includes(c)) cues.push(c);
  }
  const designs = collect(algorithmDesign, text, cues);
  const opt = optimise.test(text);
  const cons = constraints.test(text);
  const explains = explaining.test(text);
  const tunes = tuning.test(text);
  const isTextbook = textbook.test(text);
  if (out) {
    out['math.strong'] = strongCount / 3;
    out['math.design'] = designs ? 1 : 0;
    out['math.optimise'] = opt ? 1 : 0;
    out['math.constraints'] = cons ? 1 : 0;
    out['math.explain'] = explains ? 1 : 0;
    out['math.tuning'] = tunes ? 1 : 0;
    out['math.textbook'] = isTextbook ? 1 : 0;
  }
  let score =
    strongCount * 2 + (designs ? 3 : 0) + (opt ? 1 : 0) + (cons && (opt || designs || strongCount > 0) ? 1 : 0);
  // Explaining is reading, not designing; it only counts against when nothing is being designed.
  if (!designs && explains) score -= 3;
  if (tunes) score -= 2;
  if (isTextbook) score -= 3;

  if (score < 3) {
    const near = score >= 2 || (strongCount > 0 && opt);
    return notFired(
      'math-optimisation',
      near,
      near
        ? { en: 'it mentions optimisation, but as routine tuning', ko: '최적화를 언급하지만 일상적인 튜닝입니다' }
        : undefined,
    );
  }
  const confidence = score >= 6 ? 0.9 : score >= 4 ? 0.8 : 0.6;
  return {
    rule: 'math-optimisation',
    fired: true,
    near: false,
    confidence,
    cues,
    because: (target) => ({
      en: `Complex mathematical optimisation or algorithm design (${quote(cues)}): ${target}.`,
      ko: `복잡한 수학적 최적화 또는 알고리즘 설계입니다(${quote(cues)}). ${target}로 보냅니다.`,
    }),
  };
}

/**
 * Concept cues for the Router's classifier: broad vocabularies for the ideas docs/architecture.md, "Routing targets" routes
 * on (a new system with nothing built yet, the whole system's shape, proofs and formulations,
 * combinatorial problems, releases after the models' cutoff, everyday work on existing code), in
 * Korean and English. Each is a feature the classifier weighs, never a decision by itself; the
 * weights are learned from the labelled sets (scripts/train-router.mjs), so a cue that misleads
 * on one wording is outweighed by the others. Write them as vocabularies of a concept, not as
 * the phrase of one example: docs/router.md says why.
 */

/** "No existing system": negated existence is newness, not an existing system (기존 시스템은 없고). */
export const noExisting =
  /\b(?:no|without|zero|don't have|do not have|haven't got|there is no|there's no|nothing) (?:\w+ ){0,2}(?:existing|legacy|current|prior|old)\b|\b(?:existing|legacy) (?:\w+ )?(?:code|system|stack|infra\w*|codebase)s?\s*[:—-]?\s*(?:none|nothing|n\/a)\b|\bnothing (?:is |has been )?(?:built|written|exists|in place|deployed|coded)\b|\b(?:no|zero) (?:code|lines? of code|codebase|repo(?:sitory)?|servers?|infrastructure|backend|product) (?:yet|so far|exists?|at all|written)\b|\bhaven'?t (?:written|built|started|coded)\b|\bnot (?:built|written|started|coded) (?:yet|anything)\b|\bblank (?:slate|page|repo)\b|\bempty repo\b|\bpre-?(?:seed|launch|revenue)\b|\bidea stage\b|\bstill on paper\b|\b(?:currently|today|right now|for now|still)\b[^.\n]{0,40}?\b(?:on paper|paper forms?|spreadsheets?|excel|clipboards?|by hand|manually|phone calls|e-?mail threads|whiteboards?)\b|\b(?:its|their|our) own (?:\w+ ){0,2}(?:platform|system|software|app)\b|(?:지금은?|현재는?|아직)\s*(?:\S+\s*){0,3}?(?:엑셀|수기|종이|전화|카톡|손으로|수작업)|자체\s*(?:\S+\s*){0,2}?(?:갖|만들|구축|개발)|(?:기존|레거시|현재)\s*(?:\S+\s*){0,2}?(?:없|X(?![a-z]))|(?:코드|시스템|서버|인프라|레포|저장소|개발된\s*(?:것|거)|만들어진\s*(?:것|거))(?:는|은|가|이|도)?\s*(?:아직\s*)?(?:하나도\s*|전혀\s*|아무것도\s*)?없|아직\s*(?:아무것도|아무\s*것도|코드\s*(?:가|도)?\s*없|개발\s*(?:전|안)|구현\s*(?:전|안)|시작\s*(?:전|안))|백지|맨\s*땅|제로\s*베이스|0\s*부터|제로부터|바닥부터|한\s*줄도\s*(?:없|안)/i;

/** Starting something new: a company, a product, a platform. */
export const newVenture =
  /\b(?:launch(?:ing)?|start(?:ing)?|found(?:ing)?|kick(?:ing)? off|spin(?:ning)? up|open(?:ing)?|build(?:ing)?|creat(?:e|ing)) (?:up )?(?:a|an|our|my|the) (?:new |brand[- ]new |fresh )?(?:[\w-]+ ){0,3}(?:company|startup|business|product|platform|service|marketplace|app|venture|saas|system|exchange|network|bank|clinic|store|shop)\b|\bnew (?:venture|business|company|startup|product line|line of business)\b|\bgreenfield\b|\bfrom scratch\b|\bfrom (?:zero|the ground up|nothing|a blank)\b|\bbrand[- ]new\b|\bMVP\b|\bfirst version\b|\bgo(?:ing)? live\b|\bnext (?:quarter|year|month)\b|\bseed (?:round|funding)\b|\bco-?founder\b|\bstartup\b|창업|스타트업|신규\s*(?:사업|서비스|플랫폼|시스템|프로젝트|앱|제품)|새로\s*(?:사업|시작|만들|구축|런칭|론칭|오픈|개발)|새\s*(?:사업|서비스|플랫폼|시스템|프로젝트|앱|제품)|런칭|론칭|출시\s*(?:예정|목표|준비)|오픈\s*(?:예정|목표|준비)|처음부터|새로운\s*(?:서비스|플랫폼|시스템|사업|앱|제품|프로젝트)|MVP|첫\s*(?:버전|제품|서비스)|사업을?\s*(?:시작|준비)|(?:팀|회사)(?:을|를)?\s*(?:꾸리|차리|세우)/i;

/** The overall shape of a system: its parts and how they fit. */
export const wholeShape =
  /\b(?:whole|entire|overall|full|complete|end-to-end|top-level|high-level) (?:thing|system|platform|stack|product|backend|design|picture|architecture|setup|layout|structure|solution|infrastructure|blueprint)\b|\bhow (?:should|would|do|could|can) (?:we|i|you) (?:lay out|structure|organi[sz]e|split|break (?:up|down)|architect|set up|design|build) (?:the |this |our )?(?:whole|entire|everything|it all|system|platform|thing|backend|product)\b|\bwhat (?:services|components|pieces|parts|building blocks|data stores|databases|infrastructure|stack)\b|\b(?:services|components|modules),? (?:and )?(?:data ?stores?|databases?|storage|queues?)\b|\bsystem design\b|\barchitect(?:ure|ural)\b|\btech(?:nology)? stack\b|\bbig picture\b|전체\s*(?:적인|구조|그림|설계|아키텍|시스템|구성|틀|레이아웃|스택)?|큰\s*그림|어떻게\s*(?:나눠|나누|쪼개|구성|잡|짜|설계|배치|나눌)|아키텍[처쳐]|시스템\s*(?:구조|설계|구성)|기술\s*스택|구조를?\s*(?:어떻게\s*)?(?:잡|짜|설계)/i;

/** The pieces of a system's infrastructure; several named together is a whole-system ask. */
export const systemPieces: readonly RegExp[] = [
  /\b(?:database|db|data ?stores?|postgres\w*|mysql|mongo\w*|dynamo\w*|storage|warehouse)\b|데이터베이스|\bDB\b|저장소/i,
  /\b(?:queues?|message (?:bus|broker)|event bus|kafka|rabbitmq|pub\/?sub|streaming|events?)\b|메시지\s*큐|큐|이벤트/i,
  /\b(?:cache|caching|redis|cdn)\b|캐시/i,
  /\b(?:auth|authentication|authori[sz]ation|permissions|roles|login|sso|identity)\b|인증|권한|로그인/i,
  /\b(?:deploy(?:ment)?|infra(?:structure)?|kubernetes|k8s|aws|gcp|azure|cloud|servers?|hosting)\b|배포|인프라|클라우드|서버/i,
  /\b(?:micro-?services?|monolith|services|api gateway|load balanc\w*|backend|frontend|mobile app|web app|admin (?:panel|console))\b|마이크로\s*서비스|모놀리스|백엔드|프론트|모바일\s*앱|어드민|관리자\s*(?:페이지|화면)/i,
  /\b(?:scal(?:e|es|ing|ability)|sharding|replication|multi-region|high availability|concurrent users|failover|traffic|millions? of users)\b|확장성|스케일|샤딩|동시\s*접속|이중화|트래픽|대용량/i,
  /\b(?:monitoring|observability|alerting|logging|metrics|analytics)\b|모니터링|알림|로그\s*수집|분석/i,
  /\b(?:sync(?:hroni[sz]ation)?|real-?time|offline|presence|notifications?|websockets?)\b|실시간|동기화|푸시|알림/i,
  /\b(?:payments?|billing|ledger|search|recommendations?|checkout|orders?|inventory|matching)\b|결제|정산|원장|검색|추천|주문|재고|매칭/i,
];

/** Asking for a design or a plan (of whatever size). */
export const designAsk =
  /\bdesign(?:ing)?\b|\barchitect\b|\bplan(?:ning)?\b|\bpropose\b|\blay (?:it |this |everything )?out\b|\bsketch\b|\boutline\b|\bcome up with\b|\bhow (?:should|would|do|could) (?:we|i|you)\b|\bwhat should\b|\bwhat would\b|\brecommend\b|\bblueprint\b|설계|잡아|짜\s*(?:줘|주|야)|그려|제안|구성해|추천|어떻게\s*(?:구성|잡|짜|만들|해야|하면)|방향/i;

/** Proofs, guarantees and bounds: the language of algorithm analysis. */
export const proofs =
  /\bprov(?:e|es|ing|able|ably|en)\b|\bproofs?\b|\bcorrectness\b|\binvariants?\b|\b(?:lower|upper|tight) bounds?\b|\bworst[- ]case\b|\bamortized\b|\bcompetitive (?:ratio|analysis)\b|\bapproximation (?:ratio|factor|guarantee|algorithm|scheme)s?\b|\bguarantee[sd]?\b|\bNP[- ]?(?:hard|complete|hardness|completeness)\b|\b[OΩΘ]\([^)\n]{1,14}\)|[ΩΘ]\(|\bpolynomial[- ]time\b|\bexpected (?:cost|time|regret)\b|\bregret\b|\bconverge(?:s|nce)?\b|\boptimality\b|\bw\.?h\.?p\b|\bwith high probability\b|증명|정당성|하한|상한|최악(?:의)?\s*경우|상각|근사\s*(?:비|비율|보장|알고리즘)|보장|수렴|최적성|다항\s*시간|NP[- ]?(?:hard|완전|난해|하드)|경쟁비/i;

/** Writing a problem down as mathematics. */
export const formulation =
  /\bformulat\w*|\bobjective(?: function)?\b|\bsubject to\b|\bdecision variables?\b|\b(?:MI)?LP\b|\bILP\b|\bMIQP\b|\bMIP\b|\bQP\b|\bSAT\b|\bSMT\b|\bsolvers?\b|\bconvex\b|\blinear(?:ly)? program\w*|\binteger program\w*|\bdynamic programming\b|\bmarkov\b|\bMDP\b|\bgame[- ]theor\w*|\bequilibri\w*|\bmechanism design\b|\bauction\w*|\blagrang\w*|\bdual(?:ity)?\b|\bpareto\b|\bstochastic\b|\bminimi[sz](?:e|es|ing|ation)\b|\bmaximi[sz](?:e|es|ing|ation)\b|\bmathematical(?:ly)? model\w*|정식화|수식화|수식으로|목적\s*함수|결정\s*변수|제약\s*(?:조건|식)|최소화|최대화|솔버|볼록|선형\s*계획|정수\s*계획|동적\s*계획|마르코프|게임\s*이론|균형|경매|라그랑주|쌍대|파레토|확률\s*모델|수리\s*모델|수학\s*(?:적|모델)/i;

/** Combinatorial problems by their everyday names. */
export const combinatorial =
  /\bschedul(?:e|es|ing)\b|\brout(?:e|es|ing)\b|\bpacking\b|\bpack(?:ed)? into\b|\bmatching\b|\bassign(?:ment|ing)?\b|\ballocat(?:e|ion|ing)\b|\bplacement\b|\bknapsack\b|\btimetabl\w+|\bdispatch\w*|\bcover(?:ing)?\b|\bpartition\w*|\bflows?\b|\bshortest\b|\bspanning\b|\btour\b|\bfacility location\b|\bbin[- ]?pack\w*|\bcutting stock\b|\bshift (?:plan|roster)\w*|\brosters?\b|\bmakespan\b|\bload[- ]balanc\w*|배차|배정|할당|스케줄링|일정\s*(?:계획|편성)|적재|매칭|배치|시간표|경로|분할|커버|최단|근무표|편성|입지/i;

/** Limits stated as numbers or rules: the constraints of an optimisation problem. */
export const constraintsLang =
  /\bconstraints?\b|\bcapacit(?:y|ies)\b|\bat most\b|\bat least\b|\bno more than\b|\bmust not exceed\b|\bnever exceed\b|\btime windows?\b|\bdeadlines?\b|\bbudget\b|\bprecedence\b|\bwhile keeping\b|\bsuch that\b|\bcost of\b|\btrade-?offs?\b|제약|용량|이하|이상|넘지\s*않|초과\s*(?:하지|금지|불가)|최대\s*\d|최소\s*\d|시간\s*창|마감|예산|비용(?:을|이)?\s*(?:최소|줄)/i;

/** Designing an algorithm or a data structure, not using one. */
export const algorithmAsk =
  /\b(?:design|devise|invent|develop|derive|come up with|propose|find|create|build)\b[^.\n]{0,40}?\b(?:algorithms?|data structures?|heuristics?|schemes?|solvers?|policy|policies|strategy|protocol)\b|\b(?:new|novel|custom|efficient|optimal|better|faster|provably) (?:algorithm|data structure|heuristic|scheme)s?\b|\balgorithm(?:ic)? design\b|\bwhat(?:'s| is) the (?:best|optimal|fastest) (?:way|algorithm|strategy)\b|(?:알고리즘|자료\s*구조|휴리스틱|해법|전략)[^.\n]{0,15}?(?:설계|고안|만들|제안|짜|찾아|구해)|새로운\s*(?:\S+\s*)?(?:알고리즘|자료\s*구조)|최적의?\s*(?:방법|전략|해|배치|경로|정책)/i;

/** Releases and versions as news: what is new, just released, beyond what the model knows. */
export const releaseNews =
  /\b(?:latest|newest|new major|just (?:released|shipped|came out|dropped|landed)|recently (?:released|shipped)|released (?:last|this) (?:week|month|year|spring|summer|autumn|fall|winter)|came out (?:last|this)|(?:preview|beta|rc|canary|nightly|stable) (?:release|version|build|channel)|new (?:release|version|major|edition|runtime|syntax|api|feature)s?|release notes|changelog|what'?s new)\b|\b20(?:2[5-9])\b(?![-/.:]\d)|최신|새\s*버전|신\s*버전|이번에\s*(?:나온|출시|릴리스|릴리즈)|최근에?\s*(?:나온|출시|릴리스|릴리즈)|(?:작년|올해)\s*(?:나온|출시)|릴리스\s*노트|체인지\s*로그|변경\s*로그|새로\s*(?:나온|생긴|추가된)|신기능|새\s*기능/i;

/** Upgrading, migrating, changes that break: work that needs to know what changed. */
export const upgradeChange =
  /\bupgrad\w*|\bbump\w*|\bmigrat\w*|\bbreaking\b|\bdeprecat\w*|\bremoved\b|\bno longer\b|\brenamed\b|\breplaced\b|\bdropped\b|\bchanged\b|\bnow (?:requires?|throws|errors?|warns?|fails?|defaults?)\b|\bmoved to\b|\bport(?:ing)? to\b|\bswitch(?:ing|ed)? to\b|\bwhat changed\b|\bcompat\w*|\bstopped working\b|\bafter (?:the |an )?(?:update|upgrade)\b|업그레이드|업데이트|올렸|올리|버전\s*업|갈아타|갈아탔|넘어가|마이그레이션|옮기|바뀐|바뀌|변경|달라|없어졌|사라졌|제거|지원\s*(?:중단|종료)|호환|deprecated|breaking/i;

/** Everyday work: fixing, testing, reading logs, explaining, documenting, reviewing. */
export const routineWork =
  /\bfix(?:es|ed|ing)?\b|\bbugs?\b|\berrors?\b|\bexceptions?\b|\btraceback\b|\bstack ?trace\b|\b(?:unit |integration |e2e )?tests?\b|\blogs?\b|\brefactor\w*|\brename\w*|\btypos?\b|\blint\w*|\breview\w*|\bexplain\w*|\bdocstrings?\b|\breadme\b|\bcomments?\b|\bformat\w*|\bdebug\w*|\bcrash\w*|\bwarning\b|\bnull\b|\bundefined\b|\bregex\b|\bscript\b|\bsnippet\b|\bcleanup\b|\bclean up\b|고쳐|고치|수정|버그|에러|오류|예외|테스트|로그|리팩|리뷰|설명|문서|주석|오타|디버깅|크래시|경고|스크립트|정리|안\s*돼|안\s*되|왜\s*이래|뭐가\s*문제/i;

/** Tuning what exists: queries, loops, bundles, images, hyper-parameters. */
export const tuningWork =
  /\bslow\b|\bspeed (?:it )?up\b|\bfaster\b|\blatency\b|\bperf(?:ormance)?\b|\bprofil\w*|\bmemory leak\b|\bindex(?:es)?\b|\bquery\b|\bqueries\b|\bbundle\b|\bcache hit\b|\bhyper-?parameters?\b|\blearning rate\b|\bbatch size\b|\bimage size\b|\bN\+1\b|느려|느림|빠르게|속도|지연|성능|프로파일|메모리\s*누수|인덱스|쿼리|번들|튜닝|하이퍼\s*파라미터/i;

/** Pointing at existing code: this function, our service, the current setup. */
export const existingCode =
  /\bexisting\b|\bcurrent(?:ly)?\b|\bour (?:code|app|service|api|repo|codebase|backend|frontend|system|pipeline|cluster|monolith|project)\b|\bthis (?:function|file|class|component|query|module|endpoint|script|method|test|repo|service|page|hook|handler|job)\b|\blegacy\b|\bin production\b|\bwe (?:already )?(?:have|run|use)\b|기존|현재|지금\s*(?:쓰|사용|돌|운영)|운영\s*중|이\s*(?:함수|파일|클래스|컴포넌트|쿼리|모듈|코드|서비스|스크립트|메서드|테스트)|우리\s*(?:코드|서비스|앱|레포|시스템|백엔드)/i;

/** Lines of a pasted log or stack trace. */
export const logLine =
  /^\s*(?:at\s+\S+\s*\(|File "|Traceback|\w*(?:Error|Exception)\b|\[?(?:ERROR|WARN|INFO|DEBUG|FATAL)\]?|\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}|panic:|goroutine \d|E\s+\w|\s*\^|npm ERR!|error(?:\[E\d+\])?:)/m;

/** A question rather than an instruction. */
export const question =
  /\?\s*$|\?\s*\n|(?:까요|나요|가요|을까|ㄹ까|할까|인가|인지|뭐야|뭐임|어때|는지|될까|돼\?|되나|하나요|있나요|없나요)\s*[.?!]?\s*$/m;

/** Probability and estimation: error bounds, variance, sample sizes (design of estimators and sketches). */
export const probability =
  /\bprobabilit\w*|\bvariance\b|\bexpected value\b|\bestimat(?:or|ors|e the error)\b|\bsample (?:size|complexity)\b|\bconfidence interval\b|\bfalse[- ]positive rate\b|\berror (?:must be |of )?(?:at most|below|under|bound)\b|\bunbiased\b|\bsketch(?:es)?\b|\bhyperloglog\b|\bbloom\b|\bminhash\b|\bshapley\b|\bincentive[- ]compatib\w*|\bstrategy-?proof\b|\blineari[sz]ab\w*|\bconsensus\b|확률|분산|기댓값|기대\s*(?:값|비용)|추정량|샘플\s*수|표본\s*(?:수|크기)|신뢰\s*구간|오탐률|오차\s*(?:보장|한계|범위)|편향\s*없|불편|섀플리|유인\s*합치|선형화\s*가능/i;

/** A count of three or more: digits, words and ordinals in both languages (3, three, third, 세 번, 3차, 네 번째). */
const countWord =
  /(?:^|[^\d.])(?:[3-9]|[1-9]\d)(?:st|nd|rd|th)?(?![\d.])|\b(?:three|four|five|six|seven|eight|nine|ten|several|multiple|many|numerous|third|fourth|fifth|sixth|thrice)\b|(?:세|네|다섯|여섯|일곱|여덟|아홉|열|여러|몇)\s*(?:번|차례|회)|(?:셋|넷|세|네|다섯)\s*번째|[3-9]\s*(?:번째|차|회차|번|회)/gi;

/** Trying to fix: attempts, patches, rounds, swings; 시도, 수정, 패치, 손대기. */
export const attemptWord =
  /\battempt\w*|\btr(?:y|ies|ied)\b|\bfix(?:es|ed)?\b|\bpatch\w*|\brounds?\b|\bswings?\b|\bgo(?:es)? at\b|\bpasses\b|\bworkarounds?\b|시도|수정|패치|고치|고친|고쳤|고쳐|손대|손댔|손봤|건드|픽스|바꿔\s*봤|해\s*봤|해결\s*(?:시도|하려)|대응/i;

/** It is still broken: failed, no luck, reverted, back again; 여전히, 그대로, 실패. */
export const stillBroken =
  /\bfail(?:ed|s|ing)?\b|\bstill\b|\bdidn'?t (?:work|help|fix)\b|\bno luck\b|\bnot fixed\b|\brevert\w*|\bis back\b|\bagain\b|\bsame (?:bug|error|problem|issue)\b|\bnone of (?:them|these|it)\b|여전히|아직도|그대로|실패|안\s*(?:됨|돼|되|먹)|해결이?\s*안|다시\s*(?:발생|터|나)|또\s*(?:발생|터|나|깨)|소용\s*없|되돌/i;

/** Who tried: the local agents, Dev1, the coder. */
export const agentWord =
  /\bagents?\b|\bdev ?1\b|\bcoder\b|\blocal (?:models?|team|llms?)\b|\bthe (?:model|bot|assistant)\b|에이전트|로컬\s*(?:모델|팀)|코더|모델이/i;

/** A count of three or more within a short distance of an attempt word. */
export function countNearAttempt(text: string): boolean {
  countWord.lastIndex = 0;
  for (let m = countWord.exec(text); m !== null; m = countWord.exec(text)) {
    const around = text.slice(Math.max(0, m.index - 40), m.index + m[0].length + 40);
    if (attemptWord.test(around)) return true;
  }
  return false;
}

/** Attempts listed one by one: 1) … 2) … 3), #1 #2 #3, 1차 2차 3차, first … second … third. */
export const enumeratedAttempts =
  /(?:\(?\b1[).:]|#1\b|1차|\bfirst\b)[\s\S]{1,300}?(?:\(?\b2[).:]|#2\b|2차|\bsecond\b|\bthen\b)[\s\S]{1,300}?(?:\(?\b3[).:]|#3\b|3차|\bthird\b|\bthen\b|\bfinally\b)|1차\s*[:：][\s\S]{1,200}?2차\s*[:：][\s\S]{1,200}?3차/i;

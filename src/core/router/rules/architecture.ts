import { collect, notFired, quote, type Signal } from './signal';

/**
 * Rule `new-architecture`: design of the whole architecture of a brand-new system. It needs the
 * three things that phrase says: architecture-level scope ("architecture", "system design", "전체
 * 구조", or a list of infrastructure pieces), newness ("new", "from scratch", "greenfield", "신규",
 * "처음부터") and a request to design. Small or existing scopes count against it: one table, one
 * endpoint, a component; explaining, documenting or refactoring what exists ("the schema for one
 * table", "explain the architecture of our queue module", "현재 구조 다이어그램") stay local.
 */

const architecture =
  /\barchitect(?:ure|ural|ing)?\b|\bsystem design\b|\bhigh[- ]level design\b|\b(?:overall|whole|entire|complete|full|end-to-end|target|top-level) (?:system|design|structure|stack|backend|platform|architecture|blueprint|infrastructure)\b|\btech(?:nology)? stack\b|\bbig[- ]picture\b|\bdistributed (?:\w+ )?(?:system|scheduler|platform|database|storage|service|queue|cache)s?\b|\bcontrol plane\b|\bhow should (?:the |our |we |i )?(?:whole |entire |overall )?(?:\w+ ){0,2}(?:be )?(?:structured|architected|organi[sz]ed|built)\b|\bhow (?:do|would|should) (?:we|i|you) (?:structure|architect)\b|아키텍[처쳐]|시스템\s*(?:구조|설계|구성)|전체\s*(?:구조|설계|시스템|아키텍|구성|그림)|큰\s*그림|기술\s*스택|구조를?\s*(?:어떻게\s*)?(?:잡|짜|설계)|(?:어떤|무슨)\s*구조로/i;

const novelty =
  /\bbrand[- ]new\b|\bgreenfield\b|\bfrom scratch\b|\bfrom (?:zero|the ground up|nothing)\b|\bnothing exists\b|\bnothing (?:is )?built\b|\b(?:we|i) (?:have|'ve got) nothing\b|\bnothing (?:yet|so far)\b|\b(?:don't|do not) have (?:anything|any code) yet\b|\bno code yet\b|\bbefore (?:we write |writing )?any code\b|\b(?:founding|starting|launching) (?:a|our|my) (?:\w+ )?(?:startup|company|business)\b|\b(?:a|our|my) (?:\w+[- ])?startup\b(?! time)|\bstarting (?:a|an|our|to build|from)\b|\bbuild(?:ing)? (?:our own|a new|an entirely|a brand)\b|\bcompletely new\b|\bentirely new\b|\bbefore we write any code\b|\bnew (?:\w+[- ]?){0,3}(?:system|platform|service|app|application|product|backend|saas|marketplace|project|company|startup|product line|infrastructure)\b|\bwant to (?:build|create|launch|make)\b|\bplanning to (?:build|launch|create)\b|새로운|신규|새로|새\s|처음부터|제로부터|바닥부터|맨\s*땅에서|아무것도\s*없|첫\s*(?:제품|서비스|프로젝트|버전|런칭)|스타트업|창업|코드\s*(?:한\s*줄도|가?\s*하나도)\s*없|아직\s*코드가?\s*없|새롭게|구축하려|구축할|구축합니다|만들려고|만들\s*건데|만들\s*예정|런칭|론칭|시작하려/i;

const design =
  /\bdesign(?:ing)?\b|\barchitect\b|\bplan(?:ning)?\b|\bpropose\b|\blay out\b|\bdraft\b|\bsketch\b|\boutline\b|\bcome up with\b|\bhow (?:should|would|do) (?:we|i|you)\b|\bwhat should\b|\bwhat (?:would|does) (?:a|the) (?:good )?(?:architecture|design)\b|설계|잡아|짜야|짜\s*줘|그려|제안|어떻게\s*(?:구성|잡|짜|만들)/i;

const systemScope =
  /\b(?:system|platform|service|app|application|product|backend|saas|marketplace|infrastructure|solution|stack)s?\b|시스템|플랫폼|서비스|앱|애플리케이션|백엔드|솔루션|인프라/i;

const whole = /\b(?:whole|entire|overall|complete|end-to-end|full)\b|전체|전반|모든|통째/i;

/** Infrastructure pieces; three or more named together is an architecture-level ask. */
const components: RegExp[] = [
  /\b(?:database|db|data ?stores?|postgres|mysql|mongo\w*|storage)\b|데이터베이스|\bDB\b|저장소/i,
  /\b(?:queues?|message (?:bus|broker)|event bus|kafka|rabbitmq|pub\/?sub|streaming)\b|메시지\s*큐|큐|이벤트\s*버스/i,
  /\b(?:cache|caching|redis|cdn)\b|캐시/i,
  /\b(?:auth|authentication|authori[sz]ation|permissions|security)\b|인증|권한|보안/i,
  /\b(?:deploy(?:ment)?|infra(?:structure)?|kubernetes|k8s|aws|gcp|azure|cloud)\b|배포|인프라|클라우드/i,
  /\b(?:micro-?services?|monolith|services|bounded contexts?|api gateway|load balanc\w*)\b|마이크로\s*서비스|모놀리스|서비스\s*분리|게이트웨이/i,
  /\b(?:scal(?:e|es|ing|ability)|sharding|replication|multi-region|high availability|concurrent users|failover|fault[- ]tolerance|failure handling|workers?)\b|확장성|스케일|샤딩|동시\s*접속|이중화/i,
  /\b(?:monitoring|observability|alerting|logging pipeline)\b|모니터링|알림\s*시스템/i,
  /\b(?:sync(?:hroni[sz]ation)?|real-?time|offline-first|presence)\b|실시간|동기화/i,
  /\b(?:payments?|billing|ledger|search|recommendations?)\b|결제|정산|원장|검색|추천/i,
];

/** Small or existing scope: designing one table, explaining what exists, documenting, refactoring. */
const smallOrExisting =
  /\b(?:one|a single|single|this|that|the existing|our existing|our current|the current) (?:\w+ )?(?:table|endpoint|function|method|component|class|module|page|screen|query|file|form|hook|field|column|script|slice|store|route|model|migration|button|dialog)\b|\bschema for (?:a|one|the|our) (?:\w+ )?table\b|\bexplain\w*\b|\bdescrib\w*\b|\bdocument(?:ing|ation)?\b|\breadme\b|\bdiagram\b|\brefactor\w*\b|\bexisting\b|\bcurrent (?:code|codebase|system|architecture|setup)\b|\bour (?:existing|current)\b|\bsplit (?:it|this)\b|\bstate shape\b|\bendpoints?\b|기존|현재|지금\s*코드|설명|문서화|README|다이어그램|테이블\s*하나|하나만|컴포넌트|함수|모듈|리팩[터토]링|스키마|엔드포인트|슬라이스/i;

/** `out`, when given, receives the cues found, for the classifier's features (features.ts). */
export function architectureSignal(text: string, out?: Record<string, number>): Signal {
  const cues: string[] = [];
  const hasArch = collect(architecture, text, cues);
  const isNew = collect(novelty, text, cues);
  const asksDesign = design.test(text);
  const scope = systemScope.test(text);
  const isWhole = whole.test(text);
  let pieces = 0;
  for (const re of components) if (re.test(text)) pieces++;
  const small = smallOrExisting.test(text);
  if (out) {
    out['arch.word'] = hasArch ? 1 : 0;
    out['arch.new'] = isNew ? 1 : 0;
    out['arch.design'] = asksDesign ? 1 : 0;
    out['arch.scope'] = scope ? 1 : 0;
    out['arch.whole'] = isWhole ? 1 : 0;
    out['arch.pieces'] = Math.min(pieces, 5) / 5;
    out['arch.small'] = small ? 1 : 0;
  }

  let score =
    (hasArch ? 2 : 0) +
    (isNew ? 2 : 0) +
    (asksDesign ? 1 : 0) +
    (scope ? 1 : 0) +
    (isWhole ? 1 : 0) +
    (pieces >= 3 ? 1 : 0) +
    (pieces >= 5 ? 1 : 0);
  if (small) score -= 3;
  // Newness is what separates "design a new system" from re-drawing or tuning an existing one.
  const fired = (hasArch && isNew && score >= 5) || (isNew && !hasArch && asksDesign && pieces >= 3 && score >= 6);
  if (!fired) {
    const near = hasArch && (isNew || asksDesign || isWhole) && score >= 3;
    return notFired(
      'new-architecture',
      near,
      near
        ? {
            en: 'it touches architecture, but not the design of a whole new system',
            ko: '아키텍처를 다루지만 새 시스템 전체 설계는 아닙니다',
          }
        : undefined,
    );
  }
  const confidence = score >= 8 ? 0.95 : score >= 7 ? 0.9 : score >= 6 ? 0.8 : 0.65;
  return {
    rule: 'new-architecture',
    fired: true,
    near: false,
    confidence,
    cues,
    because: (target) => ({
      en: `Asks for the architecture of a whole new system (${quote(cues)}): ${target} designs it.`,
      ko: `새 시스템의 전체 아키텍처 설계 요청입니다(${quote(cues)}). ${target}가 설계합니다.`,
    }),
  };
}

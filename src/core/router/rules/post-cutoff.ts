import { compareVersions, type PostCutoffLibrary } from '../libraries';
import { collect, notFired, type Signal } from './signal';

/**
 * Rule `post-cutoff-library`: breaking changes in a library newer than the local models'
 * knowledge. Two things must be there: a post-cutoff library (a table entry mentioned at or above
 * its version, or a release dated after the cutoff) and a change to deal with — upgrade,
 * migration, breaking change, deprecation, removal, a new API. A React 19 stack trace or styling a
 * button "on Tailwind v4" names a new library but asks nothing the local models cannot do.
 */

const change =
  /\bupgrad(?:e|ed|es|ing)\b|\bbump(?:ed|ing)?\b|\bmigrat(?:e|ed|es|ing|ion|ions)\b|\bbreaking\b|\bdeprecat(?:ed|ion|ions|es)\b|\bremoved\b|\bno longer\b|\brenamed\b|\b(?:is|was|were|has been|have been|got) (?:changed|replaced|dropped|moved|removed)\b|\bchanged in\b|\bwhat(?:'s| is| has)? (?:new|changed)\b|\bwhat changed\b|\bnew (?:apis?|syntax|way|features?|config(?:uration)? format|hooks?|directives?|components?)\b|\bnewly (?:added|introduced)\b|\b(?:moving|moved|switching|switched|porting|ported) (?:from|to|over)\b|\bafter (?:the |an? )?(?:update|updating|upgrade|bump)\b|\bupdated (?:to|from)\b|\bdrop(?:s|ped)\b|\bbroke\b|\bstopped working\b|\bis gone\b|\bgone in\b|\bsince v?\d|\bnow (?:requires?|throws|errors?|warns?|fails?|is async|are async|returns a promise)\b|\bhow (?:do|to|can) (?:i |we )?use (?:the )?new\b|\bwhat(?:'s| is) different\b|\b(?:switch|switching|switched|move|moving|port|porting)\s+(?:our|the|my)\s+(?:build|project|app|code(?:base)?|stack|config|repo|monorepo|services?|frontend|backend)\s+(?:over\s+)?(?:to|onto)\b/i;
const changeKo =
  /업그레이드|업데이트\s*(?:후|하고|했더니|이후|하니|하면서)|올렸|올리면서|올리니|올리고|올리자|올린\s*(?:후|뒤|다음)|올리려|버전\s*업|바꿨더니|바꾸니|바꾸고\s*나서|갈아탔|갈아타|넘어가면서|넘어갔|새\s*기능|신기능|새로운\s*(?:API|기능|훅|문법|방식)|마이그레이션|이전\s*중|옮기|바뀐|바뀌었|바뀌면서|바뀌어서|변경\s*사항|변경점|달라진|달라졌|없어졌|사라졌|제거됐|제거되었|삭제됐|지원\s*(?:중단|종료)|새로\s*(?:생긴|나온|추가된|도입된)|나오면서|새\s*버전|신규\s*API|호환(?:성)?\s*(?:문제|깨)|deprecated|breaking/i;

/** "Write a migration that adds a column", "DB 마이그레이션 파일": schema migrations, not library upgrades. */
const schemaMigration =
  /\b(?:db|database|schema|sql|data|table)\s+migrations?\b|\bmigrations?\s+(?:file|script)s?\b|\bmigrations?\s+(?:that|to)\s+(?:adds?|creates?|drops?|renames?|alters?|backfills?)\b|\b(?:write|add|create|generate|run)\s+(?:a|the|an?\s+\w+)\s+migration\b|(?:DB|데이터베이스|스키마|테이블)\s*마이그레이션|마이그레이션\s*(?:파일|스크립트)/i;
const migrationWord = /^(?:migrat\w*|마이그레이션)$/i;

/** The user tells us it is new to the model: "after your training cutoff", "모델이 모르는". */
const beyondKnowledge =
  /\b(?:after|beyond|past|newer than|not in) (?:your|the model'?s?|its|the local models'?) (?:training|knowledge|cutoff)\b|\b(?:you|the (?:local )?models?|local models?|qwen\S*)\b[^.\n]{0,20}?\b(?:don't|doesn't|do not|does not|didn't|did not|won't|will not) (?:know|recogni[sz]e)\b|학습\s*(?:데이터|시점)\s*이후|모델이\s*모르는|(?:컷오프|cut-?off)\s*이후/i;

/** A release dated after 2024 (not a log timestamp like 2025-06-11 or a quarter like "2025년 3분기"). */
const recentRelease =
  /\b(?:released|came out|launched|shipped|introduced|announced|new in|published|out since)\b[^.\n]{0,30}?\b20(?:2[5-9]|3\d)\b(?![-/.:]\d)|\b20(?:2[5-9]|3\d)\b(?![-/.:]\d)[^.\n]{0,12}?\b(?:release|version|edition|update)\b|\b(?:just|recently|newly) (?:released|shipped|launched|came out)\b|\bthe (?:latest|newest) (?:major )?(?:version|release)\b|20(?:2[5-9]|3\d)년\s*(?:\d+월\s*)?(?:\S+\s*){0,2}?(?:출시|릴리스|릴리즈|나온|발표|버전|업데이트)|(?:최근|이번에|새로|얼마\s*전에?)\s*(?:나온|출시된|릴리스된|릴리즈된|발표된)|최신\s*(?:버전|메이저|릴리스)/i;

interface CompiledEntry {
  lib: PostCutoffLibrary;
  /** Index of the group that matches this entry's name; its version groups follow it. */
  group: number;
}

export interface CompiledTable {
  re: RegExp;
  entries: CompiledEntry[];
}

// "Tailwind v4", "tailwindcss@4.0.1", "Next.js 16으로", "vitest from 3 to 4", "React 17에서 19로"
const VERSION =
  '[\\s@=^~:-]*(?:to\\s+)?(?:v(?:ersion)?\\.?\\s*)?(?:from\\s+v?\\d+(?:\\.\\d+)*\\s+to\\s+v?)?(\\d+(?:\\.\\d+)*)t?(?:\\s*(?:->|→|=>|to|에서)\\s*v?(\\d+(?:\\.\\d+)*))?';

/**
 * One regex for the whole table. A versioned entry must be followed by a version, so "React"
 * without one fails there and "React Router v7" is still tried at the same place.
 */
export function compileLibraries(libraries: readonly PostCutoffLibrary[], knowledgeCutoff: string): CompiledTable {
  const entries: CompiledEntry[] = [];
  const alternatives: string[] = [];
  let group = 1;
  for (const lib of libraries) {
    if (lib.released < knowledgeCutoff) continue;
    entries.push({ lib, group });
    alternatives.push(lib.version === undefined ? `(${lib.names.join('|')})` : `(${lib.names.join('|')})${VERSION}`);
    group += lib.version === undefined ? 1 : 3;
  }
  const source = entries.length ? `(?<![\\w@/.#-])(?:${alternatives.join('|')})(?![\\w])` : '(?!)';
  return { re: new RegExp(source, 'gi'), entries };
}

interface LibraryMention {
  lib: PostCutoffLibrary;
  version: string | null;
}

/** The first mention of a table entry at or above its version (or of a version-less API). */
function findLibrary(text: string, table: CompiledTable, older?: { seen: boolean }): LibraryMention | null {
  const { re, entries } = table;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) re.lastIndex++;
    const entry = entries.find((e) => m[e.group] !== undefined);
    if (!entry) continue;
    const lib = entry.lib;
    if (lib.version === undefined) return { lib, version: null };
    const mentioned = m[entry.group + 2] ?? m[entry.group + 1];
    if (mentioned === undefined) continue;
    // A year where a version should be ("Unity 2022", "python 2025") is not this table's version.
    if (Number(mentioned.split('.')[0]) >= 1900 && Number(lib.version.split('.')[0]) < 1900) continue;
    if (compareVersions(mentioned, lib.version) >= 0) return { lib, version: mentioned };
    if (older) older.seen = true;
  }
  return null;
}

/** `out`, when given, receives the cues found, for the classifier's features (features.ts). */
export function postCutoffSignal(
  text: string,
  table: CompiledTable,
  knowledgeCutoff: string,
  out?: Record<string, number>,
): Signal {
  const cues: string[] = [];
  const older = { seen: false };
  const mention = findLibrary(text, table, older);
  let changes = collect(change, text, cues) || collect(changeKo, text, cues);
  if (changes && migrationWord.test(cues[cues.length - 1] ?? '') && schemaMigration.test(text)) {
    // The only change cue was "migration", and it is a schema migration: look for another cue.
    cues.pop();
    const rest = text.replace(/migrat\w*|마이그레이션/gi, ' ');
    changes = collect(change, rest, cues) || collect(changeKo, rest, cues);
  }
  const beyond = collect(beyondKnowledge, text, cues);
  const recent = mention === null && collect(recentRelease, text, cues);
  if (out) {
    out['post.library'] = mention ? 1 : 0;
    // A table entry at a version the models know (React 18, Python 3.12): evidence against.
    out['post.olderVersion'] = older.seen && !mention ? 1 : 0;
    out['post.change'] = changes ? 1 : 0;
    out['post.beyond'] = beyond ? 1 : 0;
    out['post.recent'] = recent || (mention !== null && recentRelease.test(text)) ? 1 : 0;
    out['post.schemaMigration'] = schemaMigration.test(text) ? 1 : 0;
  }

  const name = mention ? `${mention.lib.name}${mention.version ? ` ${mention.version}` : ''}` : null;
  if (mention && (changes || beyond)) {
    const lib = mention.lib;
    return {
      rule: 'post-cutoff-library',
      fired: true,
      near: false,
      confidence: changes ? 0.9 : 0.85,
      cues: [name!, ...cues],
      because: (target) => ({
        en: `${changes ? 'Breaking changes in' : 'Asks about'} ${name} (released ${lib.released}), newer than the local models' knowledge (cutoff ${knowledgeCutoff}): ${target}.`,
        ko: `${name}(${lib.released} 출시)${changes ? '의 변경 사항' : '에 대한 질문'}은 로컬 모델이 학습하지 못한 내용입니다(기준 ${knowledgeCutoff}). ${target}로 보냅니다.`,
      }),
    };
  }
  if (!mention && (recent || beyond) && (changes || beyond)) {
    const latestOnly = recent && /latest|newest|최신/i.test(cues.join(' ')) && !beyond;
    return {
      rule: 'post-cutoff-library',
      fired: true,
      near: false,
      confidence: latestOnly ? 0.6 : 0.75,
      cues,
      because: (target) => ({
        en: `Changes in a release newer than the local models' knowledge (${cues
          .slice(0, 2)
          .map((c) => `"${c}"`)
          .join(', ')}): ${target}.`,
        ko: `로컬 모델이 학습하지 못한 최신 릴리스의 변경 사항입니다(${cues
          .slice(0, 2)
          .map((c) => `"${c}"`)
          .join(', ')}). ${target}로 보냅니다.`,
      }),
    };
  }
  if (name) {
    return notFired('post-cutoff-library', true, {
      en: `it mentions ${name}, but no breaking change or migration`,
      ko: `${name}을 언급하지만 변경 사항이나 마이그레이션에 대한 요청은 아닙니다`,
    });
  }
  return notFired('post-cutoff-library', recent);
}

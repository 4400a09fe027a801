#!/usr/bin/env node
/**
 * Extracts third-party redaction corpora (samples written by other people) into
 * tests/fixtures/redaction/third-party/:
 *
 *   - gitleaks (MIT): the `tps` (true positives) and `fps` (false positives) of every rule in
 *     cmd/generate/config/rules/*.go;
 *   - secretlint (MIT): the snapshot fixtures of its rule packages
 *     (packages/@secretlint/secretlint-rule-<name>/test/snapshots/<case>/input*), positive when the
 *     expected output.json reports something, negative when it reports nothing.
 *
 * Only data is taken (sample strings and fixture texts), never their code. Usage:
 *
 *   node scripts/extract-redaction-corpora.mjs <gitleaks.git> <secretlint.git>
 *
 * where each argument is a git directory (bare or not) of the repository; files are read from HEAD.
 *
 * gitleaks builds many samples with Go helpers. The script evaluates the sample expressions with a
 * tiny interpreter for the helpers they use:
 *   - string literals and "+": taken literally ("how": "literal");
 *   - utils.GenerateSampleSecret / utils.GenerateSampleSecrets(identifier, secret): pure string
 *     templates, reproduced exactly (the template list copied from cmd/generate/config/utils/generate.go,
 *     in key order because Go map order is random) — literal when the secret is literal;
 *   - secrets.NewSecret(regex): a random string matching the regex (gitleaks uses lucasjones/reggen).
 *     Reproduced here in shape, not byte for byte, by a small regex generator with a fixed seed
 *     ("how": "generated"). Same regex, same lengths and alphabets; different random draws.
 * A sample whose expression uses anything else (a loop variable, another helper) is skipped and
 * counted in the summary.
 *
 * Each positive records the secret value(s) ("values"): the `secret` argument of a sample helper when
 * there is one, else the secret the gitleaks rule's own regex captures (translated from Go to JS:
 * secretGroup, or the first non-empty group, or the whole match), else the longest token of the
 * sample ("valueFrom" says which). secretlint positives take the ranges its expected output reports.
 *
 * The split: a rule is held out when the first byte of sha256(source) is odd (about half the
 * rules). held-out.jsonl is frozen: tests/redact-third-party.test.ts checks its sha256.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [gitleaksDir, secretlintDir] = process.argv.slice(2);
if (!gitleaksDir || !secretlintDir) {
  console.error('usage: node scripts/extract-redaction-corpora.mjs <gitleaks.git> <secretlint.git>');
  process.exit(2);
}
const outDir = join(dirname(fileURLToPath(import.meta.url)), '../tests/fixtures/redaction/third-party');

const git = (dir, ...args) =>
  execFileSync('git', [`--git-dir=${dir}`, ...args], { encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 });
const show = (dir, path) => git(dir, 'show', `HEAD:${path}`);
const list = (dir, under) =>
  git(dir, 'ls-tree', '-r', '--name-only', 'HEAD', under).toString('utf8').split('\n').filter(Boolean);
const head = (dir) => git(dir, 'rev-parse', 'HEAD').toString('utf8').trim();
const describe = (dir) => {
  try {
    return git(dir, 'describe', '--tags').toString('utf8').trim();
  } catch {
    return '';
  }
};

// ---------------------------------------------------------------------------------------------
// A seeded PRNG (mulberry32) and a generator of strings matching a (reggen-style) regex.

let seed = 0x5eed_1e4c;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (items) => items[Math.floor(random() * items.length)];
const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
const classes = {
  d: [...'0123456789'],
  w: [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_'],
  s: [' ', '\t'],
};

/** Parses a regex (the subset gitleaks passes to NewSecret) into a tree, then draws from it. */
function generate(regex) {
  let i = 0;
  const src = regex;
  function parseAlt() {
    const branches = [parseSeq()];
    while (src[i] === '|') {
      i++;
      branches.push(parseSeq());
    }
    return { alt: branches };
  }
  function parseSeq() {
    const items = [];
    while (i < src.length && src[i] !== '|' && src[i] !== ')') {
      let atom = parseAtom();
      if (atom === null) continue;
      atom = parseQuant(atom);
      items.push(atom);
    }
    return { seq: items };
  }
  function parseQuant(atom) {
    const c = src[i];
    if (c === '{') {
      const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(src.slice(i));
      if (m) {
        i += m[0].length;
        const min = Number(m[1]);
        const max = m[2] ? (m[3] ? Number(m[3]) : min + 1) : min;
        return { rep: atom, min, max };
      }
    }
    if (c === '?') return (i++, { rep: atom, min: 0, max: 1 });
    if (c === '*') return (i++, { rep: atom, min: 0, max: 1 }); // reggen's limit 1
    if (c === '+') return (i++, { rep: atom, min: 1, max: 2 });
    return atom;
  }
  function escape() {
    const c = src[i++];
    if (c in classes) return classes[c];
    if (c === 'x') {
      const hex = src.slice(i, i + 2);
      i += 2;
      return [String.fromCharCode(parseInt(hex, 16))];
    }
    if (c === 'n') return ['\n'];
    if (c === 't') return ['\t'];
    return [c];
  }
  function parseClass() {
    // at "[" already consumed
    let negate = false;
    if (src[i] === '^') {
      negate = true;
      i++;
    }
    const chars = new Set();
    let first = true;
    while (i < src.length && (src[i] !== ']' || first)) {
      first = false;
      let set;
      if (src[i] === '\\') {
        i++;
        set = escape();
      } else set = [src[i++]];
      if (set.length === 1 && src[i] === '-' && src[i + 1] !== ']' && src[i + 1] !== undefined) {
        i++;
        let to;
        if (src[i] === '\\') {
          i++;
          to = escape()[0];
        } else to = src[i++];
        for (let code = set[0].charCodeAt(0); code <= to.charCodeAt(0); code++) chars.add(String.fromCharCode(code));
      } else for (const ch of set) chars.add(ch);
    }
    i++; // ]
    return { chars: negate ? printable.filter((ch) => !chars.has(ch)) : [...chars] };
  }
  function parseAtom() {
    const c = src[i];
    if (c === '(') {
      i++;
      if (src[i] === '?') {
        const m = /^\?(?:[a-zA-Z-]*:|P?<[^>]+>|[a-zA-Z-]*\))/.exec(src.slice(i));
        if (!m) throw new Error(`regex group not supported: ${src}`);
        i += m[0].length;
        if (m[0].endsWith(')')) return null; // (?i): flags only
      }
      const inner = parseAlt();
      i++; // )
      return inner;
    }
    if (c === '[') {
      i++;
      return parseClass();
    }
    if (c === '\\') {
      i++;
      if (src[i] === 'b' || src[i] === 'B' || src[i] === 'A' || src[i] === 'z') return (i++, null);
      return { chars: escape() };
    }
    if (c === '^' || c === '$') return (i++, null);
    if (c === '.') return (i++, { chars: printable });
    i++;
    return { chars: [c] };
  }
  const tree = parseAlt();
  if (i !== src.length) throw new Error(`regex not fully parsed: ${src}`);
  function draw(node) {
    if (node.alt) return draw(pick(node.alt));
    if (node.seq) return node.seq.map(draw).join('');
    if (node.rep) {
      const n = node.min + Math.floor(random() * (node.max - node.min + 1));
      let out = '';
      for (let k = 0; k < n; k++) out += draw(node.rep);
      return out;
    }
    return pick(node.chars);
  }
  return draw(tree);
}

// ---------------------------------------------------------------------------------------------
// A Go tokenizer and an evaluator for the expressions gitleaks' rule files use.

function tokenize(source) {
  const tokens = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === '/' && source[i + 1] === '/') {
      const end = source.indexOf('\n', i);
      i = end < 0 ? source.length : end;
      continue;
    }
    if (c === '/' && source[i + 1] === '*') {
      i = source.indexOf('*/', i + 2) + 2;
      continue;
    }
    if (/\s/.test(c)) {
      if (c === '\n') tokens.push({ t: 'nl' });
      i++;
      continue;
    }
    if (c === '`') {
      const end = source.indexOf('`', i + 1);
      tokens.push({ t: 'str', v: source.slice(i + 1, end).replace(/\r/g, '') });
      i = end + 1;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let v = '';
      while (source[j] !== '"') {
        if (source[j] === '\\') {
          const e = source[j + 1];
          const simple = {
            n: '\n',
            t: '\t',
            r: '\r',
            '"': '"',
            '\\': '\\',
            "'": "'",
            a: '\x07',
            b: '\b',
            f: '\f',
            v: '\v',
          };
          if (e in simple) {
            v += simple[e];
            j += 2;
          } else if (e === 'x') {
            v += String.fromCharCode(parseInt(source.slice(j + 2, j + 4), 16));
            j += 4;
          } else if (e === 'u') {
            v += String.fromCharCode(parseInt(source.slice(j + 2, j + 6), 16));
            j += 6;
          } else throw new Error(`unsupported Go escape \\${e}`);
        } else v += source[j++];
      }
      tokens.push({ t: 'str', v });
      i = j + 1;
      continue;
    }
    if (c === "'") {
      const end = source.indexOf("'", i + 1);
      tokens.push({ t: 'char', v: source.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i, i + 200));
    if (id) {
      tokens.push({ t: 'id', v: id[0] });
      i += id[0].length;
      continue;
    }
    const num = /^\d+(?:\.\d+)?/.exec(source.slice(i, i + 50));
    if (num) {
      tokens.push({ t: 'num', v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const op = /^(?::=|\.\.\.|==|!=|&&|\|\||<=|>=|\+=|[-+*/%(){}[\],.;:=<>!&|^])/.exec(source.slice(i, i + 3));
    if (!op) throw new Error(`unexpected character ${c}`);
    tokens.push({ t: 'op', v: op[0] });
    i += op[0].length;
  }
  return tokens;
}

class Unsupported extends Error {}

/** Values: { kind: 'str', text, values: string[] | null, generated } or { kind: 'list', items } or bool/num. */
const str = (text, values = null, generated = false) => ({ kind: 'str', text, values, generated });

const sampleTemplates = {
  // From gitleaks cmd/generate/config/utils/generate.go, GenerateSampleSecrets (sorted by key).
  'C#': 'string {i}Token = "{s}";',
  'go - backticks': '{i}Token := `{s}`',
  'go - normal': 'var {i}Token string = "{s}"',
  'go - short': '{i}Token := "{s}"',
  'ini - quoted1': '{i}Token="{s}"',
  'ini - quoted2': '{i}Token = "{s}"',
  'ini - unquoted1': '{i}Token={s}',
  'ini - unquoted2': '{i}Token = {s}',
  java: 'String {i}Token = "{s}";',
  'json - escaped newline in string': '{"config.ini": "{I}_TOKEN={s}\\nBACKUP_ENABLED=true"}',
  'json - string': '{\n    "{i}_token": "{s}"\n}',
  'kotlin - notype': 'var {i}Token = "{s}"',
  logstash: '  "{i}Token" => "{s}"',
  'make - conditional assignment': '{i}_TOKEN ?= "{s}"',
  'make - evaluated shell assignment': '{i}_TOKEN :::= "{s}"',
  'make - recursive assignment': '{i}_TOKEN = "{s}"',
  'make - shell assignment': '{i}_TOKEN ::= "{s}"',
  'make - simple assignment': '{i}_TOKEN := "{s}"',
  'misc - comma operator': 'System.setProperty("{I}_TOKEN", "{s}")',
  'php - string concat': '${i}Token .= "{s}"',
  'python - double quote': '{i}Token = "{s}"',
  'python - single quote': "{i}Token = '{s}'",
  'xml - element multiline': '<{i}Token>\n    {s}\n</{i}Token>',
  'yaml - singleline - double quote': '{i}_token: "{s}"',
  'yaml - singleline - single quote': "{i}_token: '{s}'",
  'yaml - singleline - unquoted': '{i}_token: {s}',
};
const fill = (template, i, s) => template.replaceAll('{i}', i).replaceAll('{I}', i.toUpperCase()).replaceAll('{s}', s);

const regexHelpers = {
  Numeric: (n) => `[0-9]{${n}}`,
  Hex: (n) => `[a-f0-9]{${n}}`,
  AlphaNumeric: (n) => `[a-z0-9]{${n}}`,
  AlphaNumericExtendedShort: (n) => `[a-z0-9_-]{${n}}`,
  AlphaNumericExtended: (n) => `[a-z0-9=_\\-]{${n}}`,
  AlphaNumericExtendedLong: (n) => `[a-z0-9\\/=_\\+\\-]{${n}}`,
  Hex8_4_4_4_12: () => '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
};
const semiGeneric = (identifiers, secretRegex, insensitive) =>
  (insensitive ? '(?i)[\\w.-]{0,50}?(?:' : '[\\w.-]{0,50}?(?i:[\\w.-]{0,50}?(?:') +
  identifiers.join('|') +
  ')(?:[ \\t\\w.-]{0,20})[\\s\'"]{0,3}' +
  (insensitive ? '' : ')') +
  '(?:=|>|:{1,3}=|\\|\\||:|=>|\\?=|,)' +
  '[\\x60\'"\\s=]{0,5}(' +
  secretRegex +
  ')(?:[\\x60\'"\\s;]|\\\\[nr]|$)';
const uniqueToken = (secretRegex, insensitive) =>
  (insensitive ? '(?i)' : '') + '\\b(' + secretRegex + ')(?:[\\x60\'"\\s;]|\\\\[nr]|$)';

function evaluator(tokens, scope) {
  let p = 0;
  const peek = (k = 0) => tokens[p + k];
  const skipNl = () => {
    while (peek() && peek().t === 'nl') p++;
  };
  const expect = (v) => {
    skipNl();
    const tok = tokens[p++];
    if (!tok || tok.v !== v) throw new Unsupported(`expected ${v}, got ${tok?.v}`);
  };
  function asText(v) {
    if (v.kind !== 'str') throw new Unsupported('not a string');
    return v.text;
  }
  function args() {
    expect('(');
    const out = [];
    skipNl();
    while (peek().v !== ')') {
      const v = expr();
      skipNl();
      if (peek().v === '...') {
        p++;
        out.push({ kind: 'spread', list: v });
      } else out.push(v);
      skipNl();
      if (peek().v === ',') p++;
      skipNl();
    }
    p++;
    return out;
  }
  function call(name, a) {
    const t = (k) => asText(a[k]);
    if (name in regexHelpers) return str(regexHelpers[name](...a.map((x) => (x.kind === 'str' ? x.text : String(x)))));
    switch (name) {
      case 'secrets.NewSecret':
        return str(generate(t(0)), null, true);
      case 'utils.GenerateSampleSecret': {
        const s = a[1];
        return str(`${t(0)}_api_token = "${s.text}"`, [s.text], s.generated || a[0].generated);
      }
      case 'utils.GenerateSampleSecrets': {
        const s = a[1];
        return {
          kind: 'list',
          items: Object.keys(sampleTemplates)
            .sort()
            .map((k) => str(fill(sampleTemplates[k], t(0), s.text), [s.text], s.generated || a[0].generated)),
        };
      }
      case 'utils.GenerateUniqueTokenRegex':
        return str(uniqueToken(t(0), a[1] === true));
      case 'utils.GenerateSemiGenericRegex':
        return str(semiGeneric(a[0].items.map(asText), t(1), a[2] === true));
      case 'regexp.MustCompile':
        return str(t(0));
      case 'utils.MergeRegexps':
        return str(a.map(asText).join('|'));
      case 'strings.ToUpper':
        return str(t(0).toUpperCase(), a[0].values, a[0].generated);
      case 'strings.ToLower':
        return str(t(0).toLowerCase(), a[0].values, a[0].generated);
      case 'strings.Repeat':
        return str(t(0).repeat(a[1]), a[0].values, a[0].generated);
      case 'fmt.Sprintf': {
        let k = 1;
        const values = [];
        let generated = false;
        const text = t(0).replace(/%[sdv]/g, () => {
          const v = a[k++];
          if (v === undefined) throw new Unsupported('Sprintf arity');
          if (v.kind === 'str') {
            if (v.values) values.push(...v.values);
            generated ||= v.generated;
            return v.text;
          }
          return String(v);
        });
        return str(text, values.length ? values : null, generated);
      }
      case 'append': {
        const items = [...a[0].items];
        for (const x of a.slice(1)) {
          if (x.kind === 'spread') items.push(...x.list.items);
          else items.push(x);
        }
        return { kind: 'list', items };
      }
      default:
        throw new Unsupported(`call ${name}`);
    }
  }
  function primary() {
    skipNl();
    const tok = tokens[p++];
    if (!tok) throw new Unsupported('end of input');
    if (tok.t === 'str') return str(tok.v);
    if (tok.t === 'num') return tok.v;
    if (tok.t === 'op' && tok.v === '(') {
      const v = expr();
      expect(')');
      return v;
    }
    if (tok.t === 'id' && tok.v === 'map' && peek().v === '[') {
      // map[string]string{"path": "content", ...} (ValidateWithPaths): the contents, with their paths.
      p += 4; // [ string ] string
      expect('{');
      const items = [];
      skipNl();
      while (peek().v !== '}') {
        const key = expr();
        expect(':');
        const value = expr();
        items.push({ ...value, path: key.text });
        skipNl();
        if (peek().v === ',') p++;
        skipNl();
      }
      p++;
      return { kind: 'list', items };
    }
    if (tok.t === 'op' && tok.v === '[' && peek().v === ']') {
      p++;
      const type = tokens[p++];
      if (type.v === '*') p += 3; // []*regexp.Regexp
      expect('{');
      const items = [];
      skipNl();
      while (peek().v !== '}') {
        items.push(expr());
        skipNl();
        if (peek().v === ',') p++;
        skipNl();
      }
      p++;
      return { kind: 'list', items };
    }
    if (tok.t === 'id') {
      let name = tok.v;
      if (name === 'true') return true;
      if (name === 'false') return false;
      while (peek()?.v === '.' && peek(1)?.t === 'id') {
        name += '.' + peek(1).v;
        p += 2;
      }
      if (peek()?.v === '(') {
        const a = args();
        const short = name.startsWith('utils.') && name.slice(6) in regexHelpers ? name.slice(6) : name;
        return call(short, a);
      }
      if (name in scope) return scope[name];
      throw new Unsupported(`unknown name ${name}`);
    }
    throw new Unsupported(`unexpected token ${tok.v}`);
  }
  function expr() {
    let v = primary();
    for (;;) {
      // "+" may end a line and continue on the next.
      if (peek()?.v === '+') {
        p++;
        const r = primary();
        if (v.kind !== 'str' || r.kind !== 'str') throw new Unsupported('+ on non-strings');
        const values = v.values || r.values ? [...(v.values ?? []), ...(r.values ?? [])] : null;
        v = str(v.text + r.text, values, v.generated || r.generated);
      } else return v;
    }
  }
  return { expr, at: () => p, set: (k) => (p = k), peek };
}

/** Evaluates a composite literal element by element, so one unsupported element skips only itself. */
function evalList(tokens, start, scope, skipped) {
  // tokens[start] is "[" of "[]string{"
  let p = start + 3; // [ ] string
  if (tokens[p].v !== '{') throw new Unsupported('not a string list');
  p++;
  const items = [];
  for (;;) {
    while (tokens[p].t === 'nl' || tokens[p].v === ',') p++;
    if (tokens[p].v === '}') return { list: { kind: 'list', items }, end: p + 1 };
    const ev = evaluator(tokens, scope);
    ev.set(p);
    let depth = 0;
    let q = p;
    // the element ends at a "," or "}" at depth 0
    for (; q < tokens.length; q++) {
      const v = tokens[q].v;
      if (v === '(' || v === '{' || v === '[') depth++;
      else if (v === ')' || v === ']' || (v === '}' && depth > 0)) depth--;
      else if (depth === 0 && (v === ',' || v === '}')) break;
    }
    try {
      const v = ev.expr();
      if (v.kind === 'list') items.push(...v.items);
      else items.push(v);
    } catch (error) {
      if (!(error instanceof Unsupported)) throw error;
      skipped.push(error.message);
    }
    p = q;
  }
}

function gitleaksRules(dir) {
  const files = list(dir, 'cmd/generate/config/rules').filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'));
  const rules = [];
  for (const file of files.sort()) {
    const source = show(dir, file).toString('utf8');
    const tokens = tokenize(source);
    // Package-level variables (var name = expr): sample lists and identifiers shared by rules.
    const fileScope = {};
    for (let k = 0; k < tokens.length; k++) {
      if (
        tokens[k].v !== 'var' ||
        (k > 0 && tokens[k - 1].t !== 'nl') ||
        tokens[k + 1]?.t !== 'id' ||
        tokens[k + 2]?.v !== '='
      )
        continue;
      const ev = evaluator(tokens, fileScope);
      ev.set(k + 3);
      try {
        fileScope[tokens[k + 1].v] = ev.expr();
      } catch (error) {
        if (!(error instanceof Unsupported)) throw error;
      }
    }
    // Functions returning *config.Rule.
    for (let k = 0; k < tokens.length; k++) {
      if (!(tokens[k].v === 'func' && tokens[k + 1]?.t === 'id' && tokens[k + 2]?.v === '(')) continue;
      // find body start
      let b = k + 3;
      while (tokens[b] && tokens[b].v !== '{') b++;
      const signature = tokens
        .slice(k, b)
        .map((x) => x.v)
        .join(' ');
      let depth = 0;
      let e = b;
      for (; e < tokens.length; e++) {
        if (tokens[e].v === '{') depth++;
        else if (tokens[e].v === '}' && --depth === 0) break;
      }
      const body = tokens.slice(b + 1, e);
      k = e;
      if (!/config \. Rule/.test(signature)) continue;
      rules.push(...ruleOf(file, body, fileScope));
    }
  }
  return rules;
}

function ruleOf(file, body, fileScope) {
  const scope = { ...fileScope };
  let ruleId = null;
  let regex = null;
  let secretGroup = 0;
  const skipped = [];
  // tps and fps live in the scope too, so "tps = append(tps, ...)" sees the samples so far.
  scope.tps = { kind: 'list', items: [] };
  scope.fps = { kind: 'list', items: [] };
  const lists = scope;
  for (let p = 0; p < body.length; p++) {
    const tok = body[p];
    if (tok.t === 'id' && tok.v === 'RuleID' && body[p + 1]?.v === ':' && body[p + 2]?.t === 'str')
      ruleId ??= body[p + 2].v;
    if (tok.t === 'id' && tok.v === 'SecretGroup' && body[p + 1]?.v === ':' && body[p + 2]?.t === 'num')
      secretGroup = body[p + 2].v;
    if (tok.t === 'id' && tok.v === 'Regex' && body[p + 1]?.v === ':' && regex === null) {
      const ev = evaluator(body, scope);
      ev.set(p + 2);
      try {
        regex = ev.expr().text ?? null;
      } catch (error) {
        if (!(error instanceof Unsupported)) throw error;
        regex = undefined;
      }
    }
    // name := expr | name = expr  (strings and lists used by the samples)
    const statementStart = p === 0 || body[p - 1].t === 'nl' || body[p - 1].v === '{' || body[p - 1].v === ';';
    if (statementStart && tok.t === 'id' && (body[p + 1]?.v === ':=' || body[p + 1]?.v === '=')) {
      const name = tok.v;
      const at = p + 2;
      if ((name === 'tps' || name === 'fps') && body[at].v === '[' && body[at + 1].v === ']') {
        const { list, end } = evalList(body, at, scope, skipped);
        lists[name] = list;
        p = end - 1;
        continue;
      }
      const ev = evaluator(body, scope);
      ev.set(at);
      try {
        const v = ev.expr();
        if (name === 'tps' || name === 'fps') lists[name] = v.kind === 'list' ? v : { kind: 'list', items: [v] };
        else scope[name] = v;
        p = ev.at() - 1;
      } catch (error) {
        if (!(error instanceof Unsupported)) throw error;
        if (name === 'tps' || name === 'fps') skipped.push(`${name}: ${error.message}`);
      }
    }
  }
  if (!ruleId) return [];
  // The loop-built samples (tps = append(tps, ...) inside a for) fail on the loop variable and are counted as skipped.
  return [{ file, ruleId, regex, secretGroup, tps: lists.tps.items, fps: lists.fps.items, skipped }];
}

// ---------------------------------------------------------------------------------------------
// Go regular expressions (RE2) to JavaScript, enough to find the secret in a known true sample.

const posix = {
  alnum: 'a-zA-Z0-9',
  alpha: 'a-zA-Z',
  digit: '0-9',
  xdigit: '0-9a-fA-F',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\r\\n\\v\\f',
  punct: '!-\\/:-@\\[-`{-~',
  word: '\\w',
};
function goRegexToJs(source) {
  let flags = '';
  let s = source;
  if (/\(\?[a-z]*i[a-z]*[:)]/.test(s)) flags += 'i';
  if (/\(\?[a-z]*s[a-z]*[:)]/.test(s)) flags += 's';
  if (/\(\?[a-z]*m[a-z]*[:)]/.test(s)) flags += 'm';
  s = s
    .replace(/\(\?-?[ims]+(?:-[ims]+)?\)/g, '')
    .replace(/\(\?-?[ims]+(?:-[ims]+)?:/g, '(?:')
    .replace(/\(\?P</g, '(?<')
    .replace(/\\z/g, '$(?![\\s\\S])')
    .replace(/\\A/g, '^')
    .replace(/\[:(\w+):\]/g, (_, name) => posix[name] ?? '');
  return new RegExp(s, flags);
}

function secretByRegex(rule, text) {
  if (!rule.regex) return null;
  let re;
  try {
    re = goRegexToJs(rule.regex);
  } catch {
    return null;
  }
  const m = re.exec(text);
  if (!m) return null;
  if (rule.secretGroup > 0) return m[rule.secretGroup] || null;
  for (const g of m.slice(1)) if (g) return g;
  return m[0] || null;
}

const longestToken = (text) =>
  text
    .split(/[\s"'`=:,;()<>{}[\]]+/)
    .filter(Boolean)
    .sort((a, b) => b.length - a.length)[0] ?? text;

// ---------------------------------------------------------------------------------------------

function fromGitleaks(dir) {
  const out = [];
  const counts = {
    rules: 0,
    tpsLiteral: 0,
    tpsGenerated: 0,
    fpsLiteral: 0,
    fpsGenerated: 0,
    pathOnlyNegatives: 0,
    skipped: 0,
    valueFrom: {},
  };
  for (const rule of gitleaksRules(dir)) {
    counts.rules++;
    counts.skipped += rule.skipped.length;
    const positives = new Set(rule.tps.map((x) => x.text));
    for (const [kind, items] of [
      ['tps', rule.tps],
      ['fps', rule.fps],
    ]) {
      for (const item of items) {
        if (item.kind !== 'str' || !item.text.trim()) continue;
        // A negative only because of its file name (ValidateWithPaths) is no negative for text.
        if (kind === 'fps' && positives.has(item.text)) {
          counts.pathOnlyNegatives++;
          continue;
        }
        const sample = {
          source: `gitleaks:${rule.ruleId}`,
          text: item.text,
          secret: kind === 'tps',
          how: item.generated ? 'generated' : 'literal',
        };
        if (item.path) sample.path = item.path;
        counts[`${kind}${item.generated ? 'Generated' : 'Literal'}`]++;
        if (kind === 'tps') {
          let values = item.values;
          let from = 'helper';
          if (!values) {
            const byRegex = secretByRegex(rule, item.text);
            values = [byRegex ?? longestToken(item.text)];
            from = byRegex ? 'rule-regex' : 'longest-token';
          }
          sample.values = values;
          sample.valueFrom = from;
          counts.valueFrom[from] = (counts.valueFrom[from] ?? 0) + 1;
        }
        out.push(sample);
      }
    }
  }
  return { samples: out, counts };
}

const notSecretRules = new Set([
  'no-homedir',
  'no-dotenv',
  'filter-comments',
  'pattern',
  'example',
  'internal-test-cjs',
  'internal-test-esm',
]);

function fromSecretlint(dir) {
  const files = list(dir, 'packages/@secretlint').filter((f) =>
    /^packages\/@secretlint\/secretlint-rule-[^/]+\/test\/snapshots\/[^/]+\/[^/]+$/.test(f),
  );
  const cases = new Map();
  for (const f of files) {
    const [, rule, name, file] =
      /^packages\/@secretlint\/secretlint-rule-([^/]+)\/test\/snapshots\/([^/]+)\/([^/]+)$/.exec(f);
    if (rule.startsWith('preset-') || notSecretRules.has(rule)) continue;
    const key = `${rule}/${name}`;
    if (!cases.has(key)) cases.set(key, { rule, name, files: {} });
    cases.get(key).files[file] = f;
  }
  const out = [];
  const counts = { cases: 0, positives: 0, negatives: 0, skippedOptions: 0, skippedBinary: 0 };
  for (const [, c] of [...cases].sort(([a], [b]) => a.localeCompare(b))) {
    const inputName = Object.keys(c.files).find((n) => n.startsWith('input'));
    if (!inputName || !c.files['output.json']) continue;
    const raw = show(dir, c.files[inputName]);
    const text = raw.toString('utf8');
    if (raw.includes(0) || text.includes('\uFFFD')) {
      counts.skippedBinary++;
      continue;
    }
    const output = JSON.parse(show(dir, c.files['output.json']).toString('utf8'));
    const messages = output.messages ?? [];
    counts.cases++;
    if (messages.length === 0) {
      // An "ok" that is ok only because of options (allows, a disabled sub-rule) is not a negative.
      if (c.files['.secretlintrc.json'] || /allows|options/.test(c.name)) {
        counts.skippedOptions++;
        continue;
      }
      out.push({ source: `secretlint:${c.rule}`, case: c.name, text, secret: false, how: 'literal' });
      counts.negatives++;
    } else {
      // secretlint reports ranges in UTF-16 code units of the input (JS string indices).
      const values = [...new Set(messages.map((m) => text.slice(m.range[0], m.range[1])).filter(Boolean))];
      out.push({
        source: `secretlint:${c.rule}`,
        case: c.name,
        text,
        secret: true,
        how: 'literal',
        values,
        valueFrom: 'expected-range',
      });
      counts.positives++;
    }
  }
  return { samples: out, counts };
}

const heldOut = (source) => (createHash('sha256').update(source).digest()[0] & 1) === 1;

const g = fromGitleaks(gitleaksDir);
const s = fromSecretlint(secretlintDir);
const all = [...g.samples, ...s.samples];
const lines = (samples) => samples.map((x) => JSON.stringify(x)).join('\n') + '\n';
mkdirSync(outDir, { recursive: true });
const held = all.filter((x) => heldOut(x.source));
const tune = all.filter((x) => !heldOut(x.source));
writeFileSync(join(outDir, 'held-out.jsonl'), lines(held));
writeFileSync(join(outDir, 'tune.jsonl'), lines(tune));

const licence = (dir) => show(dir, 'LICENSE').toString('utf8').trim();
writeFileSync(
  join(outDir, 'LICENSES.md'),
  `# Third-party redaction corpora

Samples written by other people, used to measure \`shared/frontier/redact.ts\`
(\`tests/redact-third-party.test.ts\`). Extracted by \`scripts/extract-redaction-corpora.mjs\`; only
sample strings and fixture texts were taken, no code.

| Source | Repository | Commit | Taken from |
| --- | --- | --- | --- |
| gitleaks | https://github.com/gitleaks/gitleaks (${describe(gitleaksDir)}) | ${head(gitleaksDir)} | \`tps\`/\`fps\` of each rule in \`cmd/generate/config/rules/*.go\` |
| secretlint | https://github.com/secretlint/secretlint | ${head(secretlintDir)} | \`packages/@secretlint/secretlint-rule-*/test/snapshots/*/input*\` with their \`output.json\` |

Fields: \`source\` (\`gitleaks:<rule-id>\` or \`secretlint:<rule>\`), \`text\`, \`secret\` (true: a
true-positive sample; false: a negative one), \`how\` (\`literal\`: as written in the source;
\`generated\`: built with \`secrets.NewSecret(regex)\`, reproduced here in shape with a seeded
generator, not byte for byte), \`values\` (the secret values of a positive) and \`valueFrom\` (how they were found).

Counts at extraction: gitleaks ${g.counts.rules} rules, ${g.counts.tpsLiteral} literal + ${g.counts.tpsGenerated} generated true
positives, ${g.counts.fpsLiteral} literal + ${g.counts.fpsGenerated} generated negatives (${g.counts.pathOnlyNegatives} more dropped: negatives
only by their file name, their text also a true sample), ${g.counts.skipped} sample expressions skipped
(loop-built or using helpers the script does not evaluate); secret values from ${Object.entries(g.counts.valueFrom)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}. secretlint ${s.counts.cases} cases: ${s.counts.positives} positive, ${s.counts.negatives} negative
(${s.counts.skippedOptions} option-dependent "ok" cases and ${s.counts.skippedBinary} binary inputs skipped; the rules
${[...notSecretRules].join(', ')} are not about secret values and are left out).

Split: a rule (\`source\`) is held out when the first byte of sha256(source) is odd.
\`held-out.jsonl\` ${held.length} samples, \`tune.jsonl\` ${tune.length} samples.

## gitleaks licence

\`\`\`
${licence(gitleaksDir)}
\`\`\`

## secretlint licence

\`\`\`
${licence(secretlintDir)}
\`\`\`
`,
);
if (process.env.DEBUG_EXTRACT)
  for (const r of gitleaksRules(gitleaksDir)) for (const why of r.skipped) console.error(`${r.ruleId}: ${why}`);
console.log(
  JSON.stringify({ gitleaks: g.counts, secretlint: s.counts, heldOut: held.length, tune: tune.length }, null, 2),
);

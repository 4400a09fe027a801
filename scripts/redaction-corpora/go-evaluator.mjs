/** An evaluator for the Go expressions gitleaks' rule files use to build their samples and regexes. */
import { Unsupported, fill, regexHelpers, sampleTemplates, semiGeneric, str, uniqueToken } from './go-helpers.mjs';
import { generate } from './regex-sampler.mjs';

export function evaluator(tokens, scope) {
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
export function evalList(tokens, start, scope, skipped) {
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

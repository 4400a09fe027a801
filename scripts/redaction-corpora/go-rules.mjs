/** gitleaks' rules (cmd/generate/config/rules/*.go): id, regex, secret group, true and false positive samples. */
import { list, show } from './git.mjs';
import { evalList, evaluator } from './go-evaluator.mjs';
import { Unsupported } from './go-helpers.mjs';
import { tokenize } from './go-tokenizer.mjs';

export function gitleaksRules(dir) {
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

/** gitleaks' rule samples as corpus samples, each positive with its secret value(s). */
import { goRegexToJs } from './go-regex.mjs';
import { gitleaksRules } from './go-rules.mjs';

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

export function fromGitleaks(dir) {
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

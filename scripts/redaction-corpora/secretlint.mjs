/** secretlint's rule snapshot fixtures as corpus samples: positive when output.json reports something. */
import { list, show } from './git.mjs';

export const notSecretRules = new Set([
  'no-homedir',
  'no-dotenv',
  'filter-comments',
  'pattern',
  'example',
  'internal-test-cjs',
  'internal-test-esm',
]);

export function fromSecretlint(dir) {
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

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
 * rules). held-out.jsonl is frozen: tests/domain/redaction/third-party.test.ts checks its sha256.
 *
 * This file is the entry (arguments, the split, the files written); the work lives in
 * scripts/redaction-corpora/:
 *   - git.mjs: reading a repository at HEAD;
 *   - gitleaks.mjs: gitleaks' samples and their secret values; go-rules.mjs: the rules found in its
 *     Go files; go-tokenizer.mjs, go-evaluator.mjs, go-helpers.mjs: the tiny Go interpreter and the
 *     helpers it reproduces; regex-sampler.mjs: the seeded generator behind secrets.NewSecret;
 *     go-regex.mjs: RE2 to JavaScript;
 *   - secretlint.mjs: secretlint's snapshot fixtures.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, head, show } from './redaction-corpora/git.mjs';
import { fromGitleaks } from './redaction-corpora/gitleaks.mjs';
import { gitleaksRules } from './redaction-corpora/go-rules.mjs';
import { fromSecretlint, notSecretRules } from './redaction-corpora/secretlint.mjs';

const [gitleaksDir, secretlintDir] = process.argv.slice(2);
if (!gitleaksDir || !secretlintDir) {
  console.error('usage: node scripts/extract-redaction-corpora.mjs <gitleaks.git> <secretlint.git>');
  process.exit(2);
}
const outDir = join(dirname(fileURLToPath(import.meta.url)), '../tests/fixtures/redaction/third-party');

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
(\`tests/domain/redaction/third-party.test.ts\`). Extracted by \`scripts/extract-redaction-corpora.mjs\`; only
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

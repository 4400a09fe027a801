import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeFindings, placeholder, redactSecrets, validateUserPattern } from '../../../shared/frontier/redact';

// The redaction corpus: every kind of secret in tests/fixtures/redaction/secrets.jsonl must go
// (realistic shapes, fake values), and ordinary code and logs full of look-alikes must stay as
// they are. The false-positive figures are printed (and quoted in the README).
const dir = join(import.meta.dirname, '../../fixtures/redaction');

interface Sample {
  kind: string;
  text: string;
  secrets: string[];
  /** Other secrets in the same text, each with the kind it is expected under. */
  also?: Array<[string, string]>;
  note?: string;
}

const samples: Sample[] = readFileSync(join(dir, 'secrets.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Sample);

const ordinary = readdirSync(join(dir, 'ordinary'))
  .sort()
  .map((name) => ({ name, text: readFileSync(join(dir, 'ordinary', name), 'utf8') }));

describe('redaction corpus: secrets', () => {
  it('has at least 30 kinds of secrets', () => {
    const kinds = new Set(samples.map((s) => s.kind));
    console.log(`redaction corpus: ${samples.length} secret samples of ${kinds.size} kinds`);
    expect(kinds.size).toBeGreaterThanOrEqual(30);
  });

  it.each(samples.map((s, i) => [`${i + 1}. ${s.kind}`, s] as const))(
    '%s: redacted, labelled, and nothing else touched',
    (_name, sample) => {
      const result = redactSecrets(sample.text);
      let expected = sample.text;
      for (const secret of sample.secrets) expected = expected.split(secret).join(placeholder(sample.kind));
      for (const [secret, kind] of sample.also ?? []) expected = expected.split(secret).join(placeholder(kind));
      // Exact: the secret became its placeholder and every other character (error text, stack
      // frames, code) is as it was.
      expect(result.text).toBe(expected);
      for (const secret of sample.secrets) expect(result.text).not.toContain(secret);
      expect(result.findings.find((f) => f.kind === sample.kind)?.count).toBe(sample.secrets.length);
      expect(JSON.stringify(result.findings)).not.toContain(sample.secrets[0]!.slice(4, 20));
    },
  );

  it('redacts every secret in one long error report and keeps the report word for word', () => {
    const openai = samples.find((s) => s.kind === 'openai-key')!.secrets[0]!;
    const github = samples.find((s) => s.kind === 'github-token')!.secrets[0]!;
    const jwt = samples.find((s) => s.kind === 'jwt')!.secrets[0]!;
    const report = [
      'Dev1 tried three times and the upload still fails:',
      '',
      'Error: Request failed with status code 401',
      '    at createError (node_modules/axios/lib/core/createError.js:16:15)',
      '    at settle (node_modules/axios/lib/core/settle.js:17:12)',
      `config: { headers: { Authorization: 'Bearer ${jwt}' }, url: 'https://api.acme.com/upload' }`,
      '',
      '.env:',
      `OPENAI_API_KEY=${openai}`,
      `GITHUB_TOKEN=${github}`,
      'DATABASE_URL=postgres://app:S3cure-Pa55word@db:5432/app',
      'PORT=8080',
    ].join('\n');
    const result = redactSecrets(report);
    expect(result.text).toBe(
      [
        'Dev1 tried three times and the upload still fails:',
        '',
        'Error: Request failed with status code 401',
        '    at createError (node_modules/axios/lib/core/createError.js:16:15)',
        '    at settle (node_modules/axios/lib/core/settle.js:17:12)',
        "config: { headers: { Authorization: 'Bearer [REDACTED:jwt]' }, url: 'https://api.acme.com/upload' }",
        '',
        '.env:',
        'OPENAI_API_KEY=[REDACTED:openai-key]',
        'GITHUB_TOKEN=[REDACTED:github-token]',
        'DATABASE_URL=postgres://app:[REDACTED:url-password]@db:5432/app',
        'PORT=8080',
      ].join('\n'),
    );
    expect(result.total).toBe(4);
    expect(describeFindings(result.findings)).toBe('1 × github-token, 1 × jwt, 1 × openai-key, 1 × url-password');
  });
});

describe('redaction corpus: ordinary code and logs', () => {
  it('leaves look-alikes alone (false-positive rate printed)', () => {
    let lines = 0;
    let lookAlikes = 0;
    const falsePositives: string[] = [];
    for (const file of ordinary) {
      const result = redactSecrets(file.text);
      const before = file.text.split('\n');
      const after = result.text.split('\n');
      lines += before.length;
      // What a redactor could mistake for a secret: long mixed strings (hashes, UUIDs, base64,
      // digests, ids) and lines that name a password, token, secret or key.
      lookAlikes += (file.text.match(/[A-Za-z0-9+/=_.:-]{16,}/g) ?? []).filter(
        (t) => /\d/.test(t) && /[A-Za-z]/.test(t),
      ).length;
      lookAlikes += before.filter((l) => /password|passwd|token|secret|api[_-]?key|credential|private/i.test(l)).length;
      before.forEach((line, i) => {
        if (line !== after[i]) falsePositives.push(`${file.name}:${i + 1}: ${line.trim()}  →  ${after[i]!.trim()}`);
      });
    }
    const rate = falsePositives.length / lookAlikes;
    console.log(
      `redaction false positives: ${falsePositives.length} of ${lookAlikes} look-alikes (${(rate * 100).toFixed(2)}%) in ${lines} lines of ordinary code and logs (${ordinary.length} files)` +
        (falsePositives.length ? `\n  ${falsePositives.join('\n  ')}` : ''),
    );
    // The known one: a header named "X-Request-Token" whose value is a request id.
    expect(falsePositives.length).toBeLessThanOrEqual(1);
    expect(lookAlikes).toBeGreaterThan(150);
    expect(lines).toBeGreaterThan(400);
  });
});

describe('redactSecrets', () => {
  it('is idempotent: redacted text has nothing left to redact', () => {
    for (const sample of samples) {
      const once = redactSecrets(sample.text).text;
      expect(redactSecrets(once)).toEqual({ text: once, findings: [], total: 0 });
    }
  });

  it('takes user patterns, and literal values whatever their shape', () => {
    const text = 'ticket ACME-INTERNAL-7781 failed; key in use: 0p3n-s3s4me-zzz';
    const result = redactSecrets(text, {
      extraPatterns: [{ kind: 'internal-ticket', pattern: 'ACME-INTERNAL-\\d+' }],
      literals: [
        { kind: 'openai-key', value: '0p3n-s3s4me-zzz' },
        { kind: 'short', value: 'zzz' },
      ],
    });
    expect(result.text).toBe('ticket [REDACTED:internal-ticket] failed; key in use: [REDACTED:openai-key]');
    expect(result.findings).toEqual([
      { kind: 'internal-ticket', count: 1 },
      { kind: 'openai-key', count: 1 },
    ]);
  });

  it('refuses a user pattern that is broken or matches everything, and skips it when redacting', () => {
    expect(validateUserPattern({ kind: 'x', pattern: '(' })).toMatch(/not a valid regular expression/);
    expect(validateUserPattern({ kind: 'x', pattern: 'a*' })).toMatch(/matches empty text/);
    expect(validateUserPattern({ kind: 'Bad Label', pattern: 'a' })).toMatch(/label/);
    expect(validateUserPattern({ kind: 'ok', pattern: 'secret-\\d+', flags: 'i' })).toBeNull();
    expect(
      redactSecrets('abc', {
        extraPatterns: [
          { kind: 'x', pattern: '(' },
          { kind: 'y', pattern: 'b*' },
        ],
      }).text,
    ).toBe('abc');
  });

  it('merges overlapping claims so no part of a secret survives', () => {
    const jwt = samples.find((s) => s.kind === 'jwt')!.secrets[0]!;
    const result = redactSecrets(`Authorization: Bearer ${jwt}\nsession=${jwt}`);
    expect(result.text).toBe('Authorization: Bearer [REDACTED:jwt]\nsession=[REDACTED:jwt]');
  });

  it('handles Korean text and CRLF line ends', () => {
    const text = '세 번이나 고쳤는데 안 됩니다.\r\nDB_PASSWORD=Zx9-qq81-Lm\r\n에러: 인증 실패\r\n';
    expect(redactSecrets(text).text).toBe(
      '세 번이나 고쳤는데 안 됩니다.\r\nDB_PASSWORD=[REDACTED:env-secret]\r\n에러: 인증 실패\r\n',
    );
  });

  it('scans a 200,000-character task (time printed)', () => {
    const big = ordinary
      .map((f) => f.text)
      .join('\n')
      .repeat(12)
      .slice(0, 200_000);
    const started = performance.now();
    const result = redactSecrets(big);
    console.log(
      `redaction of ${big.length.toLocaleString('en-US')} characters: ${(performance.now() - started).toFixed(0)} ms`,
    );
    expect(big.length).toBe(200_000);
    expect(result.text.length).toBeGreaterThan(199_000);
  });
});

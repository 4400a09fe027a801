/**
 * The secrets the redactor knows, one rule per kind. A rule finds a span and names its kind; the
 * secret is the whole match, or the capture group `group` when a rule needs context around it
 * ("AWS_SECRET_ACCESS_KEY=…", "Authorization: Bearer …") and only the value must go.
 *
 * Rules are ordered from specific to generic: when two rules claim the same text the earlier one
 * names it. Every pattern is linear (no nested quantifiers over the same characters), so a
 * 200,000-character task is scanned in milliseconds.
 */
export interface RedactionRule {
  kind: string;
  pattern: RegExp;
  /** The capture group holding the secret (the first that matched, if several); 0 is the whole match. */
  group?: number | number[];
  /** A second look at a candidate (the secret, then the whole match): false keeps it, a look-alike. */
  check?: (secret: string, match: string) => boolean;
}

const has = (re: RegExp) => (s: string) => re.test(s);
const hasDigit = has(/\d/);
const hasUpper = has(/[A-Z]/);
const hasLower = has(/[a-z]/);
const mixed = (s: string) => hasDigit(s) && hasUpper(s) && hasLower(s);
/** Random letters are about half upper case; camelCase words ("requiredCharacteristicTypes") are not. */
const randomCase = (s: string): boolean => {
  const letters = s.replace(/[^A-Za-z]/g, '');
  const upper = letters.replace(/[^A-Z]/g, '').length;
  return letters.length > 0 && upper / letters.length >= 0.25 && upper / letters.length <= 0.75;
};

/**
 * Values that name a secret without being one: placeholders, references to where the real
 * value lives, masks, and words that follow "token"/"password" in ordinary code and docs.
 */
const notASecret = new RegExp(
  [
    '^\\[REDACTED', // already redacted: redaction is idempotent
    '^\\$\\{', // ${VAR}
    '^\\$\\(', // $(command)
    '^\\$[A-Z_]+$', // $VAR
    '^%[A-Z_]+%$', // %VAR%
    '^\\{\\{.*\\}\\}$', // {{ template }}
    '^<[^>]*>$', // <your-key>
    '^(?:process\\.env|os\\.environ|os\\.getenv|env\\.|ENV\\[|import\\.meta\\.env|secrets\\.|config\\.|settings\\.)',
    '^\\*+$', // ******
    '^x{3,}$', // xxxx
    '^\\.{3,}$', // ...
    '^(?:null|none|nil|undefined|true|false|yes|no|on|off|empty|string|str|number|int|bool|boolean|required|optional|hidden|text|password|secret|token|bearer|basic|redacted|changeme_placeholder)$',
    '^(?:your|my|some|example|sample|dummy|placeholder|insert|enter|put|replace)[-_ ]',
    '^[-_.]+$',
    '^\\d{1,7}$', // 3600, 8080: numbers are settings (timeouts, ports), not secrets
  ].join('|'),
  'i',
);
export const looksLikeSecretValue = (value: string): boolean => value.length > 0 && !notASecret.test(value.trim());

/** Shannon entropy in bits per character. */
const entropy = (s: string): number => {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / s.length) * Math.log2(n / s.length);
  return bits;
};

/**
 * A filler, not a secret: "ghp_xxxxxxxx…", "glc_1111…", "aaaaaaaa…". The part after the last
 * prefix separator is 12 or more characters with under 1.5 bits of entropy per character (a real
 * token has well over 3).
 */
export const isFiller = (secret: string): boolean => {
  const body = /[^_\-.]{12,}$/.exec(secret)?.[0] ?? secret;
  return body.length >= 12 && entropy(body) < 1.5;
};

/** Base64 of "user:password" (a Docker config's "auth", HTTP Basic): decodes to text with a colon. */
const decodesToUserPassword = (value: string): boolean => {
  try {
    const decoded = atob(value);
    return /^[\x20-\x7e]+:[\x20-\x7e]+$/.test(decoded);
  } catch {
    return false;
  }
};

/** Looks generated: long enough, with digits and letters (a password on a command line, a key as a user name). */
const randomLooking = (s: string): boolean =>
  s.length >= 8 && hasDigit(s) && /[A-Za-z]/.test(s) && looksLikeSecretValue(s);

/** A variable, not a value: camelCase or snake_case words with no digit ("userPassword", "db_password"). */
const identifierWords = (value: string): boolean => /^[a-z]+(?:[A-Z][a-z]*)+$|^[a-z]+(?:_[a-z]+)+$/.test(value);

/**
 * Names that say their value is not the secret itself but something about it: where it is, what
 * it is called, how long it lives ("SECRET_NAME", "API_KEY_HEADER", "TOKEN_TTL_SECONDS").
 */
const describesASecret =
  /_(?:NAME|HEADER|URL|URI|PATH|FILE|DIR|ID|TTL|EXPIRY|EXPIRES_IN|LENGTH|LEN|MIN_LENGTH|ARN|REGION|TYPE|ENDPOINT|PREFIX|FIELD|PARAM|MODE|DAYS|HOURS|MINUTES|SECONDS|MS|SIZE|COUNT|LIMIT|VERSION|ENABLED|PROVIDER|ALGORITHM|ISSUER|AUDIENCE|SCOPE|SCOPES)$/;
const nameOf = (match: string): string => /^[\s-]*(?:export\s+|ENV\s+|set\s+)?([A-Za-z0-9_.-]+)/.exec(match)?.[1] ?? '';

/** Names that hold a secret in .env files and shell exports (upper case, the keyword anywhere). */
const envNameKeywords =
  'SECRET|TOKEN|PASSWORD|PASSWD|PASSPHRASE|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|SIGNING_?KEY|ENCRYPTION_?KEY|MASTER_?KEY|SESSION_?KEY|CREDENTIALS?|AUTH_?KEY|CLIENT_?SECRET|DSN|CONNECTION_?STRING|(?<![A-Z])(?:PASS|PWD)(?![A-Z])';

/**
 * Names that hold a secret in code and config (any case, the keyword at the end of the name, so
 * `max_tokens`, `tokenizer`, `token_type` and `password_hint` are left alone).
 */
const codeNameKeywords =
  '(?:secret|token|password|passwd|passphrase|api[_-]?key|apikey|access[_-]?key|private[_-]?key|secret[_-]?key|signing[_-]?key|encryption[_-]?key|master[_-]?key|session[_-]?key|auth[_-]?key|client[_-]?secret|credentials?|(?<![a-z])(?:pass|pwd)(?![a-z]))';

/**
 * What joins a name to its value in config and code: "=", ":", "=>", Go's ":=", Make's "?=", "::=",
 * ":::=", PHP's ".=", and a type between ("var xToken string =", "val xToken: String =").
 */
const assignOp =
  '(?:\\s+(?:string|String|str|\\[\\]byte|SecretStr))?\\s*(?::\\s*(?:string|String|str)\\s*=|:{1,3}=|\\?=|\\.=|=>|=|:)';

export const redactionRules: RedactionRule[] = [
  // Private keys first: a key block holds base64 that other rules would cut in pieces.
  {
    kind: 'private-key',
    pattern: /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY(?: BLOCK)?-----[\s\S]*?-----END \1PRIVATE KEY(?: BLOCK)?-----/g,
  },
  {
    // A truncated block (a log cut off mid-key): the header and the base64 lines after it.
    kind: 'private-key',
    // Lines may be real or JSON-escaped ("\\n" in a service-account file); PEM headers
    // ("Proc-Type: 4,ENCRYPTED") come first; base64 lines are long, or end the block with "=".
    pattern:
      /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:(?:(?:\\r)?(?:\\n|\r?\n)[ \t]*)+(?:[A-Z][A-Za-z-]*: [^\r\n\\]*|[A-Za-z0-9+/]{16,}={0,2}|[A-Za-z0-9+/]{1,15}={1,2}))*/g,
  },
  // Provider keys with a recognisable prefix.
  { kind: 'anthropic-key', pattern: /\bsk-ant-(?:api|admin|oat|sid)\d{2}-[A-Za-z0-9_-]{20,}/g },
  { kind: 'anthropic-key', pattern: /\bsk-ant-[A-Za-z0-9_-]{32,}/g },
  { kind: 'openrouter-key', pattern: /\bsk-or-v1-[a-f0-9]{64}\b/g },
  {
    // Project, service-account, admin and legacy keys. Legacy keys mix case and digits; a hex body is
    // the DeepSeek-style "sk-" key. Kebab-case words ("sk-learn-example") are neither.
    kind: 'openai-key',
    pattern: /\bsk-(?!ant-|or-v1-)(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{20,}/g,
    check: (s) => mixed(s.slice(3)) || /^sk-[a-f0-9]{32,}$/.test(s),
  },
  { kind: 'aws-access-key-id', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\b/g },
  {
    kind: 'aws-secret-key',
    pattern:
      /\b(?:aws_?secret_?access_?key|aws_?secret_?key|secret_?access_?key|SecretAccessKey)["']?\s*(?:=|:|=>)\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi,
    group: 1,
  },
  { kind: 'github-token', pattern: /\bgh[pousr]_[A-Za-z0-9]{36,255}\b/g },
  { kind: 'github-token', pattern: /\bgithub_pat_[A-Za-z0-9_]{22,255}\b/g },
  { kind: 'gitlab-token', pattern: /\bgl(?:pat|dt|rt|ptt|cbt|oas)-[A-Za-z0-9_-]{20,}\b/g },
  // Real Slack tokens carry numeric team/user ids ("xoxb-263594206564-…"); "xoxb-my-bot-token" is a name.
  {
    kind: 'slack-token',
    pattern: /\bxox[abposre](?:\.xox[bp])?-[A-Za-z0-9-]{10,}\b/g,
    check: (s) => /\d{5,}/.test(s) || (s.length >= 60 && mixed(s)),
  },
  { kind: 'slack-token', pattern: /\bxapp-\d-[A-Z0-9]{9,}-\d{9,}-[A-Za-z0-9]{32,}\b/g },
  {
    kind: 'slack-webhook',
    pattern: /(?:\bhttps?:\/\/|\b)hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/-]{20,}/g,
  },
  {
    kind: 'discord-webhook',
    pattern: /\bhttps:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d+\/[A-Za-z0-9_-]{30,}/g,
  },
  { kind: 'stripe-key', pattern: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}\b/g },
  { kind: 'stripe-webhook-secret', pattern: /\bwhsec_[A-Za-z0-9+/=]{24,}/g },
  { kind: 'google-api-key', pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g },
  { kind: 'google-oauth-secret', pattern: /\bGOCSPX-[A-Za-z0-9_-]{28}(?![A-Za-z0-9_-])/g },
  { kind: 'google-oauth-token', pattern: /\bya29\.[A-Za-z0-9_-]{30,}/g },
  { kind: 'npm-token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { kind: 'pypi-token', pattern: /\bpypi-AgE[A-Za-z0-9_-]{50,}/g },
  // 34 random letters (digits optional); camelCase identifiers that start "hf_" are not tokens. "api_org_" is the older org token.
  {
    kind: 'huggingface-token',
    pattern: /\b(?:hf|api_org)_[A-Za-z0-9]{34,}\b/g,
    check: (s) => randomCase(s.slice(s.indexOf('_') + 1)),
  },
  { kind: 'sendgrid-key', pattern: /SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/g },
  // "key-" + 32 hex is also how many caches name an MD5: only with "api"/"mailgun" nearby on the line.
  { kind: 'mailgun-key', pattern: /(?:mailgun|api)[^\n]{0,40}?\b(key-[0-9a-f]{32})\b/gi, group: 1 },
  { kind: 'twilio-key', pattern: /\bSK[0-9a-f]{32}\b/g },
  { kind: 'digitalocean-token', pattern: /\bdo[por]_v1_[a-f0-9]{64}\b/g },
  { kind: 'shopify-token', pattern: /\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b/g },
  { kind: 'square-token', pattern: /\bsq0(?:atp|csp|idp)-[A-Za-z0-9_-]{22,}/g },
  { kind: 'groq-key', pattern: /\bgsk_[A-Za-z0-9]{48,}\b/g },
  { kind: 'xai-key', pattern: /\bxai-[A-Za-z0-9]{60,}\b/g },
  { kind: 'replicate-token', pattern: /\br8_[A-Za-z0-9]{37}\b/g },
  { kind: 'perplexity-key', pattern: /\bpplx-[A-Za-z0-9]{40,}\b/g },
  { kind: 'sourcegraph-token', pattern: /\bsgp_(?:local_|[a-fA-F0-9]{16}_)?[a-fA-F0-9]{40}\b/g },
  { kind: 'heroku-key', pattern: /\bHRKU-[A-Za-z0-9_-]{60}(?![A-Za-z0-9_-])/g },
  { kind: 'flyio-token', pattern: /\b(?:fo1_[A-Za-z0-9_-]{43}|fm[12][ar]?_[A-Za-z0-9+/]{100,}={0,3})/g },
  {
    kind: 'grafana-token',
    pattern: /\b(?:glc_[A-Za-z0-9+/]{32,}={0,2}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})/g,
    check: mixed,
  },
  { kind: 'easypost-key', pattern: /\bEZ[AT]K[A-Za-z0-9]{54}\b/g },
  { kind: 'square-token', pattern: /\bEAAA[A-Za-z0-9_-]{60}(?![A-Za-z0-9_-])/g, check: mixed },
  { kind: 'airtable-token', pattern: /\bpat[A-Za-z0-9]{14}\.[a-f0-9]{64}\b/g },
  { kind: 'adobe-secret', pattern: /\bp8e-[A-Za-z0-9]{32}\b/g, check: hasDigit },
  { kind: 'intra42-secret', pattern: /\bs-s4t2(?:ud|af)-[a-f0-9]{64}\b/g },
  { kind: 'databricks-token', pattern: /\bdapi[a-fA-F0-9]{32}(?:-\d)?\b/g },
  { kind: 'linear-key', pattern: /\blin_(?:api|oauth)_[A-Za-z0-9]{40,}\b/g },
  { kind: 'notion-token', pattern: /\b(?:secret_[A-Za-z0-9]{43}|ntn_[A-Za-z0-9]{40,})\b/g, check: mixed },
  { kind: 'atlassian-token', pattern: /\bATATT3[A-Za-z0-9_=-]{100,}/g },
  { kind: 'vault-token', pattern: /\bhv[sbr]\.[A-Za-z0-9_-]{24,}/g },
  { kind: 'age-secret-key', pattern: /\bAGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}\b/g },
  // In a bot URL the token follows "bot" directly (".../bot123456789:AA…/getMe").
  {
    kind: 'telegram-bot-token',
    pattern: /(?<!\d)\d{5,16}:A[A-Za-z0-9_-]{34}(?![A-Za-z0-9_-])/g,
    // the body is random ("AAHdqTcvCH1vGWJx…"), not a word after an id ("clm98178:AgencyIdentificationCode…")
    check: (s) => {
      const body = s.slice(s.indexOf(':') + 2);
      return hasDigit(body) || randomCase(body);
    },
  },
  {
    kind: 'discord-bot-token',
    pattern: /\b[MNO][A-Za-z\d_-]{23,25}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,38}\b/g,
    check: mixed,
  },
  { kind: 'mapbox-secret-token', pattern: /\bsk\.eyJ[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}/g },
  { kind: 'azure-storage-key', pattern: /\bAccountKey=([A-Za-z0-9+/]{80,}={0,2})/g, group: 1 },
  { kind: 'azure-sas-signature', pattern: /[?&]sig=([A-Za-z0-9%+/]{30,}(?:%3D|=){0,2})/g, group: 1 },
  // Tokens by shape: JWTs (header and payload are base64 JSON, so both start "eyJ").
  { kind: 'jwt', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  // Secrets by their place.
  {
    kind: 'url-password',
    pattern: /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/@'"`<>]*:([^\s@/'"`<>]+)@[A-Za-z0-9[]/gi,
    group: 1,
    check: looksLikeSecretValue,
  },
  {
    kind: 'bearer-token',
    pattern:
      /\b(?:Authorization|Proxy-Authorization)["']?(?:\s*[:=]\s*|\s+)["']?(?:Bearer|Token|token|bearer|Api-Token)\s+([A-Za-z0-9._~+/=-]{8,})/g,
    group: 1,
    check: looksLikeSecretValue,
  },
  {
    kind: 'bearer-token',
    pattern: /\bBearer\s+([A-Za-z0-9._~+/-]{20,}=*)/g,
    group: 1,
    check: (s) => hasDigit(s) && looksLikeSecretValue(s),
  },
  // "Authorization: Basic …", and nginx's `proxy_set_header Authorization "Basic …"`.
  {
    kind: 'basic-auth',
    pattern: /\b(?:Authorization|Proxy-Authorization)["']?(?:\s*[:=]\s*|\s+)["']?Basic\s+([A-Za-z0-9+/]{8,}={0,2})/gi,
    group: 1,
  },
  {
    kind: 'api-key-header',
    pattern:
      /\b(?:x-api-key|api-key|x-auth-token|x-goog-api-key|x-access-token|private-token|x-vault-token)["']?\s*[:=]\s*["']?([A-Za-z0-9._~+/=-]{12,})/gi,
    group: 1,
    check: looksLikeSecretValue,
  },
  {
    // "Authorization: 5eb4223e-…": a bare credential, no scheme word before it.
    kind: 'api-key-header',
    pattern:
      /\b(?:Authorization|Proxy-Authorization)["']?\s*:\s*["']?(?!(?:Bearer|Basic|Token|Api-Token|Digest|Negotiate|NTLM|AWS4-HMAC-SHA256|Splunk)\b)([A-Za-z0-9._~+/=-]{12,})(?=["'\s,;]|$)/gim,
    group: 1,
    check: (s) => hasDigit(s) && looksLikeSecretValue(s),
  },
  {
    // Any header named for a key or token ("X-Octopus-ApiKey: …", "apikey: …", "Api-Token: …") inside -H/--header quotes.
    kind: 'api-key-header',
    pattern:
      /(?:-H|--header)[ \t=]*["']((?:[A-Za-z0-9]+-)*(?:api-?key|apikey|api-?token|auth-?token|access-?token|token|key))[ \t]*:[ \t]*([A-Za-z0-9._~+/=-]{8,})["']/gi,
    group: 2,
    check: (s) => hasDigit(s) && looksLikeSecretValue(s),
  },
  {
    kind: 'session-cookie',
    pattern:
      /\b(?:session|sessionid|session_id|sid|connect\.sid|_session|[a-z_]*_session|remember_token|auth_token|jwt|access_token|refresh_token)=([A-Za-z0-9%._~+/-]{16,}={0,2})/gi,
    group: 1,
    check: (s) => hasDigit(s) && looksLikeSecretValue(s),
  },
  // ADO.NET / ODBC: "Server=db;User Id=sa;Password=…;" (after a ";", so code's "password = x" is not one).
  {
    kind: 'connection-string-password',
    pattern: /;\s*(?:Password|Pwd)\s*=\s*([^;"'\s]{3,})/gi,
    group: 1,
    check: looksLikeSecretValue,
  },
  {
    // curl -u user:password (also on a continued line). A key passed as the user with an empty
    // password ("-u sk_live_…:") is the secret itself.
    kind: 'cli-password',
    pattern:
      /\bcurl\b[^\n]*?(?:\\\r?\n[^\n]*?){0,8}\s(?:-u|--user)(?:=|[ \t]*)(?:"([^"\s:]*):([^"\s]*)"|'([^'\s:]*):([^'\s]*)'|([^\s"':]*):([^\s"']+)|([^\s"':]+):(?=\s|$))/g,
    group: [2, 4, 6, 1, 3, 7],
    check: (s, match) => {
      const password = /:([^\s"':]*)["']?$/.exec(match)?.[1] ?? '';
      if (password === '') return randomLooking(s); // the user name is the key
      if (s !== password) return false; // the user name, when there is a password
      return (
        s.length >= 4 && looksLikeSecretValue(s) && !/^(?:pass|pwd|test|changeme|changeit|\$.*|\[.*\]|x+|\*+)$/i.test(s)
      );
    },
  },
  {
    // mysql -pPASSWORD / mysqldump -p'…' (no space: with a space, -p prompts and the next word is the database).
    kind: 'cli-password',
    pattern: /\bmysql(?:dump|admin|import|show|check)?\b[^\n]*?[ \t]-p(?:"([^"\s]+)"|'([^'\s]+)'|([^\s"'-][^\s"']*))/g,
    group: [1, 2, 3],
    check: (s) => s.length >= 3 && looksLikeSecretValue(s) && !/^\$/.test(s),
  },
  {
    // libpq key/value strings: psql "host=db user=app password=…"; the password with any of the other keys.
    kind: 'connection-string-password',
    pattern:
      /\b(?:(?:host|hostaddr|port|dbname|user|sslmode|connect_timeout)=[^\s'",()]*[ \t]+){1,6}password=([^\s'",()]+)(?=[\s'"]|$)|\bpassword=([^\s'",()]+)(?=(?:[ \t]+[a-z_]+=[^\s'",()]*){0,6}[ \t]+(?:host|hostaddr|dbname|user)=)/g,
    group: [1, 2],
    check: looksLikeSecretValue,
  },
  {
    // A Docker config.json's "auth": base64 of "user:password".
    kind: 'docker-auth',
    pattern: /"auth"\s*:\s*"([A-Za-z0-9+/]{8,}={0,2})"/g,
    group: 1,
    check: decodesToUserPassword,
  },
  {
    // Bundler's credentials per host: BUNDLE_GEMS__EXAMPLE__COM=user:password (dots written "__").
    kind: 'env-secret',
    pattern: /\bBUNDLE_[A-Z0-9_]*__[A-Z0-9]{2,}["']?[ \t]*[=:][ \t]*["']?([^\s"':;&]+:[^\s"';&]+)/g,
    group: 1,
    check: looksLikeSecretValue,
  },
  {
    kind: 'cli-secret-flag',
    pattern:
      /(?:^|\s)--(?:password|passwd|token|api-key|apikey|secret|client-secret|auth-token|access-token)(?:=|\s+)(["']?)([^\s"']{4,})\1/gim,
    group: 2,
    check: looksLikeSecretValue,
  },
  {
    // .env files, shell exports, Dockerfile ENV, compose "environment:": NAME=value with a
    // secret-sounding upper-case name. Unquoted values have no spaces ("TOKEN_EXPIRED: the token
    // has expired" is a log line); plain URLs and short settings are not secrets.
    kind: 'env-secret',
    pattern: new RegExp(
      `^[ \\t-]*(?:export[ \\t]+|ENV[ \\t]+|ARG[ \\t]+|set[ \\t]+)?(?=[A-Z])[A-Z0-9_]*(?:${envNameKeywords})[A-Z0-9_]*[ \\t]*[=:][ \\t]*(?:"([^"\\n]+)"|'([^'\\n]+)'|([^\\s"'#]+))[ \\t]*(?:#.*?)?\\r?$`,
      'gm',
    ),
    group: [1, 2, 3],
    check: (s, match) =>
      s.length >= 4 &&
      looksLikeSecretValue(s) &&
      !describesASecret.test(nameOf(match)) &&
      !(/^[a-z]+:\/\//i.test(s) && !s.includes('@')),
  },
  {
    // NAME=value in the middle of a line: "DEV=1 HF_TOKEN=… poetry run", or inside a JSON string
    // holding a file ("ADAFRUIT_TOKEN=…\\nBACKUP=true"). No spaces around "=", upper-case name.
    kind: 'env-secret',
    pattern: new RegExp(
      `(?:^|[\\s"'(]|\\\\n)(?=[A-Z])([A-Z0-9_-]*(?:${envNameKeywords})[A-Z0-9_]*)=([^\\s"'\\\\;&|)]{6,})`,
      'gm',
    ),
    group: 2,
    check: (s, match) =>
      looksLikeSecretValue(s) &&
      !/^\$/.test(s) &&
      !describesASecret.test(/([A-Z0-9_-]+)=/.exec(match)?.[1] ?? '') &&
      !(/^[a-z]+:\/\//i.test(s) && !s.includes('@')),
  },
  {
    // XML: <apiToken>…</apiToken> (the value may sit on its own line).
    kind: 'secret-assignment',
    pattern: new RegExp(`<([A-Za-z0-9_.:-]*${codeNameKeywords})>\\s*([^<>\\s]{6,})\\s*</\\1>`, 'gi'),
    group: 2,
    check: (s) => looksLikeSecretValue(s) && !/^\$\{?/.test(s),
  },
  {
    // XML key/value attributes: <add key="ClearTextPassword" value="…" /> (NuGet, app.config).
    kind: 'secret-assignment',
    pattern: new RegExp(
      `\\b(?:key|name)\\s*=\\s*"[A-Za-z0-9_.:-]*${codeNameKeywords}"\\s+value\\s*=\\s*"([^"]{4,})"`,
      'gi',
    ),
    group: 1,
    check: (s) => looksLikeSecretValue(s) && !/^%[^%]+%$|^\$\{/.test(s),
  },
  {
    // A name and its value as two arguments or a pair: System.setProperty("API_TOKEN", "…"), ("token", "…").
    kind: 'secret-assignment',
    pattern: new RegExp(`(["'])[A-Za-z0-9_.-]*${codeNameKeywords}\\1\\s*,\\s*(["'])([^"'\\s]{8,})\\2`, 'gi'),
    group: 3,
    check: randomLooking,
  },
  {
    // Code and config: a secret-named key or variable given a quoted literal.
    kind: 'secret-assignment',
    pattern: new RegExp(
      `\\b[A-Za-z0-9_.-]*${codeNameKeywords}\\d{0,2}["']?${assignOp}\\s*(?:[rbf]|@)?(["'\`])([^"'\`\\s]{6,})\\1`,
      'gi',
    ),
    group: 2,
    check: (s, match) => looksLikeSecretValue(s) && !/^\W*public[_-]?(?:key|token)/i.test(match),
  },
  {
    // YAML and INI: "password: s3cret" / "api_key = abc123" with an unquoted value alone on its line.
    // In code the same shape is a variable ("token = refreshToken", "apiKey: config.apiKey,"):
    // references, calls, and digit-less identifiers after "=" are left alone.
    kind: 'secret-assignment',
    pattern: new RegExp(
      `^[ \\t-]*(?:(?:export|ARG|ENV|set|declare|local|readonly)[ \\t]+)?[A-Za-z0-9_.-]*${codeNameKeywords}[ \\t]*(?::{0,3}=|\\?=|:(?=[ \\t]))[ \\t]*([^\\s"'\`#{}[\\]&*!|>$][^\\s"'\`#]{5,})[ \\t]*\\r?$`,
      'gim',
    ),
    group: 1,
    check: (s, match) => {
      if (!looksLikeSecretValue(s) || identifierWords(s) || /[;,]$|[()[\]{}]|^(?:this|self|ctx|req|res|env)\./.test(s))
        return false;
      // a.b.c, unless a part is long and random ("s.ZC9Ecf4M5g9o34Q6RkzGsj0z", "patl1….da3ac…")
      if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(s) && !/(?=[A-Za-z]*\d)[A-Za-z0-9]{20,}/.test(s))
        return false;
      if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(s)) return false; // A_CONSTANT
      const assigned = /^[^:=]*=/.test(match.trimStart());
      return !(assigned && /^[A-Za-z_$][A-Za-z_$]*$/.test(s) && !(s.length >= 24 && randomCase(s)));
    },
  },
];

/**
 * gitleaks' Go helpers, reproduced: the values the evaluator works with, the sample templates of
 * utils.GenerateSampleSecrets, and the regex builders of cmd/generate/config/utils.
 */

export class Unsupported extends Error {}

/** Values: { kind: 'str', text, values: string[] | null, generated } or { kind: 'list', items } or bool/num. */
export const str = (text, values = null, generated = false) => ({ kind: 'str', text, values, generated });

export const sampleTemplates = {
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
export const fill = (template, i, s) =>
  template.replaceAll('{i}', i).replaceAll('{I}', i.toUpperCase()).replaceAll('{s}', s);

export const regexHelpers = {
  Numeric: (n) => `[0-9]{${n}}`,
  Hex: (n) => `[a-f0-9]{${n}}`,
  AlphaNumeric: (n) => `[a-z0-9]{${n}}`,
  AlphaNumericExtendedShort: (n) => `[a-z0-9_-]{${n}}`,
  AlphaNumericExtended: (n) => `[a-z0-9=_\\-]{${n}}`,
  AlphaNumericExtendedLong: (n) => `[a-z0-9\\/=_\\+\\-]{${n}}`,
  Hex8_4_4_4_12: () => '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
};
export const semiGeneric = (identifiers, secretRegex, insensitive) =>
  (insensitive ? '(?i)[\\w.-]{0,50}?(?:' : '[\\w.-]{0,50}?(?i:[\\w.-]{0,50}?(?:') +
  identifiers.join('|') +
  ')(?:[ \\t\\w.-]{0,20})[\\s\'"]{0,3}' +
  (insensitive ? '' : ')') +
  '(?:=|>|:{1,3}=|\\|\\||:|=>|\\?=|,)' +
  '[\\x60\'"\\s=]{0,5}(' +
  secretRegex +
  ')(?:[\\x60\'"\\s;]|\\\\[nr]|$)';
export const uniqueToken = (secretRegex, insensitive) =>
  (insensitive ? '(?i)' : '') + '\\b(' + secretRegex + ')(?:[\\x60\'"\\s;]|\\\\[nr]|$)';

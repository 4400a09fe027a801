/** Go regular expressions (RE2) to JavaScript, enough to find the secret in a known true sample. */

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
export function goRegexToJs(source) {
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

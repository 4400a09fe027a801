/**
 * `keep_alive` as Ollama reads it (api/types.go, `Duration.UnmarshalJSON`): a JSON number is
 * seconds, a string is a Go duration (`time.ParseDuration`), anything negative means "forever",
 * and 0 means "unload after this request". Durations here are milliseconds; forever is Infinity.
 */

export const FOREVER = Number.POSITIVE_INFINITY;

/** Ollama's default, `OLLAMA_KEEP_ALIVE` unset. */
export const defaultKeepAliveMs = 5 * 60_000;

export class DurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DurationError';
  }
}

const unitMs: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3, // U+00B5 micro sign
  μs: 1e-3, // U+03BC Greek mu
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

const quote = (s: string) => JSON.stringify(s);
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/**
 * Go's `time.ParseDuration` grammar, `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+` or "0", with its error
 * texts, in milliseconds. "10m", "1h30m", "300ms", "1.5h" and "-1m" parse; "10", "1d" and "" do not.
 */
export function parseGoDuration(input: string): number {
  const invalid = () => new DurationError(`time: invalid duration ${quote(input)}`);
  let s = input;
  let negative = false;
  if (s[0] === '-' || s[0] === '+') {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') throw invalid();
  let total = 0;
  while (s !== '') {
    if (!(s[0] === '.' || isDigit(s[0]))) throw invalid();
    let i = 0;
    while (isDigit(s[i])) i++;
    const whole = s.slice(0, i);
    let fraction = '';
    if (s[i] === '.') {
      let j = i + 1;
      while (isDigit(s[j])) j++;
      fraction = s.slice(i + 1, j);
      i = j;
    }
    if (whole === '' && fraction === '') throw invalid();
    s = s.slice(i);
    let u = 0;
    while (u < s.length && s[u] !== '.' && !isDigit(s[u])) u++;
    if (u === 0) throw new DurationError(`time: missing unit in duration ${quote(input)}`);
    const unit = s.slice(0, u);
    s = s.slice(u);
    const scale = unitMs[unit];
    if (scale === undefined) throw new DurationError(`time: unknown unit ${quote(unit)} in duration ${quote(input)}`);
    total += Number(`${whole || '0'}.${fraction || '0'}`) * scale;
  }
  return negative ? -total : total;
}

/**
 * A request's `keep_alive` in milliseconds (Infinity for forever), or undefined when absent or
 * null: Ollama then keeps a loaded model's current duration, or uses the default for a new load.
 */
export function parseKeepAlive(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new DurationError(`Unsupported type: 'float64'`);
    return value < 0 ? FOREVER : value * 1000;
  }
  if (typeof value === 'string') {
    const ms = parseGoDuration(value);
    return ms < 0 ? FOREVER : ms;
  }
  const goType =
    typeof value === 'boolean' ? 'bool' : Array.isArray(value) ? '[]interface {}' : 'map[string]interface {}';
  throw new DurationError(`Unsupported type: '${goType}'`);
}

/** `OLLAMA_KEEP_ALIVE` as Ollama's envconfig reads it: a Go duration, or else whole seconds. */
export function keepAliveFromEnv(value: string | undefined): number {
  if (value === undefined || value === '') return defaultKeepAliveMs;
  try {
    const ms = parseGoDuration(value);
    return ms < 0 ? FOREVER : ms;
  } catch {
    const seconds = Number.parseInt(value, 10);
    if (Number.isNaN(seconds)) return defaultKeepAliveMs;
    return seconds < 0 ? FOREVER : seconds * 1000;
  }
}

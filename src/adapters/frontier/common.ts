import { providerNames } from '../../../shared/frontier/prices';
import { redactSecrets } from '../../../shared/frontier/redact';
import {
  FrontierError,
  type FrontierErrorKind,
  type FrontierProvider,
  type FrontierRequest,
  type FrontierResult,
  type Secrets,
} from '../../core/index';

/**
 * What both frontier adapters share: retries with backoff that honour the provider's wait, a
 * watchdog for first-byte and between-chunk timeouts, and the translation of HTTP failures into
 * FrontierErrors a user can act on.
 *
 * Why not the SDKs' own retries (both have `maxRetries`): both honour `retry-after` and
 * `retry-after-ms`, but neither caps it (a "retry-after: 3600" would hold a task for an hour),
 * and openai 6.49's wait between retries ignores the AbortSignal, so a cancel during a 30 s
 * back-off would hang for 30 s. So the SDKs run with `maxRetries: 0` and this loop retries.
 */
export interface FrontierAdapterOptions {
  secrets: Secrets;
  /** The provider's API root; the fake servers' URL in tests and in `serve --sim`. */
  baseURL?: string;
  /** Secrets name of the key (default OPENAI_API_KEY / ANTHROPIC_API_KEY). */
  keyName?: string;
  /** Retries after the first attempt, for 408, 409, 429, 5xx and connection failures. Default 2. */
  maxRetries?: number;
  /** First back-off when the provider names no wait; doubles each retry up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A provider asking to wait longer than this is not waited for: the call fails and says so. Default 60 s. */
  maxRetryAfterMs?: number;
  /** From sending to the first byte of the answer. Default 120 s. */
  firstByteTimeoutMs?: number;
  /** Between two chunks of a streamed answer. Default 60 s. */
  idleTimeoutMs?: number;
  /** Injected in tests to see the waits without spending them. */
  sleep?: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
  random?: () => number;
}

export const adapterDefaults = {
  maxRetries: 2,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  firstByteTimeoutMs: 120_000,
  idleTimeoutMs: 60_000,
};

export function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new DOMException('Aborted', 'AbortError'));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new DOMException('Aborted', 'AbortError'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The wait a response asks for: `retry-after-ms`, else `retry-after` in seconds or as an HTTP date. */
export function retryAfterMs(headers: Headers | undefined | null, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '' && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  if (Number.isFinite(Number(value))) return Math.max(0, Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** What the adapters know of a failed HTTP call, whichever SDK raised it. */
export interface HttpFailure {
  status: number | undefined;
  headers: Headers | undefined;
  /** The provider's own message (for example "prompt is too long: 250000 tokens > 200000 maximum"). */
  message: string;
  /** The provider's error code or type ("context_length_exceeded", "insufficient_quota", "overloaded_error"). */
  code: string | null;
  kind: 'http' | 'connection' | 'abort';
}

const isContextTooLong = (f: HttpFailure) =>
  /context_length_exceeded|string_above_max_length/i.test(f.code ?? '') ||
  f.status === 413 ||
  /(context (length|window)|prompt is too long|too many tokens|maximum context|input is too long|exceeds? the (maximum|model'?s?) (context|token))/i.test(
    f.message,
  );

export function isRetryable(f: HttpFailure): boolean {
  if (f.kind === 'connection') return true;
  if (f.kind !== 'http' || f.status === undefined) return false;
  if (f.code === 'insufficient_quota') return false; // OpenAI says 429 for an empty balance: waiting does not help
  return f.status === 408 || f.status === 409 || f.status === 429 || f.status >= 500;
}

interface Describe {
  provider: FrontierProvider;
  model: string;
  keyName: string;
  attempts: number;
}

/** A provider's failure, as a FrontierError that says what happened and what to do. */
export function describeFailure(f: HttpFailure, d: Describe): FrontierError {
  const name = providerNames[d.provider];
  // Some providers echo part of the key ("Incorrect API key provided: sk-proj-****abcd"): the
  // message is redacted before anyone sees it.
  const said = redactSecrets(f.message).text.slice(0, 500);
  const detail = { ...(f.status === undefined ? {} : { status: f.status }), attempts: d.attempts };
  const make = (kind: FrontierErrorKind, message: string, extra: { retryAfterMs?: number } = {}) =>
    new FrontierError(kind, d.provider, message, { ...detail, ...extra });
  const tries = d.attempts > 1 ? ` (after ${d.attempts} attempts)` : '';
  if (f.kind === 'connection')
    return make(
      'network',
      `Could not reach ${name}${tries}: ${said}. Check the network connection; the task can be re-routed to frontier to try again.`,
    );
  const status = f.status ?? 0;
  if (status === 401)
    return make('auth', `The ${name} key was refused (401) — set a new one in Settings / ${d.keyName}.`);
  if (status === 403)
    return make(
      'forbidden',
      `The ${name} key may not use ${d.model} (403: ${said}) — check the key's project and permissions, or set another key in Settings / ${d.keyName}.`,
    );
  if (status === 404)
    return make(
      'model_not_found',
      `${name} has no model "${d.model}" for this key (404: ${said}) — pick another model in Settings / FRONTIER_${d.provider.toUpperCase()}_MODEL.`,
    );
  if (isContextTooLong(f))
    return make(
      'context_too_long',
      `The request is too long for ${d.model}'s context window (${said}) — shorten the task text or compact the context, then re-route it to frontier.`,
    );
  if (f.code === 'insufficient_quota' || status === 402)
    return make(
      'quota',
      `The ${name} account has no credit left (${said}) — add credit in the provider's billing settings, then re-route the task to frontier.`,
    );
  if (status === 429) {
    const wait = retryAfterMs(f.headers);
    const asked = wait === undefined ? '' : ` It asked to wait ${Math.ceil(wait / 1000)} s.`;
    return make(
      'rate_limited',
      `${name} is rate-limiting this key (429)${tries}.${asked} Try again later (re-route the task to frontier).`,
      wait === undefined ? {} : { retryAfterMs: wait },
    );
  }
  if (status >= 500)
    return make(
      'server',
      `${name} had a server error (${status}${f.code ? ` ${f.code}` : ''})${tries}: ${said}. Try again later.`,
    );
  return make('bad_request', `${name} refused the request (${status}: ${said}).`);
}

export interface AttemptContext {
  signal: AbortSignal;
  /** Call on every chunk: it re-arms the watchdog and marks the attempt as having streamed. */
  chunk(): void;
}

/**
 * One call with retries, cancellation and timeouts. `attempt` does one request and streams; it
 * throws whatever its SDK throws, and `toFailure` reads that as an HttpFailure. Once a chunk has
 * arrived an attempt is never retried: tokens were already shown and billed.
 */
export async function callWithRetries(
  request: FrontierRequest,
  describe: Omit<Describe, 'attempts'>,
  options: FrontierAdapterOptions,
  attempt: (ctx: AttemptContext) => Promise<FrontierResult>,
  toFailure: (error: unknown) => HttpFailure,
): Promise<FrontierResult> {
  const o = { ...adapterDefaults, ...stripUndefined(options) };
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  const name = providerNames[describe.provider];
  const wait = (ms: number) =>
    sleep(ms, request.signal).catch(() => {
      throw new FrontierError('aborted', describe.provider, 'Cancelled while waiting to retry.');
    });
  for (let n = 1; ; n++) {
    if (request.signal?.aborted)
      throw new FrontierError('aborted', describe.provider, 'Cancelled before the request was sent.');
    const watchdog = new AbortController();
    let timedOut: 'first-byte' | 'idle' | null = null;
    let streamed = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = (ms: number, which: 'first-byte' | 'idle') => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = which;
        watchdog.abort();
      }, ms);
    };
    const signal = request.signal ? AbortSignal.any([request.signal, watchdog.signal]) : watchdog.signal;
    arm(o.firstByteTimeoutMs, 'first-byte');
    try {
      const result = await attempt({
        signal,
        chunk: () => {
          streamed = true;
          arm(o.idleTimeoutMs, 'idle');
        },
      });
      // The SDKs end a stream quietly when its signal aborts: a cut-off answer must not pass as whole.
      if (signal.aborted) throw new DOMException('Aborted', 'AbortError');
      return result;
    } catch (error) {
      if (error instanceof FrontierError) throw error;
      if (request.signal?.aborted)
        throw new FrontierError(
          'aborted',
          describe.provider,
          streamed ? 'Cancelled while the answer was streaming.' : 'Cancelled.',
        );
      if (timedOut) {
        const waited =
          timedOut === 'first-byte'
            ? `${Math.round(o.firstByteTimeoutMs / 1000)} s for the first byte`
            : `${Math.round(o.idleTimeoutMs / 1000)} s between two chunks`;
        if (!streamed && n <= o.maxRetries) {
          await wait(backoff(n, o, random));
          continue;
        }
        throw new FrontierError(
          'timeout',
          describe.provider,
          `${name} did not answer in time (waited ${waited}${n > 1 ? `, ${n} attempts` : ''}). Try again later, or raise the timeout.`,
          { attempts: n },
        );
      }
      const failure = toFailure(error);
      if (failure.kind === 'abort') throw new FrontierError('aborted', describe.provider, 'Cancelled.');
      if (streamed) {
        throw new FrontierError(
          'stream_broken',
          describe.provider,
          `The ${name} answer broke off partway (${redactSecrets(failure.message).text.slice(0, 300)}). Re-route the task to frontier to ask again.`,
          { attempts: n, ...(failure.status === undefined ? {} : { status: failure.status }) },
        );
      }
      if (!isRetryable(failure) || n > o.maxRetries) throw describeFailure(failure, { ...describe, attempts: n });
      const asked = retryAfterMs(failure.headers);
      if (asked !== undefined && asked > o.maxRetryAfterMs)
        throw describeFailure(failure, { ...describe, attempts: n });
      await wait(asked ?? backoff(n, o, random));
    } finally {
      clearTimeout(timer);
    }
  }
}

function backoff(n: number, o: typeof adapterDefaults, random: () => number): number {
  const ms = Math.min(o.baseDelayMs * 2 ** (n - 1), o.maxDelayMs);
  return Math.round(ms * (1 - random() * 0.25)); // up to 25% jitter, as the SDKs do
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The key, or a FrontierError naming where to set it. */
export async function requireKey(secrets: Secrets, keyName: string, provider: FrontierProvider): Promise<string> {
  const key = await secrets.get(keyName);
  if (!key)
    throw new FrontierError(
      'no_key',
      provider,
      `No ${providerNames[provider]} key is set — add one in Settings / ${keyName}.`,
    );
  return key;
}

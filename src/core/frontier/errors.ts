import type { FrontierProvider } from '../ports';

/**
 * What can go wrong calling a frontier API, in terms a user can act on. Adapters translate the
 * SDKs' errors into these; the core and the dashboard only ever see these. Messages never hold a
 * key, not even the masked one some providers echo back.
 */
export type FrontierErrorKind =
  | 'no_key'
  | 'auth'
  | 'forbidden'
  | 'model_not_found'
  | 'context_too_long'
  | 'rate_limited'
  | 'quota'
  | 'server'
  | 'timeout'
  | 'network'
  | 'bad_request'
  | 'stream_broken'
  | 'aborted';

export class FrontierError extends Error {
  constructor(
    readonly kind: FrontierErrorKind,
    readonly provider: FrontierProvider,
    message: string,
    readonly detail: {
      status?: number;
      /** Tokens the answer had streamed before it broke off (they may be billed). */
      partialText?: string;
      /** How long the provider asked to wait, when it said. */
      retryAfterMs?: number;
      attempts?: number;
    } = {},
  ) {
    super(message);
    this.name = 'FrontierError';
  }
}

export function isFrontierError(error: unknown, kind?: FrontierErrorKind): error is FrontierError {
  return error instanceof FrontierError && (kind === undefined || error.kind === kind);
}

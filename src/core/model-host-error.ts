/**
 * What can go wrong talking to a model host, in terms a user can act on. Adapters translate
 * their transport's errors into these; the core and the UI only ever see these.
 */
export type ModelHostErrorKind =
  | 'unreachable'
  | 'not_found'
  | 'busy'
  | 'timeout'
  | 'stream_error'
  | 'bad_request'
  | 'server_error'
  | 'version_too_old'
  | 'unload_timeout'
  | 'invalid_output'
  | 'aborted';

export class ModelHostError extends Error {
  constructor(
    readonly kind: ModelHostErrorKind,
    message: string,
    readonly detail?: { status?: number; model?: string; cause?: unknown },
  ) {
    super(message);
    this.name = 'ModelHostError';
  }
}

export function isModelHostError(error: unknown, kind?: ModelHostErrorKind): error is ModelHostError {
  return error instanceof ModelHostError && (kind === undefined || error.kind === kind);
}

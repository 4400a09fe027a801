import { z } from 'zod';

/** Every host answers every request with this envelope, over IPC and HTTP alike. */
export const errorSchema = z.object({
  code: z.string(),
  message: z.string(),
});
export type ApiError = z.infer<typeof errorSchema>;

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiError };

export function envelopeSchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: errorSchema }),
  ]);
}

export const ok = <T>(data: T): Envelope<T> => ({ ok: true, data });
export const fail = (code: string, message: string): Envelope<never> => ({
  ok: false,
  error: { code, message },
});

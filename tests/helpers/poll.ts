/**
 * Polls `read` until `ok` holds or `ms` runs out, for tests that watch a real process or socket
 * (virtual-time tests use the core harness instead). A read that throws counts as "not yet"
 * when `tolerateErrors` is set (a server that is still starting or has just died).
 */
export async function until<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  what: string,
  ms = 30_000,
  options: { intervalMs?: number; tolerateErrors?: boolean } = {},
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    let value: T | undefined;
    try {
      value = await read();
    } catch (error) {
      if (!options.tolerateErrors) throw error;
    }
    if (value !== undefined && ok(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(value)?.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 50));
  }
}

import { Ollama } from 'ollama';
import { displayShortest, parseModelName } from '../../../shared/ollama-name';
import { ModelHostError, type LoadedModel, type RunOptions } from '../../core/index';

/**
 * One load, timed and watched through /api/ps.
 *
 * Ollama's load answer (`prompt: ""`, done_reason "load") carries no load_duration, and the
 * request itself waits in the scheduler's queue and for evictions first (server/sched.go
 * processPending). What /api/ps shows is the only outside sign of where the scheduler is: a
 * model leaving (an eviction done) or arriving (another load done) means the queue moved, and
 * the model being loaded is absent until its load returns (sched.go load adds it to `loaded`
 * only then). So the load itself began at the last change /api/ps showed before the answer,
 * and a load is stalled when nothing changes for far longer than a load takes.
 */

/** The name as /api/ps lists it, for comparing names the way Ollama resolves them. */
export const psKey = (name: string) => displayShortest(parseModelName(name)).toLowerCase();

export interface WatchedLoad {
  url: string;
  fetch: typeof fetch;
  model: string;
  run: RunOptions;
  listLoaded(): Promise<LoadedModel[]>;
  /** How often /api/ps is read while the load is under way. */
  watchMs: number;
  /** No change in /api/ps for this long means the load is stalled; null: never. */
  stallMs: number | null;
  /** Called when the load itself (not the queue before it) is seen to begin. */
  onLoadStart?(at: number): void;
}

export interface WatchedResult {
  /** The load itself; 0 when the model was already loaded and nothing had to change. */
  loadDurationMs: number;
  totalDurationMs: number;
  /** A load happened (so its duration says how fast this machine reads models). */
  loaded: boolean;
}

const seconds = (ms: number) =>
  ms >= 120_000 ? `${Math.round(ms / 60_000)} min` : `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

export async function watchedLoad(w: WatchedLoad): Promise<WatchedResult> {
  const key = psKey(w.model);
  const controller = new AbortController();
  const client = new Ollama({
    host: w.url,
    fetch: ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
      w.fetch(input, {
        ...init,
        signal: init?.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal,
      })) as typeof fetch,
  });
  const names = (list: LoadedModel[]) => new Set(list.map((m) => psKey(m.name)));
  let seen: Set<string> | null = await w.listLoaded().then(names, () => null);
  const wasLoaded = seen?.has(key) ?? false;
  const sentAt = Date.now();
  let lastChangeAt = sentAt;
  let stalled = false;
  let finished = false;

  const watch = async () => {
    while (!finished && seen) {
      await new Promise((resolve) => setTimeout(resolve, w.watchMs));
      if (finished) return;
      const now = await w.listLoaded().then(names, () => null);
      if (!now || finished) continue;
      const changed = now.size !== seen.size || [...now].some((n) => !seen!.has(n));
      // Our model arriving is the end of the load, not progress before it.
      if (changed && !(now.has(key) && !seen.has(key))) {
        lastChangeAt = Date.now();
        w.onLoadStart?.(lastChangeAt);
      }
      seen = now;
    }
  };
  const stallTimer =
    w.stallMs === null
      ? null
      : setInterval(
          () => {
            if (Date.now() - lastChangeAt <= w.stallMs!) return;
            stalled = true;
            controller.abort();
          },
          Math.min(w.watchMs, w.stallMs),
        );
  const watching = watch();
  try {
    await client.generate({
      model: w.model,
      prompt: '',
      stream: false,
      keep_alive: w.run.keepAlive ?? -1,
      options: { num_ctx: w.run.numCtx },
    });
    const endedAt = Date.now();
    const changed = lastChangeAt !== sentAt;
    const loaded = !(wasLoaded && !changed);
    return {
      loadDurationMs: loaded ? endedAt - lastChangeAt : 0,
      totalDurationMs: endedAt - sentAt,
      loaded,
    };
  } catch (error) {
    if (!stalled) throw error;
    throw new ModelHostError(
      'timeout',
      `${w.model} did not finish loading: nothing changed in Ollama for ${seconds(w.stallMs!)} (no model left or arrived in /api/ps), so the load looks stalled, and it was cancelled. Check Ollama's server log for llama-server errors and that memory and disk are not exhausted, then try again; if this model is just slow to load here, raise the adapter's loadStallTimeoutMs and Ollama's OLLAMA_LOAD_TIMEOUT.`,
      { model: w.model, cause: error },
    );
  } finally {
    finished = true;
    if (stallTimer) clearInterval(stallTimer);
    // The watcher ends at its next turn; its reads cannot fail the load.
    void watching;
  }
}

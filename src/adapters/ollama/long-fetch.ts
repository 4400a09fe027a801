import { Agent, fetch as undiciFetch } from 'undici';

/**
 * A fetch for Ollama that waits as long as a load takes. Node's fetch gives up after 5 minutes
 * without response headers, and a cold 31 GB planner load can take longer; deadlines are ours
 * to set per call instead (load and unload timeouts), not the transport's.
 */
export function createLongFetch(): typeof fetch {
  const dispatcher = new Agent({ headersTimeout: 0, bodyTimeout: 0, keepAliveTimeout: 10_000 });
  return ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
    undiciFetch(input as never, { ...(init as object), dispatcher } as never)) as unknown as typeof fetch;
}

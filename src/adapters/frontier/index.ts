import type { FrontierClient, Secrets } from '../../core/index';
import { createAnthropicFrontier } from './anthropic';
import type { FrontierAdapterOptions } from './common';
import { createOpenAIFrontier } from './openai';

export { createAnthropicFrontier } from './anthropic';
export { abortableSleep, adapterDefaults, retryAfterMs, type FrontierAdapterOptions } from './common';
export { createOpenAIFrontier } from './openai';

export interface FrontierClientsOptions {
  secrets: Secrets;
  /** The APIs' roots; the real ones (or OPENAI_BASE_URL / ANTHROPIC_BASE_URL) when not given. */
  openaiBaseURL?: string;
  anthropicBaseURL?: string;
  /** Retries, timeouts, back-off: shared by both. */
  adapter?: Omit<FrontierAdapterOptions, 'secrets' | 'baseURL'>;
}

/** Both providers' clients; each reads its key from `secrets` when it is called, never before. */
export function createFrontierClients(options: FrontierClientsOptions): FrontierClient[] {
  const common = { ...options.adapter, secrets: options.secrets };
  return [
    createOpenAIFrontier({ ...common, ...(options.openaiBaseURL ? { baseURL: options.openaiBaseURL } : {}) }),
    createAnthropicFrontier({ ...common, ...(options.anthropicBaseURL ? { baseURL: options.anthropicBaseURL } : {}) }),
  ];
}

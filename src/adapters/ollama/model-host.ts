import { Ollama } from 'ollama';
import type { LoadedModel, ModelHost } from '../../core/ports';

/** The ModelHost port over Ollama's HTTP API, through the official client. */
export function createOllamaModelHost(host: string): ModelHost {
  const client = new Ollama({ host });
  return {
    async version() {
      return (await client.version()).version;
    },
    async listLoaded(): Promise<LoadedModel[]> {
      const { models } = await client.ps();
      return models.map((m) => ({
        name: m.name,
        sizeBytes: m.size,
        expiresAt: m.expires_at ? new Date(m.expires_at).toISOString() : null,
      }));
    },
  };
}

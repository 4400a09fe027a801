import type { Secrets } from '../../core/index';

/**
 * Secrets for the CLI and the headless host: read from environment variables (e.g.
 * OPENAI_API_KEY), held in memory for the process only. The desktop app uses the OS keychain.
 */
export function createEnvSecrets(env: NodeJS.ProcessEnv = process.env): Secrets {
  const held = new Map<string, string>();
  return {
    async get(name) {
      return held.get(name) ?? env[name] ?? null;
    },
    async set(name, value) {
      held.set(name, value);
    },
    async has(name) {
      return held.has(name) || Boolean(env[name]);
    },
  };
}

/** Ollama's default address when OLLAMA_HOST is not set. */
export const defaultOllamaUrl = 'http://127.0.0.1:11434';

/**
 * Normalises OLLAMA_HOST the way Ollama's own client reads it: a bare `host`, `host:port` or a
 * full URL; `0.0.0.0` (a bind address) means this machine.
 */
export function ollamaUrl(raw: string | undefined = process.env['OLLAMA_HOST']): string {
  const value = raw?.trim();
  if (!value) return defaultOllamaUrl;
  const withScheme = /^[a-z]+:\/\//i.test(value) ? value : `http://${value}`;
  const url = new URL(withScheme);
  if (url.hostname === '0.0.0.0') url.hostname = '127.0.0.1';
  if (!url.port && !/^[a-z]+:\/\/[^/]+:\d+/i.test(withScheme)) {
    url.port = url.protocol === 'https:' ? '443' : '11434';
  }
  return url.origin;
}

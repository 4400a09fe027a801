import { describe, expect, it } from 'vitest';
import { ollamaUrl } from '../../../src/adapters/ollama/host-url';

describe('OLLAMA_HOST parsing', () => {
  it.each([
    [undefined, 'http://127.0.0.1:11434'],
    ['', 'http://127.0.0.1:11434'],
    ['127.0.0.1', 'http://127.0.0.1:11434'],
    ['0.0.0.0:11500', 'http://127.0.0.1:11500'],
    ['http://studio.local:11434', 'http://studio.local:11434'],
    ['https://ollama.example.com', 'https://ollama.example.com'],
    ['localhost:8080', 'http://localhost:8080'],
  ])('%s -> %s', (raw, expected) => {
    expect(ollamaUrl(raw)).toBe(expected);
  });
});

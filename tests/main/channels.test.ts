import { describe, expect, it } from 'vitest';
import { dispatch } from '../../shared/dispatch';
import { createCore } from '../../src/core/index';
import type { Secrets } from '../../src/core/ports';
import { fakePorts } from '../helpers/fakes';
import { coreInternals } from '../../src/core/testing';

/** An in-memory Secrets port that records every name it was asked to set. */
function memorySecrets(): Secrets & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    get: async (name) => values.get(name) ?? null,
    set: async (name, value) => void values.set(name, value),
    has: async (name) => values.has(name),
  };
}

const key = 'sk-test-0123456789abcdefghijklmnop';

describe('contract channels the desktop shell added', () => {
  it('queue.pause stops and resumes the scheduler, and says which it is now', async () => {
    const core = createCore(fakePorts());
    const changes: string[] = [];
    core.on('changed', (c) => changes.push(c.reason));
    expect(await dispatch(core.handlers, 'queue.pause', { paused: true })).toEqual({
      ok: true,
      data: { paused: true },
    });
    expect(core.isPaused()).toBe(true);
    expect(coreInternals(core).orchestrator.scheduler.paused).toBe(true);
    expect(await dispatch(core.handlers, 'queue.pause', { paused: false })).toEqual({
      ok: true,
      data: { paused: false },
    });
    expect(core.isPaused()).toBe(false);
    expect(changes).toEqual(['queue.paused', 'queue.resumed']);
    expect(await dispatch(core.handlers, 'queue.pause', { paused: 'yes' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('a paused queue starts no new local work until resumed', async () => {
    const core = createCore(fakePorts());
    await core.start();
    core.setPaused(true);
    const task = await core.handlers['tasks.create']({ text: 'write a unit test' });
    await core.whenIdle();
    expect((await core.handlers['tasks.get']({ id: task.id })).status).toBe('queued');
    core.setPaused(false);
    await core.whenIdle();
    expect((await core.handlers['tasks.get']({ id: task.id })).status).not.toBe('queued');
  });

  it('secrets.set stores the key under its provider name; secrets.status only says whether one is set', async () => {
    const secrets = memorySecrets();
    const core = createCore({ ...fakePorts(), secrets });
    expect(await dispatch(core.handlers, 'secrets.status', {})).toEqual({
      ok: true,
      data: { openai: false, anthropic: false },
    });
    const set = await dispatch(core.handlers, 'secrets.set', { provider: 'anthropic', key: `  ${key}  ` });
    expect(set).toEqual({ ok: true, data: { openai: false, anthropic: true } });
    expect(secrets.values.get('ANTHROPIC_API_KEY')).toBe(key);
    expect(JSON.stringify(set)).not.toContain(key);
  });

  it('refuses a malformed key without quoting it back', async () => {
    const secrets = memorySecrets();
    const core = createCore({ ...fakePorts(), secrets });
    for (const bad of [
      'short',
      'has spaces in the middle of the key 123',
      'ключ-не-ascii-0123456789abcdef',
      'x'.repeat(600),
    ]) {
      const result = await dispatch(core.handlers, 'secrets.set', { provider: 'openai', key: bad });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(JSON.stringify(result)).not.toContain(bad.slice(0, 12));
    }
    expect(await dispatch(core.handlers, 'secrets.set', { provider: 'mistral', key })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(secrets.values.size).toBe(0);
  });
});

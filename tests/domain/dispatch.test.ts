import { describe, expect, it } from 'vitest';
import type { HandlerMap } from '../../shared/contract';
import { ContractError, dispatch } from '../../shared/dispatch';
import { createCore } from '../../src/core/index';
import { fakePorts } from '../helpers/fakes';

const handlers = createCore(fakePorts()).handlers;

describe('dispatch (the one contract for IPC and HTTP)', () => {
  it('answers a valid call with ok:true and schema-valid data', async () => {
    const result = await dispatch(handlers, 'state.get', {});
    expect(result.ok).toBe(true);
  });

  it('rejects an unknown channel', async () => {
    expect(await dispatch(handlers, 'state.delete', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_channel' },
    });
  });

  it('rejects input that does not match the schema and says which field', async () => {
    const result = await dispatch(handlers, 'state.get', { extra: 1 });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!result.ok) expect(result.error.message).toContain('extra');
  });

  it('passes a deliberate handler error through with its code', async () => {
    const failing: HandlerMap = {
      ...handlers,
      'state.get': async () => {
        throw new ContractError('ollama_down', 'Ollama is not running.');
      },
    };
    expect(await dispatch(failing, 'state.get', {})).toEqual({
      ok: false,
      error: { code: 'ollama_down', message: 'Ollama is not running.' },
    });
  });

  it('refuses to answer with data that breaks the output schema', async () => {
    const broken = { 'state.get': async () => ({ agents: 'none' }) } as unknown as HandlerMap;
    expect(await dispatch(broken, 'state.get', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

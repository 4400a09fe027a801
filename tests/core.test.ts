import { describe, expect, it } from 'vitest';
import { createApprovalBroker } from '../src/core/approvals';
import { createCore, defaultRoleModels } from '../src/core/index';
import { fakePorts } from './helpers/fakes';

describe('createCore', () => {
  it('reports each role with its model, IDLE, and loaded as the model host says', async () => {
    const core = createCore(fakePorts([{ name: 'qwen2.5-coder:32b', sizeBytes: 21e9, expiresAt: null }]));
    const state = await core.getState();
    expect(state.agents.map((a) => a.role)).toEqual(['router', 'coder', 'reviewer', 'planner']);
    expect(state.agents.find((a) => a.role === 'coder')).toEqual({
      role: 'coder',
      model: defaultRoleModels.coder,
      lock: 'IDLE',
      loaded: true,
      currentTaskId: null,
    });
    expect(state.agents.find((a) => a.role === 'router')?.loaded).toBe(false);
    expect(state.memory.usedBytes).toBe(21e9);
  });

  it('takes configured model names instead of the defaults', async () => {
    const core = createCore(fakePorts([{ name: 'llama3.1:8b', sizeBytes: 6e9, expiresAt: null }]), {
      models: { router: 'llama3.1:8b' },
    });
    const router = (await core.getState()).agents.find((a) => a.role === 'router');
    expect(router).toMatchObject({ model: 'llama3.1:8b', loaded: true });
  });
});

describe('approval broker', () => {
  it('settles a request exactly once: the first answer wins', async () => {
    const broker = createApprovalBroker(() => 42);
    const decision = broker.ask({ id: 'a1', kind: 'planner', message: 'swap?' });
    expect(broker.pending()).toEqual([{ id: 'a1', kind: 'planner', message: 'swap?', askedAt: 42 }]);
    expect(broker.answer('a1', 'deny')).toBe(true);
    expect(broker.answer('a1', 'approve')).toBe(false);
    await expect(decision).resolves.toBe('deny');
    expect(broker.pending()).toEqual([]);
  });

  it('refuses a second request with the same id while the first waits', async () => {
    const broker = createApprovalBroker(() => 0);
    void broker.ask({ id: 'a1', kind: 'frontier', message: 'send?' });
    await expect(broker.ask({ id: 'a1', kind: 'frontier', message: 'send?' })).rejects.toThrow(/already waiting/);
  });
});

import { describe, expect, it } from 'vitest';
import { createApprovalBroker } from '../../src/core/approvals';
import { createCore } from '../../src/core/index';
import { defaultRoles } from '../../shared/roles';
import { fakePorts } from '../helpers/fakes';

describe('createCore', () => {
  it('reports each role with its model, IDLE, and loaded as the model host said at start', async () => {
    const ports = fakePorts([{ name: 'qwen2.5-coder:32b', sizeBytes: 21e9, expiresAt: null }]);
    const core = createCore(ports);
    await core.start();
    const listed = await ports.modelHost.listLoaded();
    const state = await core.getState();
    expect(state.agents.map((a) => a.role)).toEqual(['router', 'coder', 'reviewer', 'planner']);
    expect(state.agents.find((a) => a.role === 'coder')).toEqual({
      role: 'coder',
      model: defaultRoles.coder.model,
      lock: 'IDLE',
      loaded: true,
      currentTaskId: null,
    });
    for (const agent of state.agents) expect(agent.loaded).toBe(listed.some((m) => m.name === agent.model));
    expect(state.agents.find((a) => a.role === 'planner')?.loaded).toBe(false);
    expect(state.memory.usedBytes).toBe(listed.reduce((sum, m) => sum + m.sizeBytes, 0));
  });

  it('takes configured model names instead of the defaults', async () => {
    const core = createCore(fakePorts([{ name: 'llama3.1:8b', sizeBytes: 6e9, expiresAt: null }]), {
      roles: { ...defaultRoles, router: { ...defaultRoles.router, model: 'llama3.1:8b' } },
    });
    await core.start();
    const router = (await core.getState()).agents.find((a) => a.role === 'router');
    expect(router).toMatchObject({ model: 'llama3.1:8b', loaded: true });
  });
});

describe('reading the state', () => {
  it('never asks the model host: it shows what the core last saw, and the host going away after that', async () => {
    const ports = fakePorts([{ name: defaultRoles.coder.model, sizeBytes: 21e9, expiresAt: null }]);
    let asked = 0;
    const listLoaded = ports.modelHost.listLoaded.bind(ports.modelHost);
    ports.modelHost.listLoaded = () => ((asked += 1), listLoaded());
    const core = createCore(ports);
    const before = await core.getState();
    expect(asked).toBe(0);
    expect(before.ollama).toMatchObject({ reachable: false });
    await core.start();
    const afterStart = asked;
    expect(afterStart).toBeGreaterThan(0);
    for (let i = 0; i < 5; i += 1) await core.getState();
    expect(asked).toBe(afterStart);
    const state = await core.getState();
    expect(state.ollama).toMatchObject({ reachable: true, error: null });
    expect(state.agents.find((a) => a.role === 'coder')?.loaded).toBe(true);
  });
});

describe('approval broker', () => {
  it('settles a request exactly once: the first answer wins', async () => {
    const broker = createApprovalBroker(() => 42);
    const said = { key: 'planner.warning' } as const;
    const decision = broker.ask({ id: 'a1', kind: 'planner', message: 'swap?', said });
    expect(broker.pending()).toEqual([{ id: 'a1', kind: 'planner', message: 'swap?', said, askedAt: 42 }]);
    expect(broker.answer('a1', 'deny')).toBe(true);
    expect(broker.answer('a1', 'approve')).toBe(false);
    await expect(decision).resolves.toBe('deny');
    expect(broker.pending()).toEqual([]);
  });

  it('refuses a second request with the same id while the first waits', async () => {
    const broker = createApprovalBroker(() => 0);
    const request = { id: 'a1', kind: 'frontier', message: 'send?', said: { key: 'engine.frontierAsk' } } as const;
    void broker.ask(request);
    await expect(broker.ask(request)).rejects.toThrow(/already waiting/);
  });
});

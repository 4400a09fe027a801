import type { AppState, ApprovalView } from '../../shared/domain';
import type { Swap } from '../../shared/swap';

/** A state as the core reports it, with the parts the desktop shell reads set by the test. */
export function appState(patch: Partial<AppState> = {}): AppState {
  const base = {
    agents: [
      { role: 'router', model: 'qwen2.5:7b', lock: 'IDLE', loaded: true, currentTaskId: null },
      { role: 'coder', model: 'qwen2.5-coder:32b', lock: 'IDLE', loaded: true, currentTaskId: null },
      { role: 'reviewer', model: 'qwen2.5:14b', lock: 'IDLE', loaded: true, currentTaskId: null },
      { role: 'planner', model: 'jamba-mini:52b', lock: 'IDLE', loaded: false, currentTaskId: null },
    ],
    queue: [],
    approvals: [],
    swap: null,
    memory: { budgetBytes: 51.5e9, usedBytes: 31.2e9, models: [] },
    simulated: false,
    ollama: { url: 'http://127.0.0.1:11434', reachable: true, error: null },
  };
  // spend and escalation are the dashboard's; the shell never reads them.
  return { ...base, ...patch } as unknown as AppState;
}

export const plannerApproval: ApprovalView = {
  id: 'approval-swap-1',
  kind: 'planner',
  status: 'pending',
  message: 'WARNING …',
  said: { key: 'planner.warning' },
  askedAt: 1,
  taskIds: ['task-a'],
  planner: {
    warningKo: '[WARNING: 52B Planner 소환이 필요합니다. 상주 모델이 언마운트됩니다. 승인하시겠습니까?]',
    warningEn: 'WARNING: the 52B Planner must be summoned. The resident models will be unloaded. Approve?',
    plannerModel: 'jamba-mini:52b',
    unloadModels: ['qwen2.5-coder:32b', 'qwen2.5:14b'],
    memoryUnknown: false,
    freesBytes: 31_200_000_000,
    expectedSwapSeconds: 17,
    expectedRestoreSeconds: 6,
    plannerWarm: false,
    typicalPlanningSeconds: null,
  },
};

export function swapIn(state: Swap['state']): Swap {
  return {
    id: 'swap-1',
    state,
    taskIds: ['task-a'],
    evict: ['coder', 'reviewer'],
    unloading: null,
    approvalId: 'approval-swap-1',
    snapshotVersion: 3,
    startedAt: 0,
    enteredAt: { [state]: 0 },
    error: null,
    progress: null,
  };
}

import { create } from 'zustand';
import type { AppState } from '../../../../shared/domain';
import { call } from '../api/client';

interface StateSlice {
  state: AppState | null;
  error: string | null;
  refresh(): Promise<void>;
}

export const useAppState = create<StateSlice>((set) => ({
  state: null,
  error: null,
  async refresh() {
    try {
      set({ state: await call('state.get', {}), error: null });
    } catch (error) {
      set({ error: error instanceof Error ? error.message : String(error) });
    }
  },
}));

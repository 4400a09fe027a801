export {
  defaultFakeAnswer,
  fakeTokens,
  startFakeFrontier,
  type FakeFrontierOptions,
  type FakeFrontierServer,
  type FakeProvider,
  type FrontierFault,
  type RecordedRequest,
} from './server';

import { startFakeFrontier, type FakeFrontierOptions, type FakeFrontierServer } from './server';

/** Stand-in keys for the fake servers: never a real key, so `--sim` needs none and leaks none. */
export const simFrontierKeys = {
  OPENAI_API_KEY: 'sk-sim-openai-not-a-real-key',
  ANTHROPIC_API_KEY: 'sk-ant-sim-not-a-real-key',
} as const;

export interface FrontierSim {
  openai: FakeFrontierServer;
  anthropic: FakeFrontierServer;
  keys: typeof simFrontierKeys;
  close(): Promise<void>;
}

/** Both fake APIs, for `serve --sim` and the desktop demo: the whole frontier flow without keys or network. */
export async function startFrontierSim(options: FakeFrontierOptions = {}): Promise<FrontierSim> {
  const openai = await startFakeFrontier('openai', { ...options, acceptKey: simFrontierKeys.OPENAI_API_KEY });
  const anthropic = await startFakeFrontier('anthropic', {
    ...options,
    acceptKey: simFrontierKeys.ANTHROPIC_API_KEY,
  }).catch(async (error: unknown) => {
    await openai.close();
    throw error;
  });
  return {
    openai,
    anthropic,
    keys: simFrontierKeys,
    close: async () => {
      await Promise.all([openai.close(), anthropic.close()]);
    },
  };
}

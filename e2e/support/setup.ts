import { mkdir } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser';
import { shots } from './page';
import { serveSim, type Served } from './serve';

export interface ServedBrowser {
  browser: Browser;
  served: Served;
}

/** A test file's host on the simulator and its Chromium: started before its tests, stopped after. */
export function useServedBrowser(): ServedBrowser {
  const env = {} as ServedBrowser;
  beforeAll(async () => {
    await mkdir(shots, { recursive: true });
    env.served = await serveSim();
    env.browser = await launchChromium();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.served?.stop();
  });
  return env;
}

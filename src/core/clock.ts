import type { Clock } from './ports';

export const systemClock: Clock = {
  now: () => Date.now(),
  // Unref'd: a pending wait (an approval's 15-minute expiry) must not keep a stopping process
  // alive; whatever serves the user (the HTTP server, the Electron app) keeps it running.
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref()),
};

import * as electron from 'electron';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main, type DesktopApp } from './app';
import { electronFacade } from './electron-facade';

// The only module that touches the real `electron`. Everything else takes the facade, so this
// bundle also loads under plain Node (with a stand-in `electron`) for the build's smoke test.
export { main, electronFacade };
export type { DesktopApp };

export function start(argv: readonly string[] = process.argv): Promise<DesktopApp | null> {
  return main(electronFacade(electron), { argv, env: process.env, appDir: dirname(fileURLToPath(import.meta.url)) });
}

if (process.versions['electron']) {
  start().catch((error: unknown) => {
    process.stderr.write(
      `frontier-sos: the desktop app could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    electron.app.exit(1);
  });
}

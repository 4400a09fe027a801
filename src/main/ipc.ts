import { invokeChannel } from '../../shared/bridge';
import type { HandlerMap } from '../../shared/contract';
import { dispatch } from '../../shared/dispatch';
import { fail } from '../../shared/envelope';
import type { IpcMainInvokeEventLike, IpcMainLike } from './facade';

/**
 * Registers the shared contract on the one generic IPC channel. Calls from any frame that is not
 * our own dashboard are refused before their input is even looked at.
 */
export function registerIpc(
  ipcMain: IpcMainLike,
  handlers: HandlerMap,
  isTrustedSender: (url: string) => boolean,
): () => void {
  ipcMain.handle(invokeChannel, async (event: IpcMainInvokeEventLike, channel: unknown, input: unknown) => {
    const url = event.senderFrame?.url ?? '';
    if (!isTrustedSender(url)) return fail('forbidden_sender', 'This request did not come from the Frontier SOS dashboard.');
    if (typeof channel !== 'string') return fail('unknown_channel', 'The channel name must be a string.');
    return dispatch(handlers, channel, input);
  });
  return () => ipcMain.removeHandler(invokeChannel);
}

/** The dashboard is loaded from the packaged file or, in development, electron-vite's dev server. */
export function trustedSender(rendererUrl: string): (url: string) => boolean {
  const expected = new URL(rendererUrl);
  return (url) => {
    try {
      const actual = new URL(url);
      if (expected.protocol === 'file:') return actual.protocol === 'file:' && actual.pathname === expected.pathname;
      return actual.origin === expected.origin;
    } catch {
      return false;
    }
  };
}

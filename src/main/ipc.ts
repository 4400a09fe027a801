import { invokeChannel } from '../../shared/bridge';
import { hostChannelNames, type ChannelName, type ContractHandlers } from '../../shared/contract';
import { dispatch } from '../../shared/dispatch';
import { fail } from '../../shared/envelope';
import type { IpcMainInvokeEventLike, IpcMainLike } from './facade';

/**
 * Registers the shared contract on the one generic IPC channel. Calls from any frame that is not
 * our own dashboard's top frame are refused before their input is even looked at; the input is
 * then validated with the channel's zod schema (`dispatch`), and every answer is an envelope.
 */
export function registerIpc(
  ipcMain: IpcMainLike,
  handlers: ContractHandlers,
  isTrustedSender: (url: string) => boolean,
): () => void {
  ipcMain.handle(invokeChannel, async (event: IpcMainInvokeEventLike, channel: unknown, input: unknown) => {
    const frame = event.senderFrame;
    // A subframe (were one ever let in) must not borrow the dashboard's rights.
    const topFrame = frame !== null && (frame.parent === undefined || frame.parent === null);
    if (!frame || !topFrame || !isTrustedSender(frame.url)) {
      return fail('forbidden_sender', 'This request did not come from the Frontier SOS dashboard.');
    }
    if (typeof channel !== 'string') return fail('unknown_channel', 'The channel name must be a string.');
    return dispatch(handlers, channel, input);
  });
  return () => ipcMain.removeHandler(invokeChannel);
}

/** The dashboard is loaded from app://dashboard or, in development, electron-vite's dev server. */
export function trustedSender(rendererUrl: string): (url: string) => boolean {
  const expected = new URL(rendererUrl);
  return (url) => {
    try {
      const actual = new URL(url);
      if (expected.protocol === 'file:') return actual.protocol === 'file:' && actual.pathname === expected.pathname;
      // A custom scheme's origin reads "null" in URL: compare the scheme and the host.
      return actual.protocol === expected.protocol && actual.host === expected.host;
    } catch {
      return false; // the decision itself: a frame whose URL does not parse is nobody we trust
    }
  };
}

/**
 * Channels that answer at once, even while the engine is still starting: those that only read,
 * and the host's own (the language), which do not touch the engine at all.
 */
const atOnce: ReadonlySet<ChannelName> = new Set<ChannelName>([
  ...hostChannelNames,
  'state.get',
  'tasks.get',
  'files.read',
  'tasks.result',
  'snapshots.list',
  'snapshots.get',
  'swaps.recent',
  'settings.get',
  'secrets.status',
]);

/**
 * The window opens before the engine has replayed its journal and loaded the residents (that can
 * take half a minute), so requests that change something wait until it has started.
 */
export function untilStarted(handlers: ContractHandlers, started: Promise<unknown>): ContractHandlers {
  const gated = Object.fromEntries(
    (Object.keys(handlers) as ChannelName[]).map((name) => {
      const handler = handlers[name] as (input: unknown) => Promise<unknown>;
      return [name, atOnce.has(name) ? handler : async (input: unknown) => (await started, handler(input))];
    }),
  );
  return gated as ContractHandlers;
}

import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { eventChannel, invokeChannel, type FrontierBridge } from '../../shared/bridge';
import { channelNames, events } from '../../shared/contract';

// The bridge exposes two functions and nothing else: no ipcRenderer, no Node, no Electron event
// objects. Channel and event names are checked here too, so a compromised page cannot reach
// anything outside the contract; the main process checks the sender and the input again.
const channels: ReadonlySet<string> = new Set(channelNames);

const bridge: FrontierBridge = Object.freeze({
  invoke(channel, input) {
    if (typeof channel !== 'string' || !channels.has(channel))
      return Promise.reject(new Error(`Unknown channel ${String(channel)}`));
    return ipcRenderer.invoke(invokeChannel, channel, input);
  },
  on(event, listener) {
    if (typeof event !== 'string' || !Object.hasOwn(events, event)) throw new Error(`Unknown event ${String(event)}`);
    if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
    // Only the event's name and payload reach the page, never the IpcRendererEvent (it holds `sender`).
    const wrapped = (_e: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload as never);
    };
    ipcRenderer.on(eventChannel, wrapped);
    return () => void ipcRenderer.removeListener(eventChannel, wrapped);
  },
} satisfies FrontierBridge);

contextBridge.exposeInMainWorld('frontierSos', bridge);

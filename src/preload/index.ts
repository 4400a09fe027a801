import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { eventChannel, invokeChannel, type FrontierBridge } from '../../shared/bridge';
import { channelNames, events } from '../../shared/contract';

// The bridge exposes two functions and nothing else: no ipcRenderer, no Node. Channel names are
// checked here too, so a compromised page cannot reach anything outside the contract.
const bridge: FrontierBridge = {
  invoke(channel, input) {
    if (!channelNames.includes(channel)) return Promise.reject(new Error(`Unknown channel ${String(channel)}`));
    return ipcRenderer.invoke(invokeChannel, channel, input);
  },
  on(event, listener) {
    if (!Object.hasOwn(events, event)) throw new Error(`Unknown event ${String(event)}`);
    const wrapped = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload as never);
    };
    ipcRenderer.on(eventChannel, wrapped);
    return () => ipcRenderer.removeListener(eventChannel, wrapped);
  },
};

contextBridge.exposeInMainWorld('frontierSos', bridge);

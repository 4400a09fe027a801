import { describe, expect, it } from 'vitest';
import { invokeChannel } from '../shared/bridge';
import { createCore } from '../src/core/index';
import type { IpcMainInvokeEventLike, IpcMainLike } from '../src/main/facade';
import { registerIpc, trustedSender } from '../src/main/ipc';
import { dashboardWindowOptions } from '../src/main/window-options';
import { fakePorts } from './helpers/fakes';

function fakeIpcMain() {
  const handlers = new Map<string, (event: IpcMainInvokeEventLike, ...args: unknown[]) => unknown>();
  const ipc: IpcMainLike = {
    handle: (channel, listener) => void handlers.set(channel, listener),
    removeHandler: (channel) => void handlers.delete(channel),
  };
  return { ipc, handlers };
}

const rendererUrl = 'file:///Applications/Frontier%20SOS.app/Contents/Resources/app/out/renderer/index.html';

describe('main-process IPC', () => {
  const setup = () => {
    const { ipc, handlers } = fakeIpcMain();
    const dispose = registerIpc(ipc, createCore(fakePorts()).handlers, trustedSender(rendererUrl));
    const invoke = handlers.get(invokeChannel)!;
    return { invoke, dispose, handlers };
  };

  it('answers the dashboard through the one generic channel', async () => {
    const { invoke } = setup();
    const result = (await invoke({ senderFrame: { url: rendererUrl } }, 'state.get', {})) as { ok: boolean };
    expect(result.ok).toBe(true);
  });

  it('refuses a foreign sender before looking at its input', async () => {
    const { invoke } = setup();
    for (const url of ['https://evil.example/', 'file:///tmp/other.html', '']) {
      expect(await invoke({ senderFrame: { url } }, 'state.get', {})).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    }
    expect(await invoke({ senderFrame: null }, 'state.get', {})).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
  });

  it('rejects invalid input and unknown channels', async () => {
    const { invoke } = setup();
    expect(await invoke({ senderFrame: { url: rendererUrl } }, 'state.get', { x: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await invoke({ senderFrame: { url: rendererUrl } }, 42, {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('trusts the dev server by origin', () => {
    const trusted = trustedSender('http://localhost:5173/');
    expect(trusted('http://localhost:5173/index.html')).toBe(true);
    expect(trusted('http://localhost:5174/')).toBe(false);
  });

  it('unregisters on dispose', () => {
    const { dispose, handlers } = setup();
    dispose();
    expect(handlers.has(invokeChannel)).toBe(false);
  });

  it('opens the window with every hardening switch on', () => {
    const { webPreferences } = dashboardWindowOptions('/app/out/preload/index.cjs');
    expect(webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
  });
});

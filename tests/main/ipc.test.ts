import { describe, expect, it } from 'vitest';
import { invokeChannel } from '../../shared/bridge';
import { createCore } from '../../src/core/index';
import { hostHandlers, memoryLocaleOwner } from '../../src/compose/host-channels';
import type { IpcMainInvokeEventLike, IpcMainLike } from '../../src/main/facade';
import { registerIpc, trustedSender, untilStarted } from '../../src/main/ipc';
import { dashboardWindowOptions } from '../../src/main/window-options';
import { fakePorts } from '../helpers/fakes';

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
    const dispose = registerIpc(
      ipc,
      hostHandlers(createCore(fakePorts()).handlers, memoryLocaleOwner()),
      trustedSender(rendererUrl),
    );
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
      expect(await invoke({ senderFrame: { url } }, 'state.get', {})).toMatchObject({
        ok: false,
        error: { code: 'forbidden_sender' },
      });
    }
    expect(await invoke({ senderFrame: null }, 'state.get', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
  });

  it("refuses a subframe, even one loaded from the dashboard's own file", async () => {
    const { invoke } = setup();
    expect(
      await invoke({ senderFrame: { url: rendererUrl, parent: { url: rendererUrl } } }, 'state.get', {}),
    ).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(await invoke({ senderFrame: { url: rendererUrl, parent: null } }, 'state.get', {})).toMatchObject({
      ok: true,
    });
  });

  it('rejects invalid input and unknown channels', async () => {
    const { invoke } = setup();
    expect(await invoke({ senderFrame: { url: rendererUrl } }, 'state.get', { x: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await invoke({ senderFrame: { url: rendererUrl } }, 42, {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_channel' },
    });
  });

  it('refuses a malformed API key without echoing it, and never returns a key', async () => {
    const { invoke } = setup();
    const answer = await invoke({ senderFrame: { url: rendererUrl } }, 'secrets.set', {
      provider: 'openai',
      key: 'sk-has a space-0123456789',
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(JSON.stringify(answer)).not.toContain('sk-has');
  });

  it('holds requests that change something until the engine has started; reads and the language answer at once', async () => {
    let start!: () => void;
    const started = new Promise<void>((resolve) => (start = resolve));
    const core = createCore(fakePorts());
    const handlers = hostHandlers(core.handlers, memoryLocaleOwner());
    const gated = untilStarted(handlers, started);
    expect(Object.keys(gated).sort()).toEqual(Object.keys(handlers).sort());
    expect((await gated['state.get']({})).agents).toHaveLength(4);
    // The language is the host's own: it does not wait for the engine.
    expect(await gated['locale.set']({ setting: 'ko' })).toEqual({ setting: 'ko' });
    expect(await gated['locale.get']({})).toEqual({ setting: 'ko' });
    let paused: boolean | null = null;
    const pausing = gated['queue.pause']({ paused: true }).then((r) => (paused = r.paused));
    await Promise.resolve();
    expect(paused).toBeNull();
    start();
    await pausing;
    expect(paused).toBe(true);
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
    expect(webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/app/out/preload/index.cjs',
    });
  });
});

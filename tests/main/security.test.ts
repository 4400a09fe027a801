import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, guardWebContents, hardenSession, isSafeExternalUrl } from '../../src/main/security';
import { FakeWebContents, fakeElectron, preventable, settle } from '../helpers/main-fake-electron';

describe('Content-Security-Policy', () => {
  it('lets the dashboard load only its own scripts and connect nowhere', () => {
    const csp = contentSecurityPolicy();
    for (const directive of [
      "default-src 'none'",
      "script-src 'self'",
      "connect-src 'none'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-src 'none'",
      "form-action 'none'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/);
  });

  it('allows the dev server its hot-reload socket, and nothing else more', () => {
    expect(contentSecurityPolicy({ devServerOrigin: 'http://localhost:5173' })).toContain(
      "connect-src 'self' ws://localhost:5173",
    );
  });

  it('is also in the built page itself (defense in depth with the response header)', () => {
    expect(readFileSync('src/renderer/index.html', 'utf8')).toContain("script-src 'self'");
  });

  it('is set on every response of the session, replacing any other, and every permission is denied', () => {
    const electron = fakeElectron();
    hardenSession(electron.session, 'default-src none');
    let headers: Record<string, string[]> | undefined;
    electron.session.headers!(
      { url: 'file:///x', responseHeaders: { 'content-security-policy': ['*'], 'X-Other': ['1'] } },
      (r) => (headers = r.responseHeaders),
    );
    expect(headers).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': ['default-src none'] });
    let granted: boolean | null = null;
    electron.session.permissionRequest!({}, 'media', (g) => (granted = g));
    expect(granted).toBe(false);
    expect(electron.session.permissionCheck!({}, 'notifications')).toBe(false);
  });
});

describe('external links', () => {
  it.each([
    ['https://ollama.com/library', true],
    ['https://docs.anthropic.com/en/api', true],
    ['http://ollama.com', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['https://user:pw@example.com/', false],
    ['https://localhost:11434/', false],
    ['https://127.0.0.1/', false],
    ['https://[::1]/', false],
    ['https://intranet/', false],
    ['https://example.com/\nx', false],
    [`https://example.com/${'a'.repeat(3000)}`, false],
    ['not a url', false],
  ])('%s → %s', (url, safe) => {
    expect(isSafeExternalUrl(url)).toBe(safe);
  });
});

describe('web contents guards', () => {
  const guarded = (openExternal?: (url: string) => Promise<void>) => {
    const contents = new FakeWebContents();
    const opened: string[] = [];
    const lines: string[] = [];
    guardWebContents(contents, openExternal ?? (async (url) => void opened.push(url)), (l) => void lines.push(l));
    return { contents, opened, lines };
  };

  it('blocks every navigation; a checked https link opens in the browser instead', async () => {
    const { contents, opened } = guarded();
    for (const url of ['https://ollama.com/', 'http://evil.example/', 'file:///etc/hosts']) {
      const event = preventable();
      contents.emit('will-navigate', event, url);
      expect(event.prevented).toBe(true);
    }
    for (const name of ['will-redirect', 'will-frame-navigate']) {
      const event = preventable();
      contents.emit(name, event, 'https://example.com/');
      expect(event.prevented).toBe(true);
    }
    await settle();
    expect(opened).toEqual(['https://ollama.com/']);
  });

  it('denies window.open, opening only safe https links externally', async () => {
    const { contents, opened } = guarded();
    expect(contents.openHandler!({ url: 'https://github.com/ollama/ollama' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'http://github.com/' })).toEqual({ action: 'deny' });
    await settle();
    expect(opened).toEqual(['https://github.com/ollama/ollama']);
  });

  it('says when the browser did not open a link, instead of dropping it', async () => {
    const { contents, lines } = guarded(async () => {
      throw new Error('no default browser');
    });
    contents.emit('will-navigate', preventable(), 'https://ollama.com/');
    await settle();
    expect(lines).toEqual(['frontier-sos: the browser did not open https://ollama.com/: no default browser']);
  });

  it('refuses <webview>', () => {
    const { contents } = guarded();
    const event = preventable();
    contents.emit('will-attach-webview', event);
    expect(event.prevented).toBe(true);
  });
});

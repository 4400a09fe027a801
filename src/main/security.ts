import type { PreventableEvent, SessionLike, WebContentsLike } from './facade';

/**
 * The dashboard's Content-Security-Policy in the desktop app. Stricter than the page's own meta
 * tag: in Electron the page talks to the host over IPC only, so it may connect nowhere. The dev
 * server (electron-vite) needs its websocket for hot reload, and nothing more.
 */
export function contentSecurityPolicy(options: { devServerOrigin?: string | null } = {}): string {
  const dev = options.devServerOrigin ?? null;
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    dev ? `connect-src 'self' ${dev.replace(/^http/, 'ws')}` : "connect-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Links the dashboard may hand to the system browser: https only, a real host name, no
 * credentials in the URL, nothing oversized. Everything else is dropped.
 */
export function isSafeExternalUrl(raw: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (typeof raw !== 'string' || raw.length > 2048 || /[\s\u0000-\u001f\u007f]/.test(raw)) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false; // the decision itself: what does not parse is not a link to open
  }
  if (url.protocol !== 'https:' || url.username || url.password) return false;
  const host = url.hostname;
  // Loopback and bare IPs are where local services (Ollama, the headless host) live: not for links.
  if (host === 'localhost' || host.endsWith('.localhost') || /^[\d.]+$/.test(host) || host.startsWith('['))
    return false;
  return host.includes('.');
}

/**
 * Every web contents the app creates: no navigation away from the dashboard, no new windows (an
 * https link opens in the system browser after the check above), no <webview>.
 */
export function guardWebContents(
  contents: WebContentsLike,
  openExternal: (url: string) => Promise<void>,
  log: (line: string) => void,
): void {
  const block = (event: PreventableEvent) => event.preventDefault();
  const openIfSafe = (url: string) => {
    if (isSafeExternalUrl(url))
      openExternal(url).catch((error: unknown) =>
        log(`frontier-sos: the browser did not open ${url}: ${error instanceof Error ? error.message : String(error)}`),
      );
  };
  // A clicked link navigates the page: it stays put, and a checked https link opens in the browser.
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openIfSafe(url);
  });
  contents.on('will-redirect', block);
  contents.on('will-frame-navigate', block);
  contents.on('will-attach-webview', block);
  contents.setWindowOpenHandler(({ url }) => {
    openIfSafe(url);
    return { action: 'deny' };
  });
}

/**
 * The session behind the dashboard: the CSP set as a response header too (defense in depth with
 * the page's meta tag), and every permission request (camera, notifications, geolocation…) denied.
 */
export function hardenSession(session: SessionLike, csp: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(
        ([name]) => name.toLowerCase() !== 'content-security-policy',
      ),
    );
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

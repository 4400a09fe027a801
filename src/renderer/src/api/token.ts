/**
 * The headless host's per-run token, as the browser dashboard holds it. The URL `serve` prints
 * carries it once (`/?token=…`); the page keeps it in sessionStorage (this tab, this origin: a
 * server on another port cannot read it), takes it out of the address bar and sends it as an
 * `Authorization` header. No cookie: a cookie would go to every server on 127.0.0.1, whatever its port.
 */
const key = 'frontier-sos.token';
let token: string | null | undefined;

export function hostToken(): string | null {
  if (token !== undefined) return token;
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  try {
    if (fromUrl) sessionStorage.setItem(key, fromUrl);
    token = fromUrl ?? sessionStorage.getItem(key);
  } catch {
    // Storage refused (a locked-down profile): the token lives as long as the page.
    token = fromUrl;
  }
  if (fromUrl) {
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
  }
  return token;
}

import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, join, normalize, relative } from 'node:path';
import { dashboardContentTypes } from '../../shared/content-types';

/**
 * The packaged dashboard is served from `app://dashboard/…`, a custom standard, secure scheme,
 * instead of `file://`: a file:// page may read any file its path can name, and Electron's extra
 * file:// privileges stay off (the GrantFileProtocolExtraPrivileges fuse, electron-builder.yml).
 * Only files inside the built renderer folder are served; anything else is 404.
 */
export const appScheme = 'app';
export const appHost = 'dashboard';
export const appIndexUrl = `${appScheme}://${appHost}/index.html`;

const contentTypes = dashboardContentTypes;

/** The file an app:// URL names inside `rendererDir`, or null (another host, a path that climbs out). */
export function appFileFor(url: string, rendererDir: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null; // the decision itself: no file for a URL that does not parse (a 404)
  }
  if (parsed.protocol !== `${appScheme}:` || parsed.host !== appHost) return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null; // the decision itself: malformed percent-encoding names no file (a 404)
  }
  const file = normalize(join(rendererDir, path === '/' ? 'index.html' : path));
  const rel = relative(rendererDir, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
  return file;
}

/** The handler Electron's protocol.handle calls for every app:// request. */
export function appProtocolHandler(rendererDir: string, csp: string): (request: { url: string }) => Promise<Response> {
  return async (request) => {
    const file = appFileFor(request.url, rendererDir);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
          'content-security-policy': csp,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Response('Not found', { status: 404 });
      throw error;
    }
  };
}

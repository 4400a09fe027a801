import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// `npm test` runs `npm run build` first; these check what it produced is what the hosts load.
describe('build output', () => {
  it('has main, a CommonJS preload (sandbox needs it), the renderer and the CLI', () => {
    for (const file of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'out/cli/index.mjs']) {
      expect(existsSync(file), file).toBe(true);
    }
    const preload = readFileSync('out/preload/index.cjs', 'utf8');
    expect(preload).toContain('require("electron")');
    expect(preload).toContain('exposeInMainWorld');
  });

  it('ships the dashboard with a Content-Security-Policy', () => {
    const html = readFileSync('out/renderer/index.html', 'utf8');
    expect(html).toContain('Content-Security-Policy');
    // As strict as the hosts' headers allow in a meta tag (frame-ancestors only works as a header):
    // nothing by default, no plugins, no base, no forms, no frames; connect only to its own host.
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)![1]!;
    for (const directive of [
      "default-src 'none'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-src 'none'",
      "script-src 'self'",
      "connect-src 'self'",
    ])
      expect(meta).toContain(directive);
  });
});

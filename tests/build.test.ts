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
    expect(readFileSync('out/renderer/index.html', 'utf8')).toContain('Content-Security-Policy');
  });
});

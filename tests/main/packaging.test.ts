import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The macOS build itself runs only on a Mac (`npm run dist`); here we check that what it reads
// is in place and says what the README promises.
describe('macOS packaging config', () => {
  const config = readFileSync('electron-builder.yml', 'utf8');
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
    scripts: Record<string, string>;
    devDependencies: Record<string, string>;
    main: string;
  };

  it('builds a hardened-runtime arm64 app from the built bundles, with the app icon and entitlements', () => {
    for (const line of [
      'appId: dev.frontiersos.desktop',
      'productName: Frontier SOS',
      'hardenedRuntime: true',
      'category: public.app-category.developer-tools',
      'icon: resources/icon.png',
      'entitlements: resources/entitlements.mac.plist',
      'arch: [arm64]',
      'npmRebuild: false',
    ]) {
      expect(config).toContain(line);
    }
    expect(config).toContain('- out/main/**');
    expect(pkg.main).toBe('./out/main/index.js');
    expect(pkg.scripts['dist']).toBe('npm run build && electron-builder --mac --arm64 --publish never');
    expect(pkg.devDependencies['electron-builder']).toBeDefined();
  });

  it('asks for no more than V8 needs', () => {
    const entitlements = readFileSync('resources/entitlements.mac.plist', 'utf8');
    const keys = [...entitlements.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1]);
    expect(keys).toEqual(['com.apple.security.cs.allow-jit', 'com.apple.security.cs.allow-unsigned-executable-memory']);
  });

  it('has a 1024×1024 app icon for the .icns', () => {
    const png = readFileSync('resources/icon.png');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024]);
  });

  it('flips the Electron fuses: no run-as-node, NODE_OPTIONS or inspect; asar-only with integrity; no file:// privileges', () => {
    const fuses = /electronFuses:\n((?: {2}\w+: (?:true|false)\n)+)/.exec(config)?.[1] ?? '';
    const set = Object.fromEntries([...fuses.matchAll(/ {2}(\w+): (true|false)/g)].map((m) => [m[1], m[2] === 'true']));
    expect(set).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});

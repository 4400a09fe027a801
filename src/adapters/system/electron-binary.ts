import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface ElectronFinding {
  /** The electron npm package is present (it always is after `npm ci`). */
  packageInstalled: boolean;
  /** The platform binary its install script downloads; absent until that script has run. */
  binaryPath: string | null;
  packageDir: string | null;
}

/**
 * The electron package's install script writes `path.txt` and unpacks `dist/` when it downloads
 * the binary. We deny that script in package.json (it cannot succeed without the network), so the
 * binary is fetched lazily by `npm start` where it can be; this says whether that has happened.
 */
export function findElectronBinary(fromDir: string = process.cwd()): ElectronFinding {
  let packageDir: string;
  try {
    const require = createRequire(join(fromDir, 'noop.js'));
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { packageInstalled: false, binaryPath: null, packageDir: null };
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return { packageInstalled: true, binaryPath: null, packageDir };
  const binaryPath = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return {
    packageInstalled: true,
    binaryPath: existsSync(binaryPath) ? binaryPath : null,
    packageDir,
  };
}

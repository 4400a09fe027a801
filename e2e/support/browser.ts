import { chromium, type Browser } from 'playwright-core';
import { chromiumInstallHint, findChromium } from '../../src/adapters/system/chromium';

/**
 * Launches the machine's Chromium (Debian's, the user's, or Playwright's cache); nothing is
 * downloaded. A missing browser fails the suite with the way to install one.
 */
export async function launchChromium(): Promise<Browser> {
  const found = findChromium();
  if (!found.path) {
    throw new Error(
      `The e2e tests need Chromium and none was found (looked in: ${found.searched.join(', ')}). ${chromiumInstallHint}`,
    );
  }
  return chromium.launch({
    executablePath: found.path,
    headless: true,
    // Without these, Chromium tries Google's services at start; this box (and many CI boxes) has no route there.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

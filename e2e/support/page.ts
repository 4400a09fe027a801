import type { Browser, BrowserContext, Page } from 'playwright-core';

export const shots = 'test-results/screenshots';

export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** Page errors and console errors seen so far: a test ends by expecting none. */
  errors: string[];
}

/** A fresh browser context (locale, colour scheme) whose page errors are collected. */
export async function openPage(
  browser: Browser,
  options: { locale?: string; colorScheme?: 'light' | 'dark'; width?: number; height?: number } = {},
): Promise<WatchedPage> {
  const context = await browser.newContext({
    locale: options.locale ?? 'en-US',
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  return { context, page, errors };
}

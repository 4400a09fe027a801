import { mkdir } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { serve, type Served } from './support/serve';

const shots = 'test-results/screenshots';
let browser: Browser;
let served: Served;

beforeAll(async () => {
  await mkdir(shots, { recursive: true });
  // Point at a port where no Ollama runs: the dashboard must still come up and say what it knows.
  served = await serve([], { OLLAMA_HOST: '127.0.0.1:9' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('dashboard in Chromium', () => {
  it('follows a Korean system locale, lists the agents, and switches to English', async () => {
    const context = await browser.newContext({ locale: 'ko-KR' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });

    await page.goto(served.dashboardUrl);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Frontier SOS');
    await page.getByText('로컬 모델 팀 컨트롤 센터').waitFor();
    await page.locator('li.agent[data-role="coder"]').waitFor();
    expect(await page.locator('li.agent').count()).toBe(4);
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');
    await page.screenshot({ path: `${shots}/dashboard-ko.png`, fullPage: true });

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('Control center for your local model team').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.screenshot({ path: `${shots}/dashboard-en.png`, fullPage: true });

    // The choice is remembered across a reload.
    await page.reload();
    await page.getByText('Control center for your local model team').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows nothing of the app without the token', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(served.dashboardUrl.replace(/\?token=.*/, ''));
    expect(response?.status()).toBe(401);
    await context.close();
  });
});

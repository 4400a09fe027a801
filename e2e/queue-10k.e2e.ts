import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { writeTaskJournal } from './support/journal';
import { openPage, shots } from './support/page';
import { serveSim, type Served } from './support/serve';

// 10,000 tasks from the journal: the queue shows them all, yet only the rows in view exist.
let browser: Browser;
let served: Served;

beforeAll(async () => {
  await mkdir(shots, { recursive: true });
  const workspace = await mkdtemp(join(tmpdir(), 'fsos-e2e-10k-'));
  await writeTaskJournal(workspace, 10_000);
  served = await serveSim({ workspace });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('the queue with 10,000 tasks', () => {
  it('is virtualised: a few dozen rows in the page, every task reachable by scrolling', async () => {
    const { context, page, errors } = await openPage(browser, { locale: 'en-US' });
    await page.goto(`${served.dashboardUrl}#/queue`);
    const list = page.locator('.queue-scroll[data-rows="10000"]');
    await list.waitFor({ timeout: 30_000 });
    expect(await page.locator('.filters button[data-filter="all"]').textContent()).toContain('10,000');
    const rows = await page.locator('li.queue-row').count();
    expect(rows).toBeGreaterThan(5);
    expect(rows).toBeLessThan(60);
    // Newest first: the first journalled task is the last row.
    await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await page.locator('li.queue-row[data-task-id="task-bench-0000"]').waitFor();
    expect(await page.locator('li.queue-row[aria-setsize="10000"]').count()).toBeLessThan(60);
    await page.screenshot({ path: `${shots}/queue-10k-en.png` });

    // Filters narrow the list; a new task appears at the top.
    await page.locator('.filters button[data-filter="finished"]').click();
    await page.locator('.queue-scroll[data-rows="10000"]').waitFor();
    await page.locator('.filters button[data-filter="all"]').click();
    await served.api('/api/tasks', {
      method: 'POST',
      body: JSON.stringify({ text: 'Write a unit test for the CSV exporter' }),
    });
    await page.locator('.queue-scroll[data-rows="10001"]').waitFor({ timeout: 15_000 });
    expect(errors).toEqual([]);
    await context.close();
  });
});

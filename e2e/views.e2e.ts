import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AppState } from '../shared/domain';
import type { Task } from '../shared/tasks';
import { openPage, shots } from './support/page';
import { useServedBrowser } from './support/setup';

// Every view against a live host on the simulator: tasks, the task page, re-route and cancel,
// two planner swaps (so there are two snapshots to diff), and a screenshot of each main view in
// English/light and Korean/dark.
const env = useServedBrowser();

const mainViews = ['overview', 'queue', 'memory', 'swap', 'snapshots', 'blueprint', 'spend', 'settings'] as const;

async function show(page: Page, view: string): Promise<void> {
  await page.locator(`nav a[data-view="${view}"]`).click();
  await page.locator(`.view[data-view="${view}"]`).waitFor();
}

async function fileTask(page: Page, text: string): Promise<string> {
  const box = page.locator('#new-task-text');
  await box.fill(text);
  await page.getByRole('button', { name: /Send task|작업 보내기/ }).click();
  await expect.poll(() => box.inputValue()).toBe('');
  const decision = page.locator('.route-decision .decision');
  await expect.poll(async () => (await decision.getAttribute('data-task-id')) ?? '').not.toBe('');
  // The decision under the form is the newest task's.
  const state = await env.served.api<AppState>('/api/state');
  const newest = state.queue.at(-1)!;
  await page.locator(`.route-decision .decision[data-task-id="${newest.id}"]`).waitFor();
  return newest.id;
}

async function plannerSwap(text: string): Promise<void> {
  const task = await env.served.api<Task>('/api/tasks', { method: 'POST', body: JSON.stringify({ text }) });
  expect(task.route).toBe('planner');
  const approvalId = await expect
    .poll(
      async () =>
        (await env.served.api<AppState>('/api/state')).approvals.find((a) => a.status === 'pending')?.id ?? '',
      { timeout: 30_000 },
    )
    .not.toBe('')
    .then(async () => (await env.served.api<AppState>('/api/state')).approvals.find((a) => a.status === 'pending')!.id);
  await env.served.api(`/api/approvals/${approvalId}`, {
    method: 'POST',
    body: JSON.stringify({ decision: 'approve' }),
  });
  await expect
    .poll(async () => (await env.served.api<Task>(`/api/tasks/${task.id}`)).status, { timeout: 60_000 })
    .toBe('done');
  await expect.poll(async () => (await env.served.api<AppState>('/api/state')).swap, { timeout: 60_000 }).toBeNull();
}

describe('dashboard views', () => {
  it('runs a local task end to end on its task page, and files a "still broken" follow-up', async () => {
    const { context, page, errors } = await openPage(env.browser, { locale: 'en-US' });
    await page.goto(env.served.dashboardUrl);
    await page.locator('[data-stream="open"]').waitFor();
    const id = await fileTask(page, 'Write a unit test for the date parser');
    const decision = page.locator(`.route-decision .decision[data-task-id="${id}"]`);
    expect(await decision.getAttribute('data-route')).toBe('local');
    expect(await decision.getAttribute('data-rule')).toBe('routine');

    await page.getByRole('link', { name: 'Open task' }).click();
    const taskPage = page.locator(`.task-page[data-task-id="${id}"]`);
    await taskPage.waitFor();
    await page.locator(`.task-page[data-task-id="${id}"][data-status="done"]`).waitFor({ timeout: 30_000 });
    // Streamed on this page: the Coder's answer and the Reviewer's review; then the file.
    await taskPage.locator('figure.stream[data-role="coder"] pre').waitFor();
    await taskPage.locator('figure.stream[data-role="reviewer"] pre').waitFor();
    await expect
      .poll(() => taskPage.locator('.result-file').textContent(), { timeout: 15_000 })
      .toContain('Review (Reviewer');
    await page.screenshot({ path: `${shots}/task-en.png`, fullPage: true });

    await page.getByLabel('What is still broken? (optional)').fill('The same test still fails on leap years.');
    await page.getByRole('button', { name: 'Still broken' }).click();
    await expect.poll(() => page.locator('.task-page').getAttribute('data-task-id')).not.toBe(id);
    const followUpId = (await page.locator('.task-page').getAttribute('data-task-id'))!;
    const followUp = await env.served.api<Task>(`/api/tasks/${followUpId}`);
    expect(followUp.failedAttempts).toBe(1);
    const origin = await env.served.api<Task>(`/api/tasks/${id}`);
    expect(followUp.problemId).toBe(origin.problemId);
    await page.getByText('Failed attempts on this problem: 1').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('re-routes and cancels from the queue', async () => {
    const { context, page, errors } = await openPage(env.browser, { locale: 'en-US' });
    await page.goto(env.served.dashboardUrl);
    await page.locator('[data-stream="open"]').waitFor();
    // Frontier work waits (no frontier connection yet), so it stays put for the actions below.
    const first = await fileTask(page, 'Migrate our app to React 20: the breaking changes released in 2026');
    const second = await fileTask(page, 'Upgrade to Next.js 16 and fix the breaking changes in its new caching API');
    await show(page, 'queue');
    await page.locator('.filters button[data-filter="waiting"]').click();
    const row = (id: string) => page.locator(`li.queue-row[data-task-id="${id}"]`);
    await row(first).waitFor();
    expect(await row(first).getAttribute('data-route')).toBe('frontier');
    await page.screenshot({ path: `${shots}/queue-waiting-en.png` });

    await row(first).getByRole('button', { name: 'Re-route to Local' }).click();
    await expect.poll(async () => (await env.served.api<Task>(`/api/tasks/${first}`)).route).toBe('local');
    await row(second)
      .getByRole('button', { name: `Cancel task ${second}` })
      .click();
    await expect.poll(async () => (await env.served.api<Task>(`/api/tasks/${second}`)).status).toBe('failed');
    await page.locator('.filters button[data-filter="all"]').click();
    await page.locator(`li.queue-row[data-task-id="${second}"][data-status="failed"]`).waitFor();
    await expect
      .poll(async () => (await env.served.api<Task>(`/api/tasks/${first}`)).status, { timeout: 30_000 })
      .toBe('done');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows two snapshot versions side by side after two planner swaps', async () => {
    await plannerSwap('Design the whole architecture of a brand-new billing system');
    await plannerSwap('Design the whole architecture of a brand-new notification platform from scratch');
    const { context, page, errors } = await openPage(env.browser, { locale: 'en-US' });
    await page.goto(env.served.dashboardUrl);
    await show(page, 'snapshots');
    const diff = page.locator('.diff[data-from="1"][data-to="2"][data-file="currentTask"]');
    await diff.waitFor();
    expect(await diff.locator('tr.diff-added').count()).toBeGreaterThan(0);
    await page.getByLabel('temp_context.md').check();
    await page.locator('.diff[data-file="tempContext"]').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('has every main view in English/light and Korean/dark, and remembers the theme', async () => {
    for (const [locale, colorScheme, tag] of [
      ['en-US', 'light', 'en-light'],
      ['ko-KR', 'dark', 'ko-dark'],
    ] as const) {
      const { context, page, errors } = await openPage(env.browser, { locale, colorScheme });
      await page.goto(env.served.dashboardUrl);
      await page.locator('[data-stream="open"]').waitFor();
      for (const view of mainViews) {
        await show(page, view);
        if (view === 'memory') {
          await page.locator('.memory-chart canvas').waitFor();
          // The chart opens with what the engine's monitor recorded before this page came.
          const samples = page.locator('.memory-chart [data-samples]');
          const atHand = Number(await samples.getAttribute('data-samples'));
          const fromEngine = await env.served.api<{ points: Array<{ at: number }> }>('/api/memory/history', {
            method: 'POST',
            body: JSON.stringify({ rangeMs: 3600_000, maxPoints: 720 }),
          });
          expect(fromEngine.points.length).toBeGreaterThan(1);
          await expect.poll(async () => Number(await samples.getAttribute('data-samples'))).toBeGreaterThan(1);
          expect(Number(await samples.getAttribute('data-samples'))).toBeGreaterThanOrEqual(atHand);
        }
        if (view === 'swap') await page.locator('.swap[data-swap-state="done"]').waitFor();
        if (view === 'snapshots') await page.locator('.diff').waitFor();
        if (view === 'blueprint') await page.locator('aside.action-items').first().waitFor();
        if (view === 'settings') {
          await page.locator('table.roles tr[data-role="planner"]').waitFor();
          // The simulator's stand-in keys count as set; the page only ever learns that much.
          await page.locator('form.key-form[data-provider="openai"] [data-key-set="true"]').waitFor();
          expect(await page.locator('form.key-form input[type="password"]').first().inputValue()).toBe('');
        }
        await page.screenshot({ path: `${shots}/${view}-${tag}.png`, fullPage: true });
      }
      expect(errors).toEqual([]);
      await context.close();
    }

    // The toggle overrides the system colours and is remembered.
    const { context, page } = await openPage(env.browser, { locale: 'en-US', colorScheme: 'light' });
    await page.goto(env.served.dashboardUrl);
    await page.getByRole('button', { name: 'Switch to the dark theme' }).click();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await page.reload();
    await page.getByRole('button', { name: 'Switch to the light theme' }).waitFor();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await context.close();
  });

  it('can be used from the keyboard: Tab to the task box, Enter files the task', async () => {
    const { context, page, errors } = await openPage(env.browser, { locale: 'en-US' });
    await page.goto(env.served.dashboardUrl);
    await page.locator('#new-task-text').waitFor();
    for (let i = 0; i < 40; i += 1) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate('document.activeElement?.id')) === 'new-task-text') break;
    }
    expect(await page.evaluate('document.activeElement?.id')).toBe('new-task-text');
    const before = (await env.served.api<AppState>('/api/state')).queue.length;
    await page.keyboard.type('Summarise the last error log of the build');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await env.served.api<AppState>('/api/state')).queue.length).toBe(before + 1);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('role settings', () => {
  it('checks a new planner against the memory plan and saves it for the next start', async () => {
    const { context, page, errors } = await openPage(env.browser, { locale: 'en-US' });
    await page.goto(env.served.dashboardUrl);
    await show(page, 'settings');
    const planner = page.getByRole('textbox', { name: 'Planner model' });
    await planner.fill('qwen2.5:32b');
    await page.getByRole('spinbutton', { name: 'Planner num_ctx' }).fill('8192');
    await page.getByRole('button', { name: 'Check the memory plan' }).click();
    const summary = page.locator('.roles-editor [data-plan-fits]');
    await summary.waitFor();
    expect(await summary.getAttribute('data-plan-fits')).toBe('true');
    expect(await summary.textContent()).toContain('A planner swap unloads: Coder.');
    // Too much context for the Coder and the Reviewer (Ollama caps it at their trained 32768): the
    // plan says so and nothing is saved.
    await page.getByRole('spinbutton', { name: 'Coder num_ctx' }).fill('32768');
    await page.getByRole('spinbutton', { name: 'Reviewer num_ctx' }).fill('32768');
    await page.getByRole('button', { name: 'Save for the next start' }).click();
    await page.locator('.roles-editor [role="alert"]').waitFor();
    expect(await page.locator('.roles-editor [role="alert"]').textContent()).toContain('Not saved: the residents');
    await page.getByRole('spinbutton', { name: 'Coder num_ctx' }).fill('8192');
    await page.getByRole('spinbutton', { name: 'Reviewer num_ctx' }).fill('8192');
    await page.getByRole('button', { name: 'Save for the next start' }).click();
    await page.locator('.roles-editor [data-saved="true"]').waitFor();
    const saved = JSON.parse(await readFile(join(env.served.workspace, '.frontier-sos', 'settings.json'), 'utf8')) as {
      roles: Record<string, { model: string }>;
    };
    expect(saved.roles['planner']?.model).toBe('qwen2.5:32b');
    await page.screenshot({ path: `${shots}/settings-roles-en.png`, fullPage: true });
    // The refused save is a 400 from the host, which Chromium logs; nothing else went wrong.
    expect(errors.filter((e) => !/the server responded with a status of 400/.test(e))).toEqual([]);
    expect(errors.length).toBeLessThanOrEqual(1);
    await context.close();
  });
});

describe('frontier approvals', () => {
  it('shows what a frontier call would send and cost, and can be denied', async () => {
    const { context, page, errors } = await openPage(env.browser, { locale: 'en-US' });
    await page.goto(env.served.dashboardUrl);
    await page.locator('[data-stream="open"]').waitFor();
    const text = 'Migrate our billing service to Next.js 16 and fix the breaking changes in its new caching API';
    const id = await fileTask(page, text);
    const task = await env.served.api<Task>(`/api/tasks/${id}`);
    expect(task.route).toBe('frontier');
    // The engine asks about one frontier call at a time: wait for this task's approval.
    const approvalId = await expect
      .poll(
        async () =>
          (await env.served.api<AppState>('/api/state')).approvals.find(
            (a) => a.kind === 'frontier' && a.status === 'pending' && a.taskIds.includes(id),
          )?.id ?? '',
        { timeout: 30_000 },
      )
      .not.toBe('')
      .then(async () =>
        (await env.served.api<AppState>('/api/state')).approvals.find(
          (a) => a.kind === 'frontier' && a.status === 'pending' && a.taskIds.includes(id),
        )!,
      );
    const card = page.locator(`.approvals-pending li.approval[data-approval-id="${approvalId.id}"]`);
    await card.waitFor();
    // Exactly what leaves the machine is on the card, and it is the one the engine will send.
    const outgoing = (await card.locator('pre[data-outgoing]').textContent()) ?? '';
    expect(outgoing).toBe(approvalId.outgoing);
    expect(outgoing).toContain('Next.js 16');
    expect(await card.locator('[data-estimated-cost]').textContent()).toContain('$');
    await page.screenshot({ path: `${shots}/approval-frontier-en.png`, fullPage: true });
    await card.getByRole('button', { name: 'Deny' }).click();
    await expect
      .poll(async () => (await env.served.api<Task>(`/api/tasks/${id}`)).status, { timeout: 30_000 })
      .toBe('denied');
    await card.waitFor({ state: 'detached' });
    await show(page, 'spend');
    await page.locator('.spend table tr[data-provider="openai"]').waitFor();
    await page.screenshot({ path: `${shots}/spend-en.png`, fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});

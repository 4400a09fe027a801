import { describe, expect, it } from 'vitest';
import { openPage, shots } from './support/page';
import { serve } from './support/serve';
import { useServedBrowser } from './support/setup';
import { startSim } from './support/sim';

const env = useServedBrowser();

describe('dashboard in Chromium', () => {
  it('follows a Korean system locale, lists the agents, and switches to English', async () => {
    const { context, page, errors } = await openPage(env.browser, { locale: 'ko-KR' });
    await page.goto(env.served.dashboardUrl);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Frontier SOS');
    await page.getByText('로컬 모델 팀 컨트롤 센터').waitFor();
    await page.locator('li.agent[data-role="coder"]').waitFor();
    expect(await page.locator('li.agent').count()).toBe(4);
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');
    // The empty queue says what to do.
    await page.getByText('아직 작업이 없습니다. 위에 작업을 설명해 주세요.').waitFor();
    await page.screenshot({ path: `${shots}/dashboard-ko.png`, fullPage: true });

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('Control center for your local model team').waitFor();
    await page.getByText('No tasks yet — describe one above.').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.screenshot({ path: `${shots}/dashboard-en.png`, fullPage: true });

    // The choice is the host's (locale.set): remembered across a reload, and a fresh page on a
    // Korean system, with nothing stored, shows it too.
    await page.reload();
    await page.getByText('Control center for your local model team').waitFor();
    expect(await env.served.api('/api/locale')).toEqual({ setting: 'en' });
    const fresh = await openPage(env.browser, { locale: 'ko-KR' });
    await fresh.page.goto(env.served.dashboardUrl);
    await fresh.page.getByText('Control center for your local model team').waitFor();
    // Another tab hears a change at once (locale.changed).
    await fresh.page.getByRole('button', { name: '한국어' }).click();
    await page.getByText('로컬 모델 팀 컨트롤 센터').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');
    // Back to following the system, for the tests after this one.
    await env.served.api('/api/locale', { method: 'POST', body: JSON.stringify({ setting: 'system' }) });
    expect(errors).toEqual([]);
    expect(fresh.errors).toEqual([]);
    await fresh.context.close();
    await context.close();
  });

  it('shows nothing of the app without the token, and says how to get in', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    let refused = 0;
    page.on('response', (r) => {
      if (r.url().includes('/api/') && r.status() === 401) refused++;
    });
    await page.goto(env.served.dashboardUrl.replace(/\?token=.*/, ''));
    await page.locator('[data-needs-token]').waitFor();
    expect(await page.locator('[data-needs-token]').textContent()).toContain('?token=');
    expect(await page.locator('.queue, [data-stream]').count()).toBe(0);
    expect(refused).toBe(0); // it does not even ask
    await context.close();
  });

  it('keeps working after a reload once the token has left the address bar', async () => {
    const { context, page, errors } = await openPage(env.browser);
    await page.goto(env.served.dashboardUrl);
    await page.locator('[data-stream="open"]').waitFor();
    expect(page.url()).not.toContain('token=');
    await page.reload();
    await page.locator('[data-stream="open"]').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says when Ollama is gone and what to do, and when the live stream drops', async () => {
    // An Ollama of its own (the simulator as a separate process) that can be made to vanish.
    const ollama = await startSim();
    const host = await serve(['--ollama', ollama.url]);
    const { context, page } = await openPage(env.browser, { locale: 'en-US' });
    try {
      await page.goto(host.dashboardUrl);
      await page.locator('[data-stream="open"]').waitFor();
      expect(await page.locator('.badge.simulated').count()).toBe(0);
      await ollama.kill();
      await page.reload();
      const banner = page.locator('[data-ollama="unreachable"]');
      await banner.waitFor();
      expect(await banner.textContent()).toContain('ollama serve');
      await page.screenshot({ path: `${shots}/ollama-unreachable-en.png`, fullPage: true });

      await host.stop();
      await page.locator('[data-stream-banner="reconnecting"]').waitFor();
      await page.locator('[data-stream="reconnecting"]').waitFor();
      await page.screenshot({ path: `${shots}/stream-reconnecting-en.png` });
    } finally {
      await context.close();
      await ollama.kill();
      await host.stop();
    }
  });
});

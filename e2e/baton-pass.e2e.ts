import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppState } from '../shared/domain';
import { openPage, shots } from './support/page';
import { useServedBrowser } from './support/setup';

// The acceptance scenario of issue #8: a Korean user files a whole-new-system design task in the
// dashboard, sees the planner warning, approves it, and watches the baton pass to the end.
const env = useServedBrowser();

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

describe('the baton pass from the dashboard (ko-KR)', () => {
  it('files a planner task, shows the Korean warning, approves, and the residents come back', async () => {
    const { context, page, errors } = await openPage(env.browser, { locale: 'ko-KR' });
    await page.goto(env.served.dashboardUrl);
    await page.getByText('로컬 모델 팀 컨트롤 센터').waitFor();
    await page.locator('.badge.simulated').waitFor();
    await page.locator('[data-stream="open"]').waitFor();
    await page.locator('li.agent[data-role="coder"][data-loaded="true"]').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');

    // `route --no-llm` sends this text to the planner (rule new-architecture).
    const box = page.getByRole('textbox', { name: '작업 설명' });
    await box.fill('새로운 멀티테넌트 결제 시스템의 전체 아키텍처를 처음부터 설계해 주세요');
    await box.press('Enter');

    const decision = page.locator('.route-decision .decision');
    await decision.waitFor();
    expect(await decision.getAttribute('data-route')).toBe('planner');
    expect(await decision.getAttribute('data-rule')).toBe('new-architecture');

    // The warning, word for word, and a pending planner approval in the API.
    const card = page.locator('.approvals-pending li.approval[data-kind="planner"][data-status="pending"]');
    await card.waitFor();
    await expect.poll(() => card.locator('p.warning').textContent()).toContain('52B Planner 소환이 필요합니다');
    expect(await card.locator('p.warning').textContent()).toBe(
      '[WARNING: 52B Planner 소환이 필요합니다. 상주 모델이 언마운트됩니다. 승인하시겠습니까?]',
    );
    const state = await env.served.api<AppState>('/api/state');
    const approval = state.approvals.find((a) => a.kind === 'planner' && a.status === 'pending');
    expect(approval?.planner?.unloadModels.length).toBeGreaterThan(0);
    expect(await card.textContent()).toContain(approval!.planner!.unloadModels[0]!);
    // Rule 2: the snapshot is on disk before anyone is asked.
    expect(await exists(join(env.served.workspace, 'shared', 'current_task.json'))).toBe(true);
    await page.locator('.swap[data-swap-state="awaiting_approval"]').waitFor();
    // Why the task waits: the engine writes English, the dashboard shows it in Korean.
    const waiting = page.locator('.route-decision .waiting-for span');
    await expect.poll(() => waiting.textContent()).toBe('승인을 기다리는 중');
    expect(await waiting.getAttribute('title')).toBe('Waiting for your approval');
    await page.screenshot({ path: `${shots}/approval-ko.png`, fullPage: true });

    await card.getByRole('button', { name: '승인' }).click();

    // Within a minute at 1/50 time: blueprint written, swap over, Coder loaded again.
    await expect
      .poll(
        async () => {
          const s = await env.served.api<AppState>('/api/state');
          const coder = s.agents.find((a) => a.role === 'coder');
          return (
            s.swap === null &&
            coder?.loaded === true &&
            (await exists(join(env.served.workspace, 'shared', 'blueprint.md')))
          );
        },
        { timeout: 60_000, interval: 250 },
      )
      .toBe(true);
    await page.locator('.approvals-pending').waitFor({ state: 'detached' });
    await page.locator('li.agent[data-role="coder"][data-loaded="true"]').waitFor();
    await page.locator('li.agent[data-role="planner"][data-loaded="false"]').waitFor();

    // The baton pass view shows every step done.
    await page.getByRole('link', { name: '바톤 패스' }).click();
    await page.locator('.swap[data-swap-state="done"]').waitFor();
    expect(await page.locator('.swap li.step[data-status="done"]').count()).toBe(8);
    await page.screenshot({ path: `${shots}/swap-done-ko.png`, fullPage: true });

    // The blueprint view shows the file with its action items set apart.
    await page.getByRole('link', { name: '블루프린트' }).click();
    const actions = page.locator('aside.action-items');
    await actions.waitFor();
    expect(await actions.locator('li').count()).toBe(5);
    await page.screenshot({ path: `${shots}/blueprint-ko.png`, fullPage: true });

    expect(errors).toEqual([]);
    await context.close();
  });
});

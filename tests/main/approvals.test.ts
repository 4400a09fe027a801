import { describe, expect, it } from 'vitest';
import { say } from '../../shared/engine-message';
import { createApprovalBroker } from '../../src/core/approvals';
import type { ApprovalDecision } from '../../src/core/ports';
import {
  answerFor,
  approvalDialogOptions,
  approvalNotificationOptions,
  decisionFromAction,
  decisionFromResponse,
} from '../../src/main/approval-dialog';
import { ApprovalPrompts, approvalView } from '../../src/main/approval-prompts';
import { FakeWindow, fakeElectron, findItem, settle } from '../helpers/main-fake-electron';
import { plannerApproval } from '../helpers/main-state';
import { trayMenuTemplate, type TrayActions } from '../../src/main/tray-menu';
import { appState } from '../helpers/main-state';

const warningKo = '[WARNING: 52B Planner 소환이 필요합니다. 상주 모델이 언마운트됩니다. 승인하시겠습니까?]';
const warningEn = 'WARNING: the 52B Planner must be summoned. The resident models will be unloaded. Approve?';

describe('approval dialog options', () => {
  it('Korean: the exact warning, the models, the memory, the time; Deny is default and Escape', () => {
    expect(approvalDialogOptions(plannerApproval, 'ko')).toEqual({
      type: 'warning',
      title: 'Frontier SOS: 승인이 필요합니다',
      message: warningKo,
      detail: [
        '언로드할 모델: qwen2.5-coder:32b, qwen2.5:14b',
        '적재할 모델: jamba-mini:52b',
        '확보되는 메모리: 31.2 GB',
        '예상 교대 시간: 약 17초 (11.4–25.5초, 처음 적재: 디스크에서 읽음)',
        '상주 모델 복귀: 약 6초',
        'Planner 작업 시간: 아직 모름(기록 없음)',
        '대상 작업: task-a',
      ].join('\n'),
      buttons: ['승인', '거부'],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
    });
  });

  it('English: the exact warning and the same numbers', () => {
    const options = approvalDialogOptions(plannerApproval, 'en');
    expect(options.message).toBe(warningEn);
    expect(options.detail).toBe(
      [
        'Models to unload: qwen2.5-coder:32b, qwen2.5:14b',
        'Model to load: jamba-mini:52b',
        'Memory freed: 31.2 GB',
        'Expected swap time: about 17 s (11.4–25.5 s, first load today: read from disk)',
        'Residents back: about 6 s',
        'Planner working time: unknown yet (no history)',
        'For tasks: task-a',
      ].join('\n'),
    );
    expect(options.buttons).toEqual(['Approve', 'Deny']);
    expect(options.buttons[options.defaultId]).toBe('Deny');
    expect(options.buttons[options.cancelId]).toBe('Deny');
  });

  it('a frontier approval: the warning, provider, model, cost at most, and the outgoing text exactly', () => {
    const frontier = {
      ...plannerApproval,
      id: 'approval-f',
      kind: 'frontier' as const,
      planner: null,
      provider: 'openai' as const,
      model: 'gpt-4o',
      estimatedCostUsd: 0.0042,
      outgoing: 'Fix this:\nTypeError at [REDACTED:aws-key]',
    };
    expect(approvalDialogOptions(frontier, 'en')).toMatchObject({
      message: '[Frontier call: the text below will be sent to an outside API exactly as shown. Approve?]',
      detail: [
        'Provider: openai',
        'Model: gpt-4o',
        'Estimated cost (at most): $0.0042',
        'For tasks: task-a',
        '',
        'Text that leaves this machine (exactly as sent):',
        'Fix this:\nTypeError at [REDACTED:aws-key]',
      ].join('\n'),
      defaultId: 1,
      cancelId: 1,
    });
    const long = approvalDialogOptions({ ...frontier, outgoing: 'x'.repeat(1600) }, 'ko');
    expect(long.message).toBe('[프론티어 호출 승인: 아래 텍스트가 그대로 외부 API로 전송됩니다. 승인하시겠습니까?]');
    expect(
      long.detail.endsWith(`${'x'.repeat(1500)}\n… (뒤로 100자 더 있습니다. 전체는 대시보드에서 볼 수 있습니다)`),
    ).toBe(true);
    expect(approvalNotificationOptions(frontier, 'en', 'linux')).toEqual({
      title: 'Approval needed: frontier call',
      body: 'openai gpt-4o, ≤ $0.0042',
    });
  });

  it("a frontier approval without its detail falls back to its message, in the user's language", () => {
    const approval = {
      ...plannerApproval,
      kind: 'frontier' as const,
      planner: null,
      message: 'English text for the API',
      said: say('engine.frontierAsk', { provider: 'OpenAI', model: 'gpt-4o', cost: '$0.01' }),
    };
    const options = approvalDialogOptions(approval, 'en');
    expect(options.message).toBe('Approve a call to a frontier model? The text below leaves this Mac.');
    expect(options.detail).toBe(
      '[Frontier call: the text below will be sent to OpenAI gpt-4o, at most $0.01. Approve?]',
    );
    expect(approvalDialogOptions(approval, 'ko').detail).toBe(
      '[프론티어 호출 승인: 아래 텍스트가 OpenAI gpt-4o로 전송됩니다. 예상 비용 최대 $0.01. 승인하시겠습니까?]',
    );
    expect(approvalNotificationOptions(approval, 'ko', 'linux').body).toBe(
      '[프론티어 호출 승인: 아래 텍스트가 OpenAI gpt-4o로 전송됩니다. 예상 비용 최대 $0.01. 승인하시겠습니까?]',
    );
  });

  it('maps the buttons to decisions; a box closed from code answers nothing', () => {
    expect(decisionFromResponse(0, false)).toBe('approve');
    expect(decisionFromResponse(1, false)).toBe('deny');
    expect(decisionFromResponse(7, false)).toBe('deny');
    expect(decisionFromResponse(1, true)).toBeNull();
    expect(decisionFromResponse(0, true)).toBeNull();
    expect(decisionFromAction(0)).toBe('approve');
    expect(decisionFromAction(1)).toBe('deny');
    expect(decisionFromAction(undefined)).toBeNull();
  });

  it('the notification names the swap; on macOS it has Approve / Deny buttons', () => {
    const mac = approvalNotificationOptions(plannerApproval, 'en', 'darwin');
    expect(mac).toEqual({
      title: 'Approval needed: summon the Planner',
      body: 'Unloads qwen2.5-coder:32b, qwen2.5:14b, frees 31.2 GB, about 17 s. Click to open.',
      actions: [
        { type: 'button', text: 'Approve' },
        { type: 'button', text: 'Deny' },
      ],
    });
    expect(approvalNotificationOptions(plannerApproval, 'ko', 'linux')).toEqual({
      title: '승인이 필요합니다: 플래너 소환',
      body: 'qwen2.5-coder:32b, qwen2.5:14b 언로드, 31.2 GB 확보, 약 17초. 눌러서 열기.',
    });
  });
});

/** The broker, the prompts and a dashboard window, wired as the app wires them. */
function setup(options: { notifications?: boolean; dialogFails?: boolean } = {}) {
  const electron = fakeElectron({ platform: 'darwin', ...options });
  const lines: string[] = [];
  const broker = createApprovalBroker(() => 0);
  const window = new FakeWindow({
    width: 1,
    height: 1,
    minWidth: 1,
    minHeight: 1,
    show: false,
    title: '',
    webPreferences: {},
  });
  let opened = 0;
  const prompts = new ApprovalPrompts({
    platform: 'darwin',
    locale: () => 'en',
    showMessageBox: (parent, o) =>
      options.dialogFails ? Promise.reject(new Error('no sheet today')) : electron.showMessageBox(parent, o),
    notificationsSupported: () => electron.notificationsSupported(),
    createNotification: (o) => electron.createNotification(o),
    openDashboard: async () => {
      opened += 1;
      window.show();
      return window;
    },
    answer: async (id, decision) => broker.answer(id, decision === 'deny' ? 'deny' : 'approve'),
    log: (line) => void lines.push(line),
  });
  const sync = () => prompts.sync(broker.pending().map(approvalView));
  broker.onChange(sync);
  const { planner } = plannerApproval;
  const ask = () =>
    broker.ask({
      id: plannerApproval.id,
      kind: 'planner',
      message: plannerApproval.message,
      said: plannerApproval.said,
      planner: { ...planner!, taskIds: ['task-a'] },
    });
  // The dashboard answers through the approvals.answer channel, i.e. the same broker.
  const dashboard = (decision: 'approve' | 'deny') => broker.answer(plannerApproval.id, decision);
  const trayActions: TrayActions = {
    openDashboard() {},
    answer: (id, d) => void broker.answer(id, d === 'deny' ? 'deny' : 'approve'),
    setPaused() {},
    setOpenAtLogin() {},
    setLocale() {},
    quit() {},
  };
  const tray = () =>
    trayMenuTemplate(
      {
        state: appState({ approvals: broker.pending().map(approvalView) }),
        paused: false,
        locale: 'en',
        localeSetting: 'system',
        openAtLogin: false,
      },
      trayActions,
    );
  return { electron, broker, prompts, window, ask, dashboard, tray, lines, opened: () => opened };
}

describe('first answer wins, exactly once, across dialog / notification / tray / dashboard', () => {
  const expectAllClosed = (s: ReturnType<typeof setup>) => {
    expect(s.prompts.openIds()).toEqual([]);
    expect(s.electron.boxes.every((b) => b.settled)).toBe(true);
    expect(s.electron.notifications.every((n) => n.closed)).toBe(true);
    expect(findItem(s.tray(), `approve:${plannerApproval.id}`)).toBeUndefined();
  };

  it('opens a dialog (a sheet on the dashboard window) and a notification for a new approval', async () => {
    const s = setup();
    void s.ask();
    await settle();
    expect(s.electron.notifications).toHaveLength(1);
    expect(s.electron.notifications[0]!.shown).toBe(true);
    expect(s.electron.boxes).toHaveLength(1);
    expect(s.electron.boxes[0]!.parent).toBe(s.window);
    expect(s.electron.boxes[0]!.options.message).toBe(warningEn);
    expect(s.electron.boxes[0]!.options.signal).toBeInstanceOf(AbortSignal);
    expect(findItem(s.tray(), `approve:${plannerApproval.id}`)).toBeDefined();
  });

  it('the dialog answers first: the notification closes, later answers are refused', async () => {
    const s = setup();
    const decision = s.ask();
    await settle();
    s.electron.boxes[0]!.press(0);
    expect(await decision).toBe<ApprovalDecision>('approve');
    await settle();
    expectAllClosed(s);
    expect(s.dashboard('deny')).toBe(false);
    s.electron.notifications[0]!.clickAction(1);
    await settle();
    expect(s.broker.settled().map((a) => a.decision)).toEqual(['approve']);
  });

  it('the notification answers first: the dialog is closed from code and its cancel counts for nothing', async () => {
    const s = setup();
    const decision = s.ask();
    await settle();
    s.electron.notifications[0]!.clickAction(1);
    expect(await decision).toBe('deny');
    await settle();
    expect(s.electron.boxes[0]!.aborted).toBe(true);
    expectAllClosed(s);
    expect(s.broker.settled()).toHaveLength(1);
  });

  it('the tray answers first', async () => {
    const s = setup();
    const decision = s.ask();
    await settle();
    findItem(s.tray(), `approve:${plannerApproval.id}`)!.click!();
    expect(await decision).toBe('approve');
    await settle();
    expect(s.electron.boxes[0]!.aborted).toBe(true);
    expectAllClosed(s);
  });

  it('the dashboard answers first', async () => {
    const s = setup();
    const decision = s.ask();
    await settle();
    expect(s.dashboard('approve')).toBe(true);
    expect(s.dashboard('deny')).toBe(false);
    expect(await decision).toBe('approve');
    await settle();
    expectAllClosed(s);
    expect(s.broker.settled().map((a) => a.decision)).toEqual(['approve']);
  });

  it('a request withdrawn unanswered (expired) closes every prompt too', async () => {
    const s = setup();
    const decision = s.ask();
    await settle();
    s.broker.withdraw(plannerApproval.id);
    expect(await decision).toBe('expired');
    await settle();
    expectAllClosed(s);
  });

  it('Escape on the dialog is a Deny', async () => {
    const s = setup();
    const decision = s.ask();
    await settle();
    const box = s.electron.boxes[0]!;
    box.press(box.options.cancelId);
    expect(await decision).toBe('deny');
  });

  it('a click on the notification brings the approval up; its dialog is not opened twice', async () => {
    const s = setup();
    void s.ask();
    await settle();
    const before = s.opened();
    s.electron.notifications[0]!.emit('click');
    await settle();
    expect(s.opened()).toBeGreaterThan(before);
    expect(s.electron.boxes).toHaveLength(1);
    // A click for an approval that is gone just opens the dashboard.
    s.prompts.show('unknown-id');
    await settle();
    expect(s.electron.boxes).toHaveLength(1);
  });

  it('a native dialog that fails is said, and the approval stays answerable in the dashboard', async () => {
    const s = setup({ dialogFails: true });
    const decision = s.ask();
    await settle();
    expect(s.lines).toEqual([
      `frontier-sos: approval ${plannerApproval.id}: its dialog failed (no sheet today); it can still be answered in the dashboard or the tray`,
    ]);
    // Not taken as an answer: still pending, with its notification and tray item.
    expect(s.broker.pending().map((a) => a.id)).toEqual([plannerApproval.id]);
    expect(s.prompts.openIds()).toEqual([plannerApproval.id]);
    expect(findItem(s.tray(), `approve:${plannerApproval.id}`)).toBeDefined();
    expect(s.dashboard('approve')).toBe(true);
    expect(await decision).toBe('approve');
    await settle();
    expect(s.prompts.openIds()).toEqual([]);
  });

  it('works without notifications (the dialog, tray and dashboard remain)', async () => {
    const s = setup({ notifications: false });
    const decision = s.ask();
    await settle();
    expect(s.electron.notifications).toHaveLength(0);
    s.electron.boxes[0]!.press(0);
    expect(await decision).toBe('approve');
  });

  describe('memory that cannot be read fails closed on every desktop surface', () => {
    const unknown = { ...plannerApproval, planner: { ...plannerApproval.planner!, memoryUnknown: true } };

    it('dialog: Deny first and default (Escape too), the other button says "Approve anyway", and it sends approve-anyway', () => {
      const options = approvalDialogOptions(unknown, 'en');
      expect(options.buttons).toEqual(['Deny', 'Approve anyway']);
      expect(options.defaultId).toBe(0);
      expect(options.cancelId).toBe(0);
      expect(options.detail).toContain('Memory could not be read');
      expect(decisionFromResponse(0, false, unknown)).toBe('deny');
      expect(decisionFromResponse(1, false, unknown)).toBe('approve');
      expect(answerFor(unknown, 'approve')).toBe('approve-anyway');
      expect(answerFor(plannerApproval, 'approve')).toBe('approve');
      expect(approvalDialogOptions(unknown, 'ko').buttons).toEqual(['거부', '그래도 승인']);
    });

    it('notification: the buttons in the same order', () => {
      expect(approvalNotificationOptions(unknown, 'en', 'darwin').actions?.map((a) => a.text)).toEqual([
        'Deny',
        'Approve anyway',
      ]);
      expect(decisionFromAction(0, unknown)).toBe('deny');
      expect(decisionFromAction(1, unknown)).toBe('approve');
    });

    it('tray: the approve item says "Approve anyway" and sends approve-anyway', () => {
      const sent: string[] = [];
      const actions: TrayActions = {
        openDashboard() {},
        answer: (_id, d) => void sent.push(d),
        setPaused() {},
        setOpenAtLogin() {},
        setLocale() {},
        quit() {},
      };
      const items = trayMenuTemplate(
        {
          state: appState({ approvals: [unknown] }),
          paused: false,
          locale: 'en',
          localeSetting: 'system',
          openAtLogin: false,
        },
        actions,
      );
      const entry = items.find((i) => i.id === `approval:${unknown.id}`)!;
      const approve = entry.submenu!.find((i) => i.id === `approve:${unknown.id}`)!;
      expect(approve.label).toBe('Approve anyway');
      approve.click!();
      expect(sent).toEqual(['approve-anyway']);
    });
  });
});

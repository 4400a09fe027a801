import { describe, expect, it } from 'vitest';
import { actionItemsHeading } from '../../../../shared/blueprint';
import { messages } from '../../../../shared/i18n';
import type { Swap } from '../../../../shared/swap';
import { httpRequest } from '../api/client';
import { splitBlueprint } from './blueprint';
import { diffSummary, lineDiff } from './diff-lines';
import { legacyText, renderMessage, say } from '../../../../shared/engine-message';
import { fill, formatBytes, formatDuration } from './format';
import { addSample, withEarlierHistory, gaugeSegments } from './memory';
import { swapStepViews } from './swap-steps';
import { parseHash } from '../state/route';

const swap = (state: Swap['state'], enteredAt: Record<string, number>): Swap => ({
  id: 's1',
  state,
  taskIds: ['t1'],
  evict: ['coder'],
  unloading: null,
  approvalId: 'a1',
  snapshotVersion: 1,
  startedAt: 0,
  enteredAt,
  error: null,
  progress: null,
});

describe('renderer helpers', () => {
  it('fills placeholders and formats numbers for people', () => {
    expect(fill('{a} of {b} ({c})', { a: 1, b: 'two' })).toBe('1 of two ({c})');
    expect(formatBytes(34_015_249_157)).toBe('34.0 GB');
    expect(formatBytes(5_000_000)).toBe('5 MB');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(4200)).toBe('4.2 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
  });

  it('puts path parameters into the path and leaves the rest for the body', () => {
    expect(httpRequest('/api/tasks/:id/reroute', { id: 'a/b', route: 'local' })).toEqual({
      path: '/api/tasks/a%2Fb/reroute',
      body: { route: 'local' },
    });
    expect(httpRequest('/api/snapshots/:version', { version: 3 })).toEqual({ path: '/api/snapshots/3', body: {} });
  });

  it('maps swap states onto the eight steps, with timings from enteredAt', () => {
    const live = swapStepViews(
      swap('awaiting_approval', { draining: 0, snapshotting: 10, awaiting_approval: 30 }),
      130,
    );
    expect(live.map((s) => s.status)).toEqual([
      'done',
      'done',
      'done',
      'current',
      'pending',
      'pending',
      'pending',
      'pending',
    ]);
    expect(live[2]?.durationMs).toBe(20);
    expect(live[3]?.durationMs).toBe(100);
    const done = swapStepViews(
      swap('done', {
        draining: 0,
        snapshotting: 1,
        awaiting_approval: 2,
        unloading: 5,
        loading_planner: 6,
        planning: 9,
        unloading_planner: 12,
        restoring: 13,
        done: 15,
      }),
      99,
    );
    expect(done.every((s) => s.status === 'done')).toBe(true);
    expect(done[4]?.durationMs).toBe(4); // unloading + loading_planner
    const denied = swapStepViews(swap('denied', { draining: 0, snapshotting: 1, awaiting_approval: 2, denied: 9 }), 99);
    expect(denied.map((s) => s.status)).toEqual([
      'done',
      'done',
      'done',
      'stopped',
      'pending',
      'pending',
      'pending',
      'pending',
    ]);
  });

  it('sets the five action items of each blueprint apart', () => {
    const md = [
      '# Plan',
      'design',
      '',
      actionItemsHeading,
      '',
      '1. a',
      '2. b',
      '',
      '---',
      '',
      '# Plan 2',
      actionItemsHeading,
      '1. c',
    ].join('\n');
    const parts = splitBlueprint(md);
    expect(parts.map((p) => p.kind)).toEqual(['design', 'actions', 'design', 'actions']);
    expect(parts[1]?.markdown).toContain('2. b');
    expect(parts[1]?.markdown).not.toContain('Plan 2');
  });

  it('diffs two snapshot texts line by line', () => {
    const rows = lineDiff('a\nb\nc\n', 'a\nB\nc\nd\n');
    expect(rows.map((r) => `${r.kind}:${r.text}`)).toEqual(['same:a', 'removed:b', 'added:B', 'same:c', 'added:d']);
    expect(diffSummary(rows)).toEqual({ added: 2, removed: 1 });
    expect(lineDiff('', '')).toEqual([]);
  });

  it("opens the memory history with the monitor's earlier readings, in order, never after its own", () => {
    const own = [{ t: 100, usedBytes: 5, budgetBytes: 10 }];
    const earlier = [
      { t: 90, usedBytes: 4, budgetBytes: 10 },
      { t: 50, usedBytes: 3, budgetBytes: 10 },
      { t: 100, usedBytes: 9, budgetBytes: 10 }, // same moment as the page's own: the page's wins
      { t: 120, usedBytes: 9, budgetBytes: 10 },
    ];
    expect(withEarlierHistory(own, earlier).map((s) => s.t)).toEqual([50, 90, 100]);
    expect(withEarlierHistory(own, earlier)[2]!.usedBytes).toBe(5);
    expect(withEarlierHistory([], earlier).map((s) => s.t)).toEqual([50, 90, 100, 120]);
    expect(withEarlierHistory(own, earlier, 2).map((s) => s.t)).toEqual([90, 100]);
    expect(withEarlierHistory(own, [])).toBe(own);
  });

  it('keeps a memory history that steps, one reading per second at most', () => {
    let h = addSample([], { t: 1.0, usedBytes: 1, budgetBytes: 10 });
    h = addSample(h, { t: 1.5, usedBytes: 2, budgetBytes: 10 });
    expect(h).toHaveLength(1);
    h = addSample(h, { t: 2.1, usedBytes: 2, budgetBytes: 10 });
    expect(h).toHaveLength(1);
    h = addSample(h, { t: 3, usedBytes: 3, budgetBytes: 10 }, 1);
    expect(h).toEqual([{ t: 3, usedBytes: 3, budgetBytes: 10 }]);
    const segments = gaugeSegments({ budgetBytes: 100, usedBytes: 30, models: [{ name: 'm1', sizeBytes: 30 }] }, [
      { role: 'coder', model: 'm1', lock: 'IDLE', loaded: true, currentTaskId: null },
    ]);
    expect(segments).toEqual([{ name: 'm1', role: 'coder', bytes: 30, share: 0.3 }]);
  });

  it('reads the view from the hash', () => {
    expect(parseHash('#/task/task-1')).toEqual({ view: 'task', taskId: 'task-1' });
    expect(parseHash('#/nope')).toEqual({ view: 'overview', taskId: null });
    expect(parseHash('')).toEqual({ view: 'overview', taskId: null });
  });

  it("shows the engine's waits in the dashboard's language from data; old sentences as they were written", () => {
    expect(renderMessage(say('waiting.coder'), 'ko')).toBe(messages.ko['waiting.coder']);
    expect(renderMessage(say('waiting.coder'), 'en')).toBe('Waiting for the Coder to go IDLE');
    expect(renderMessage(say('engine.plannerNoAnswer', { minutes: 15 }), 'ko')).toBe(
      fill(messages.ko['engine.plannerNoAnswer'], { minutes: 15 }),
    );
    // An old workspace's English sentence is not translated by guessing what it was.
    expect(renderMessage(legacyText('Waiting for the Coder to go IDLE'), 'ko')).toBe(
      'Waiting for the Coder to go IDLE',
    );
    for (const key of Object.keys(messages.ko) as Array<keyof typeof messages.ko>) {
      expect(messages.en[key], key).toBeTruthy();
      // Placeholders must match, or one language would show a raw {name}.
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(messages.en[key]), key).toEqual(names(messages.ko[key]));
    }
    expect(messages.ko['planner.warning']).toBe(
      '[WARNING: 52B Planner 소환이 필요합니다. 상주 모델이 언마운트됩니다. 승인하시겠습니까?]',
    );
  });
});

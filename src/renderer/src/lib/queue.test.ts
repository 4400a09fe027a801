import { describe, expect, it } from 'vitest';
import { say } from '../../../../shared/engine-message';
import type { Task } from '../../../../shared/tasks';
import { keepEqual } from './keep-equal';
import { applyQueueDelta, countQueue, filterQueue, loadQueue, taskById, type QueueRows } from './queue';
import { rowWindow } from './use-row-window';

const task = (id: string, patch: Partial<Task> = {}): Task => ({
  id,
  text: id,
  route: 'local',
  rule: 'routine',
  reason: '',
  agent: 'coder',
  priority: 0,
  status: 'done',
  waitingFor: null,
  failedAttempts: 0,
  problemId: id,
  createdAt: 0,
  updatedAt: 0,
  resultPath: null,
  error: null,
  swapId: null,
  ...patch,
});

const ids = (rows: QueueRows) => Array.from({ length: rows.length }, (_, i) => rows.at(i).id);
const statuses = (tasks: readonly Task[]) => tasks.map((t) => `${t.id}:${t.status}`);

describe('the queue the page holds', () => {
  it('filters and counts the queue', () => {
    const queue = [
      task('a', { status: 'queued' }),
      task('b', { status: 'running' }),
      task('c'),
      task('d', { status: 'denied' }),
    ];
    expect(countQueue(queue)).toEqual({ all: 4, queued: 1, waiting: 0, running: 1, finished: 2 });
    expect(ids(filterQueue(queue, 'finished'))).toEqual(['d', 'c']);
    expect(ids(filterQueue(queue, 'all'))).toEqual(['d', 'c', 'b', 'a']);
    expect(ids(filterQueue(queue, 'running'))).toEqual(['b']);
  });

  it('keeps unchanged task objects across full loads, so rows need not redraw', () => {
    const first = loadQueue(null, [task('a'), task('b')]);
    expect(loadQueue(first, [task('a'), task('b')])).toBe(first);
    const moved = loadQueue(first, [task('a'), task('b', { status: 'failed', updatedAt: 1 }), task('c')]);
    expect(moved.tasks[0]).toBe(first.tasks[0]);
    expect(moved.tasks[1]).not.toBe(first.tasks[1]);
    expect(moved.counts).toEqual({ all: 3, queued: 0, waiting: 0, running: 0, finished: 3 });
    expect(taskById(moved, 'c')?.id).toBe('c');
    expect(taskById(first, 'c')).toBeUndefined(); // an older version does not see later tasks
    // A waiting reason is data: an equal one from the next push is the same, another one is a change.
    const waiting = loadQueue(null, [task('a', { status: 'queued', waitingFor: say('waiting.coder') })]);
    expect(loadQueue(waiting, [task('a', { status: 'queued', waitingFor: say('waiting.coder') })])).toBe(waiting);
    const next = loadQueue(waiting, [task('a', { status: 'queued', waitingFor: say('waiting.swap') })]);
    expect(next).not.toBe(waiting);
    expect(applyQueueDelta(next, [task('a', { status: 'queued', waitingFor: say('waiting.swap') })])).toBe(next);
  });

  it('finds tasks again after a full load in another order', () => {
    const first = loadQueue(null, [task('a'), task('b'), task('c')]);
    const shifted = loadQueue(first, [task('b'), task('c'), task('a', { status: 'queued', updatedAt: 2 })]);
    expect(shifted.tasks[0]).toBe(first.tasks[1]);
    expect(statuses(shifted.tasks)).toEqual(['b:done', 'c:done', 'a:queued']);
    expect(taskById(shifted, 'a')?.status).toBe('queued');
    expect(taskById(first, 'a')?.status).toBe('done');
  });

  it('applies a delta: replaces changed tasks in place, appends new ones, moves the counts', () => {
    const previous = loadQueue(null, [
      task('a', { status: 'queued' }),
      task('b', { status: 'queued' }),
      task('c', { status: 'queued' }),
    ]);
    const merged = applyQueueDelta(previous, [
      task('b', { status: 'running', updatedAt: 1 }),
      task('d', { status: 'queued' }),
    ]);
    expect(statuses(merged.tasks)).toEqual(['a:queued', 'b:running', 'c:queued', 'd:queued']);
    expect(merged.tasks[0]).toBe(previous.tasks[0]);
    expect(merged.counts).toEqual({ all: 4, queued: 3, waiting: 0, running: 1, finished: 0 });
    expect(merged.counts).toEqual(countQueue(merged.tasks));
    expect(statuses(previous.tasks)).toEqual(['a:queued', 'b:queued', 'c:queued']); // untouched
    expect(taskById(merged, 'd')?.id).toBe('d');
    expect(taskById(previous, 'd')).toBeUndefined();

    const done = applyQueueDelta(merged, [task('b', { status: 'done', updatedAt: 2 })]);
    expect(done.counts).toEqual({ all: 4, queued: 3, waiting: 0, running: 0, finished: 1 });
    expect(applyQueueDelta(done, [task('a', { status: 'queued' })])).toBe(done);
    expect(applyQueueDelta(done, [])).toBe(done);
  });

  it('stays right when a full load dropped a task a delta had added', () => {
    const first = loadQueue(null, [task('a')]);
    const withB = applyQueueDelta(first, [task('b', { status: 'queued' })]);
    const reloaded = loadQueue(withB, [task('a')]);
    expect(taskById(reloaded, 'b')).toBeUndefined();
    const withC = applyQueueDelta(reloaded, [task('c', { status: 'queued' })]);
    expect(taskById(withC, 'b')).toBeUndefined();
    expect(taskById(withC, 'c')?.id).toBe('c');
    const backB = applyQueueDelta(withC, [task('b', { status: 'running', updatedAt: 1 })]);
    expect(statuses(backB.tasks)).toEqual(['a:done', 'c:queued', 'b:running']);
    expect(backB.counts).toEqual(countQueue(backB.tasks));
  });
});

describe('keepEqual (parts of a push the page already holds)', () => {
  it('hands back the held objects where nothing changed', () => {
    const held = { agents: [{ role: 'coder', lock: 'IDLE' }], memory: { used: 1, models: ['m'] }, swap: null };
    const same = keepEqual(held, JSON.parse(JSON.stringify(held)));
    expect(same).toBe(held);
    const next = keepEqual(held, { ...JSON.parse(JSON.stringify(held)), memory: { used: 2, models: ['m'] } });
    expect(next).not.toBe(held);
    expect(next.agents).toBe(held.agents);
    expect(next.memory.models).toBe(held.memory.models);
    expect(next.memory.used).toBe(2);
    expect(keepEqual({ a: 1 }, { a: 1, b: undefined })).toEqual({ a: 1, b: undefined });
    expect(keepEqual([1, 2], [1, 2, 3])).toEqual([1, 2, 3]);
    expect(keepEqual(undefined, held)).toBe(held);
  });
});

describe('rowWindow (the rows of a fixed-height list to put in the page)', () => {
  it('covers the rows in view and a few either side, within the list', () => {
    expect(rowWindow(0, 10_000, 76, 360, 8)).toEqual({ start: 0, end: 14 });
    expect(rowWindow(100, 10_000, 76, 360, 8)).toEqual({ start: 92, end: 114 });
    expect(rowWindow(9_999, 10_000, 76, 360, 8)).toEqual({ start: 9_991, end: 10_000 });
    expect(rowWindow(500, 3, 76, 230, 8)).toEqual({ start: 0, end: 3 }); // the list shrank under the scroll
    expect(rowWindow(0, 0, 76, 2, 8)).toEqual({ start: 0, end: 0 });
  });
});

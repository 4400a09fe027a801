import { hostSaid, inEnglish, say } from '../../shared/engine-message';
import { describe, expect, it } from 'vitest';
import type { AppState } from '../../shared/domain';
import type { CoreEvents } from '../../src/core/index';
import { createPushPipeline, type PushArgs } from '../../src/compose/push-pipeline';
import { appState } from '../helpers/main-state';

/** A core with only what the pipeline uses: its events and a delta read the test controls. */
function fakeCore() {
  const listeners = new Map<keyof CoreEvents, Set<(payload: never) => void>>();
  const reads: Array<{ ids: string[]; resolve(state: AppState): void; reject(error: Error): void }> = [];
  return {
    reads,
    listenerCount: () => [...listeners.values()].reduce((n, set) => n + set.size, 0),
    emit<K extends keyof CoreEvents>(event: K, payload: CoreEvents[K]) {
      for (const l of listeners.get(event) ?? []) (l as (p: CoreEvents[K]) => void)(payload);
    },
    core: {
      on<K extends keyof CoreEvents>(event: K, listener: (payload: CoreEvents[K]) => void) {
        let set = listeners.get(event);
        if (!set) listeners.set(event, (set = new Set()));
        set.add(listener as (payload: never) => void);
        return () => void set.delete(listener as (payload: never) => void);
      },
      getDelta: (ids: ReadonlySet<string>) =>
        new Promise<AppState>((resolve, reject) => reads.push({ ids: [...ids].sort(), resolve, reject })),
    },
  };
}

/** Frames run when the test says so. */
function manualFrames() {
  const frames: Array<{ run: () => void; ms: number; cancelled: boolean }> = [];
  return {
    frames,
    pending: () => frames.filter((f) => !f.cancelled),
    schedule: (run: () => void, ms: number) => {
      const frame = { run, ms, cancelled: false };
      frames.push(frame);
      return { cancel: () => void (frame.cancelled = true) };
    },
    /** Runs the frames due now (not those they schedule). */
    tick() {
      const due = frames.splice(0).filter((f) => !f.cancelled);
      due.forEach((f) => f.run());
      return due.length;
    },
  };
}

function harness(options: { frameMs?: number } = {}) {
  const fake = fakeCore();
  const time = manualFrames();
  const lines: string[] = [];
  const pipeline = createPushPipeline(fake.core, {
    schedule: time.schedule,
    log: (line) => void lines.push(line),
    ...options,
  });
  const sent: PushArgs[] = [];
  pipeline.connect((...args) => void sent.push(args));
  const names = () => sent.map(([event]) => event);
  return { ...fake, ...time, pipeline, sent, names, lines };
}

const settle = async () => {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
};

describe('push pipeline: state deltas', () => {
  it('coalesces every change in a frame into one delta read, with the tasks that changed', async () => {
    const h = harness();
    for (let i = 0; i < 50; i += 1) h.emit('changed', { reason: 'task.updated', taskId: `t${i % 3}` });
    h.emit('changed', { reason: 'queue.paused' });
    expect(h.pending()).toHaveLength(1);
    expect(h.pending()[0]!.ms).toBe(16); // about one display frame by default
    expect(h.reads).toHaveLength(0);
    h.tick();
    expect(h.reads.map((r) => r.ids)).toEqual([['t0', 't1', 't2']]);
    const delta = appState({ paused: true });
    h.reads[0]!.resolve(delta);
    await settle();
    expect(h.sent).toEqual([['state.delta', delta]]);
    expect(h.pending()).toHaveLength(0);
  });

  it('takes its frame length from the options', () => {
    const h = harness({ frameMs: 40 });
    h.pipeline.refresh();
    expect(h.pending().map((f) => f.ms)).toEqual([40]);
  });

  it('reads one delta at a time: changes during a read go out in the frame after it, in order', async () => {
    const h = harness();
    h.emit('changed', { reason: 'x', taskId: 'a' });
    h.tick();
    h.emit('changed', { reason: 'x', taskId: 'b' });
    h.emit('token', { taskId: 'b', role: 'coder', text: 'hi' });
    // A frame for the token; the state waits for the read under way.
    expect(h.tick()).toBe(1);
    expect(h.reads).toHaveLength(1);
    expect(h.names()).toEqual(['task.token']);
    const first = appState({ paused: false });
    h.reads[0]!.resolve(first);
    await settle();
    expect(h.pending()).toHaveLength(1);
    h.tick();
    expect(h.reads.map((r) => r.ids)).toEqual([['a'], ['b']]);
    const second = appState({ paused: true });
    h.reads[1]!.resolve(second);
    await settle();
    expect(h.sent.filter(([e]) => e === 'state.delta').map(([, p]) => p)).toEqual([first, second]);
  });

  it('refresh asks for a delta without naming a task (an approval answered, the engine started)', async () => {
    const h = harness();
    h.pipeline.refresh();
    h.tick();
    expect(h.reads.map((r) => r.ids)).toEqual([[]]);
  });
});

describe('push pipeline: tokens', () => {
  it("joins a task's tokens of one frame into one event, text in order, tasks in the order they spoke", () => {
    const h = harness();
    h.emit('token', { taskId: 't1', role: 'coder', text: 'Hel' });
    h.emit('token', { taskId: 't2', role: 'reviewer', text: 'x' });
    h.emit('token', { taskId: 't1', role: 'coder', text: 'lo, ' });
    h.emit('token', { taskId: 't1', role: 'coder', text: 'world' });
    expect(h.sent).toEqual([]);
    expect(h.pending()).toHaveLength(1);
    h.tick();
    expect(h.sent).toEqual([
      ['task.token', { taskId: 't1', role: 'coder', text: 'Hello, world' }],
      ['task.token', { taskId: 't2', role: 'reviewer', text: 'x' }],
    ]);
    h.emit('token', { taskId: 't1', role: 'coder', text: '!' });
    h.tick();
    expect(h.sent.at(-1)).toEqual(['task.token', { taskId: 't1', role: 'coder', text: '!' }]);
  });

  it("sends a frame's tokens before its state, so a finished task's last words come before its status", async () => {
    const h = harness();
    h.emit('token', { taskId: 't1', role: 'coder', text: 'done.' });
    h.emit('changed', { reason: 'task.updated', taskId: 't1' });
    h.tick();
    h.reads[0]!.resolve(appState());
    await settle();
    expect(h.names()).toEqual(['task.token', 'state.delta']);
  });

  it('notices, swap progress and host events pass at once, after the tokens held before them', () => {
    const h = harness();
    h.emit('token', { taskId: 't1', role: 'planner', text: 'plan' });
    h.emit('notice', { level: 'info', said: say('engine.swapOver'), swapId: 's' });
    h.emit('swap.progress', { swapId: 's', bytesExpected: 1, elapsedMs: 2, estimatedRemainingMs: null });
    h.emit('token', { taskId: 't1', role: 'planner', text: ' two' });
    h.pipeline.emit('locale.changed', { setting: 'ko' });
    expect(h.sent).toEqual([
      ['task.token', { taskId: 't1', role: 'planner', text: 'plan' }],
      ['notice', { level: 'info', message: inEnglish(say('engine.swapOver')), said: { key: 'engine.swapOver' } }],
      ['swap.progress', { swapId: 's', bytesExpected: 1, elapsedMs: 2, estimatedRemainingMs: null }],
      ['task.token', { taskId: 't1', role: 'planner', text: ' two' }],
      ['locale.changed', { setting: 'ko' }],
    ]);
  });
});

describe('push pipeline: failures and dispose', () => {
  it('says a failed state read, sends nothing, waits for the next change, and keeps its tasks for it', async () => {
    const h = harness();
    h.emit('changed', { reason: 'x', taskId: 'a' });
    h.emit('changed', { reason: 'x', taskId: 'b' });
    h.tick();
    h.reads[0]!.reject(new Error('Ollama did not answer'));
    await settle();
    expect(h.sent).toEqual([]);
    expect(h.lines).toEqual([
      'frontier-sos: a state push failed (Ollama did not answer; 2 changed task(s) held for the next one); the next change tries again',
    ]);
    expect(h.pending()).toHaveLength(0); // no retry loop of its own
    h.emit('changed', { reason: 'x', taskId: 'c' });
    h.tick();
    expect(h.reads[1]!.ids).toEqual(['a', 'b', 'c']);
    h.reads[1]!.resolve(appState());
    await settle();
    expect(h.names()).toEqual(['state.delta']);
  });

  it('a receiver that throws is said and does not keep the event from the others', () => {
    const h = harness();
    const others: string[] = [];
    h.pipeline.connect(() => {
      throw new Error('the window is gone');
    });
    h.pipeline.connect((...[event]) => void others.push(event));
    h.emit('notice', { level: 'warn', said: hostSaid('careful') });
    expect(h.names()).toEqual(['notice']);
    expect(others).toEqual(['notice']);
    expect(h.lines).toEqual(['frontier-sos: a push of notice could not be delivered: the window is gone']);
  });

  it('a disconnected receiver hears nothing more', () => {
    const h = harness();
    const heard: string[] = [];
    const off = h.pipeline.connect((...[event]) => void heard.push(event));
    h.emit('notice', { level: 'info', said: hostSaid('one') });
    off();
    h.emit('notice', { level: 'info', said: hostSaid('two') });
    expect(heard).toEqual(['notice']);
    expect(h.names()).toEqual(['notice', 'notice']);
  });

  it('dispose: the frame is cancelled, the core is let go, a read under way is dropped, twice is fine', async () => {
    const h = harness();
    h.emit('changed', { reason: 'x', taskId: 'a' });
    h.tick();
    h.emit('token', { taskId: 'a', role: 'coder', text: 'held' });
    expect(h.pending()).toHaveLength(1);
    h.pipeline.dispose();
    expect(h.pending()).toHaveLength(0);
    expect(h.listenerCount()).toBe(0);
    h.reads[0]!.resolve(appState());
    await settle();
    h.pipeline.refresh();
    h.pipeline.emit('locale.changed', { setting: 'en' });
    h.pipeline.dispose();
    expect(h.sent).toEqual([]);
    expect(h.pending()).toHaveLength(0);
    expect(h.lines).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { DisposableStore } from '../../src/main/lifecycle';

function store() {
  const lines: string[] = [];
  const calls: string[] = [];
  return { store: new DisposableStore((l) => void lines.push(l)), lines, calls };
}

describe('DisposableStore', () => {
  it('disposes in reverse order of add, functions and disposables alike, awaiting each', async () => {
    const { store: s, calls } = store();
    s.add('tray', () => void calls.push('tray'));
    s.add('settings', async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      calls.push('settings');
    });
    const prompts = { dispose: () => void calls.push('prompts') };
    expect(s.add('prompts', prompts)).toBe(prompts);
    s.add('engine', async () => void calls.push('engine'));
    expect(s.isDisposed).toBe(false);
    await s.dispose();
    expect(calls).toEqual(['engine', 'prompts', 'settings', 'tray']);
    expect(s.isDisposed).toBe(true);
  });

  it('logs a disposer that throws or rejects, with its label, and still runs the rest', async () => {
    const { store: s, calls, lines } = store();
    s.add('tray', () => void calls.push('tray'));
    s.add('settings', async () => {
      throw new Error('disk full');
    });
    s.add('window', () => {
      throw new Error('already destroyed');
    });
    s.add('engine', () => void calls.push('engine'));
    await s.dispose();
    expect(calls).toEqual(['engine', 'tray']);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^frontier-sos: could not dispose window: Error: already destroyed/);
    expect(lines[1]).toMatch(/^frontier-sos: could not dispose settings: Error: disk full/);
  });

  it('is idempotent: a second dispose (even during the first) disposes nothing twice', async () => {
    const { store: s, calls } = store();
    let release!: () => void;
    s.add('a', () => void calls.push('a'));
    s.add('slow', () => new Promise<void>((resolve) => (release = resolve)));
    const first = s.dispose();
    const second = s.dispose();
    expect(second).toBe(first);
    release();
    await Promise.all([first, second, s.dispose()]);
    expect(calls).toEqual(['a']);
  });

  it('disposes at once what is added after dispose has begun', async () => {
    const { store: s, calls } = store();
    await s.dispose();
    s.add('late', () => void calls.push('late'));
    await Promise.resolve();
    expect(calls).toEqual(['late']);
    await s.dispose();
    expect(calls).toEqual(['late']);
  });
});

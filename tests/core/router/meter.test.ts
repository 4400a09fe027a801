import { describe, expect, it } from 'vitest';
import { createEscalationMeter, type Route, type RuleName } from '../../../src/core/router';

const local = { route: 'local' as Route, rule: 'routine' as RuleName };
const planner = { route: 'planner' as Route, rule: 'new-architecture' as RuleName };
const frontier = { route: 'frontier' as Route, rule: 'failed-3-times' as RuleName };

describe('escalation meter', () => {
  it('starts empty and warming up', () => {
    const s = createEscalationMeter().state();
    expect(s).toMatchObject({ samples: 0, escalated: 0, share: 0, target: 0.1, status: 'warming-up' });
  });

  it('counts the escalated share over the window', () => {
    const meter = createEscalationMeter({ window: 10, minSamples: 5 });
    for (let i = 0; i < 9; i++) meter.record(local);
    const s = meter.record(frontier);
    expect(s).toMatchObject({ samples: 10, escalated: 1, share: 0.1, status: 'on-target' });
    expect(s.byRoute).toEqual({ local: 9, planner: 0, frontier: 1 });
    expect(s.byRule).toEqual({ routine: 9, 'failed-3-times': 1 });
  });

  it('slides: old decisions leave the window', () => {
    const meter = createEscalationMeter({ window: 4, minSamples: 1, tolerance: 0 });
    meter.record(planner);
    meter.record(planner);
    expect(meter.state().share).toBe(1);
    for (let i = 0; i < 4; i++) meter.record(local);
    const s = meter.state();
    expect(s).toMatchObject({ samples: 4, escalated: 0, share: 0, status: 'below-target' });
    expect(s.byRule).toEqual({ routine: 4 });
  });

  it('says when escalation is above or below the target band', () => {
    const meter = createEscalationMeter({ window: 20, minSamples: 20, target: 0.1, tolerance: 0.05 });
    for (let i = 0; i < 16; i++) meter.record(local);
    for (let i = 0; i < 3; i++) meter.record(planner);
    expect(meter.state().status).toBe('warming-up');
    expect(meter.record(frontier)).toMatchObject({ share: 0.2, status: 'above-target' });
    const low = createEscalationMeter({ window: 20, minSamples: 20 });
    for (let i = 0; i < 20; i++) low.record(local);
    expect(low.state().status).toBe('below-target');
  });

  it('matches a recount from scratch after many random decisions', () => {
    const window = 37;
    const meter = createEscalationMeter({ window });
    const all: Array<typeof local> = [];
    let seed = 7;
    for (let i = 0; i < 1000; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const d = [local, local, local, planner, frontier][seed % 5]!;
      all.push(d);
      meter.record(d);
    }
    const last = all.slice(-window);
    const s = meter.state();
    expect(s.escalated).toBe(last.filter((d) => d.route !== 'local').length);
    expect(s.byRoute.planner).toBe(last.filter((d) => d.route === 'planner').length);
  });

  it('hands out copies: callers cannot change its counts', () => {
    const meter = createEscalationMeter();
    const s = meter.record(planner);
    s.byRoute.planner = 99;
    expect(meter.state().byRoute.planner).toBe(1);
  });

  it('resets, and rejects a window it cannot hold', () => {
    const meter = createEscalationMeter();
    meter.record(planner);
    meter.reset();
    expect(meter.state()).toMatchObject({ samples: 0, escalated: 0 });
    expect(() => createEscalationMeter({ window: 0 })).toThrow(/window/);
    expect(() => createEscalationMeter({ target: 1.5 })).toThrow(/target/);
  });
});

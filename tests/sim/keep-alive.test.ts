import { describe, expect, it } from 'vitest';
import { keepAliveFromEnv, parseGoDuration, parseKeepAlive } from '../../src/sim/keep-alive';

// keep_alive as Ollama's api.Duration reads it, and Go's time.ParseDuration under it.

describe('Go durations (time.ParseDuration)', () => {
  it.each([
    ['0', 0],
    ['300ms', 300],
    ['1.5s', 1500],
    ['10m', 600_000],
    ['24h', 86_400_000],
    ['1h30m', 5_400_000],
    ['2h45m30.5s', 9_930_500],
    ['.5h', 1_800_000],
    ['+5s', 5000],
    ['-1m', -60_000],
    ['1500us', 1.5],
    ['1500µs', 1.5],
    ['2000000ns', 2],
  ] as const)('%s → %d ms', (input, ms) => {
    expect(parseGoDuration(input)).toBeCloseTo(ms, 9);
  });

  it.each([
    ['', 'time: invalid duration ""'],
    ['10', 'time: missing unit in duration "10"'],
    ['-1', 'time: missing unit in duration "-1"'],
    ['1d', 'time: unknown unit "d" in duration "1d"'],
    ['5 m', 'time: unknown unit " m" in duration "5 m"'],
    ['abc', 'time: invalid duration "abc"'],
    ['.s', 'time: invalid duration ".s"'],
    ['1.', 'time: missing unit in duration "1."'],
  ])('rejects %j with Go’s message', (input, message) => {
    expect(() => parseGoDuration(input)).toThrow(message);
  });
});

describe('keep_alive (api.Duration)', () => {
  it.each([
    [undefined, undefined],
    [null, undefined],
    [0, 0],
    [300, 300_000],
    [1.5, 1500],
    [-1, Number.POSITIVE_INFINITY],
    [-0.001, Number.POSITIVE_INFINITY],
    ['10m', 600_000],
    ['0', 0],
    ['0s', 0],
    ['-5m', Number.POSITIVE_INFINITY],
  ] as const)('%j → %s ms', (input, expected) => {
    expect(parseKeepAlive(input)).toBe(expected);
  });

  it.each([
    [true, "Unsupported type: 'bool'"],
    [{}, "Unsupported type: 'map[string]interface {}'"],
    ['forever', 'time: invalid duration "forever"'],
    ['5', 'time: missing unit in duration "5"'],
  ])('rejects %j', (input, message) => {
    expect(() => parseKeepAlive(input)).toThrow(message);
  });

  it('reads OLLAMA_KEEP_ALIVE as a duration, else whole seconds, default 5 minutes', () => {
    expect(keepAliveFromEnv(undefined)).toBe(300_000);
    expect(keepAliveFromEnv('1h')).toBe(3_600_000);
    expect(keepAliveFromEnv('90')).toBe(90_000);
    expect(keepAliveFromEnv('-1')).toBe(Number.POSITIVE_INFINITY);
    expect(keepAliveFromEnv('nonsense')).toBe(300_000);
  });
});

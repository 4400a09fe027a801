import type { MemoryPressureLevel } from '../ports';
import type { LiveMemory } from './live';
import { worstPressure } from './pressure';

/** A fixed-size buffer that overwrites its oldest entry: O(1) push, no growth over days of running. */
export class RingBuffer<T> {
  private readonly items: Array<T | undefined>;
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`RingBuffer capacity must be a whole number ≥ 1, not ${capacity}.`);
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(item: T): void {
    const end = (this.start + this.count) % this.capacity;
    this.items[end] = item;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
  }

  /** Oldest first. */
  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.items[(this.start + i) % this.capacity] as T);
    return out;
  }

  last(): T | undefined {
    return this.count === 0 ? undefined : this.items[(this.start + this.count - 1) % this.capacity];
  }
}

/** The series the chart draws. */
export interface HistoryPoint {
  at: number;
  freeBytes: number;
  usedBytes: number;
  modelsBytes: number;
  otherAppsBytes: number;
  swapUsedBytes: number;
  pressure: MemoryPressureLevel;
}

type Series = 'freeBytes' | 'usedBytes' | 'modelsBytes' | 'otherAppsBytes' | 'swapUsedBytes';
const series: readonly Series[] = ['freeBytes', 'usedBytes', 'modelsBytes', 'otherAppsBytes', 'swapUsedBytes'];

export interface Stat {
  min: number;
  max: number;
  avg: number;
}

/** A downsampled stretch of history: min/max/avg of each series, and the worst pressure seen. */
export type HistoryBucket = { start: number; end: number; samples: number; pressure: MemoryPressureLevel } & Record<
  Series,
  Stat
>;

export type HistoryQuery =
  { resolution: 'full'; points: HistoryPoint[] } | { resolution: 'bucket'; bucketMs: number; buckets: HistoryBucket[] };

export interface HistoryOptions {
  /** How far back full-rate points are kept (default one hour). */
  fullMs?: number;
  /** The fastest sampling interval: sizes the full-rate buffer (default 1 s). */
  minIntervalMs?: number;
  /** Bucket width for the long history (default one minute). */
  bucketMs?: number;
  /** How far back buckets are kept (default one day). */
  bucketedMs?: number;
}

export function toPoint(m: LiveMemory): HistoryPoint {
  return {
    at: m.at,
    freeBytes: m.freeBytes,
    usedBytes: m.usedBytes,
    modelsBytes: m.modelsBytes,
    otherAppsBytes: m.otherAppsBytes,
    swapUsedBytes: m.swapUsedBytes ?? 0,
    pressure: m.pressure,
  };
}

interface OpenBucket {
  start: number;
  samples: number;
  sums: Record<Series, number>;
  mins: Record<Series, number>;
  maxs: Record<Series, number>;
  pressure: MemoryPressureLevel;
  lastAt: number;
}

function openBucket(start: number, p: HistoryPoint): OpenBucket {
  const of = () => Object.fromEntries(series.map((s) => [s, p[s]])) as Record<Series, number>;
  return { start, samples: 1, sums: of(), mins: of(), maxs: of(), pressure: p.pressure, lastAt: p.at };
}

function closeBucket(b: OpenBucket, bucketMs: number): HistoryBucket {
  const stats = Object.fromEntries(
    series.map((s) => [s, { min: b.mins[s], max: b.maxs[s], avg: b.sums[s] / b.samples }]),
  ) as Record<Series, Stat>;
  return { start: b.start, end: b.start + bucketMs, samples: b.samples, pressure: b.pressure, ...stats };
}

/**
 * The memory history: the last hour at full rate in a ring buffer, the last day in one-minute
 * buckets (min/max/avg). Fixed memory: ~3,600 points + 1,440 buckets whatever the uptime.
 */
export class MemoryHistory {
  readonly fullMs: number;
  readonly bucketMs: number;
  readonly bucketedMs: number;
  private readonly points: RingBuffer<HistoryPoint>;
  private readonly buckets: RingBuffer<HistoryBucket>;
  private open: OpenBucket | null = null;

  constructor(options: HistoryOptions = {}) {
    this.fullMs = options.fullMs ?? 3_600_000;
    this.bucketMs = options.bucketMs ?? 60_000;
    this.bucketedMs = options.bucketedMs ?? 86_400_000;
    this.points = new RingBuffer(Math.ceil(this.fullMs / (options.minIntervalMs ?? 1000)) + 1);
    // Closed buckets; the minute still filling makes the day complete.
    this.buckets = new RingBuffer(Math.ceil(this.bucketedMs / this.bucketMs));
  }

  add(point: HistoryPoint): void {
    const last = this.points.last();
    // Out-of-order points would break every range query; a clock that steps back starts afresh.
    if (last && point.at < last.at) return;
    this.points.push(point);
    const start = Math.floor(point.at / this.bucketMs) * this.bucketMs;
    if (this.open && this.open.start !== start) {
      this.buckets.push(closeBucket(this.open, this.bucketMs));
      this.open = null;
    }
    if (!this.open) {
      this.open = openBucket(start, point);
      return;
    }
    const b = this.open;
    b.samples++;
    b.lastAt = point.at;
    b.pressure = worstPressure(b.pressure, point.pressure) ?? b.pressure;
    for (const s of series) {
      b.sums[s] += point[s];
      b.mins[s] = Math.min(b.mins[s], point[s]);
      b.maxs[s] = Math.max(b.maxs[s], point[s]);
    }
  }

  /** Full-rate points at or after `since` (at most the last hour). */
  recent(since: number): HistoryPoint[] {
    return this.points.toArray().filter((p) => p.at >= since);
  }

  /** Buckets overlapping [since, ∞), the current (still filling) minute included. */
  bucketed(since: number): HistoryBucket[] {
    const closed = this.buckets.toArray();
    const all = this.open ? [...closed, closeBucket(this.open, this.bucketMs)] : closed;
    return all.filter((b) => b.end > since);
  }

  /**
   * What the chart asks for: the last `rangeMs` before `now`. Ranges within the full-rate window
   * return points; longer ones return buckets. `maxPoints` thins full-rate points evenly.
   */
  query(now: number, rangeMs: number, maxPoints = Number.POSITIVE_INFINITY): HistoryQuery {
    const since = now - rangeMs;
    if (rangeMs <= this.fullMs) {
      const points = this.recent(since);
      if (points.length <= maxPoints || maxPoints < 2) return { resolution: 'full', points };
      const step = (points.length - 1) / (maxPoints - 1);
      return { resolution: 'full', points: Array.from({ length: maxPoints }, (_, i) => points[Math.round(i * step)]!) };
    }
    return { resolution: 'bucket', bucketMs: this.bucketMs, buckets: this.bucketed(since) };
  }

  /** How much swap use grew within the window (0 when it did not, or nothing is known). */
  swapGrowth(now: number, windowMs: number): number {
    const points = this.recent(now - windowMs);
    if (points.length < 2) return 0;
    const lowest = Math.min(...points.map((p) => p.swapUsedBytes));
    return Math.max(0, points[points.length - 1]!.swapUsedBytes - lowest);
  }
}

import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { call } from '../../api/client';
import { useLocale, useT } from '../../i18n/store';
import { formatBytes } from '../../lib/format';
import type { MemorySample } from '../../lib/memory';
import { useNow } from '../../lib/use-now';
import { useStore } from '../../state/store';
import { isDark, useTheme } from '../../theme/store';

/** The history, carried on to `now`: pushes come only on change, so the last reading still holds. */
function toData(history: readonly MemorySample[], now: number): uPlot.AlignedData {
  const last = history.at(-1);
  const points = last && now > last.t ? [...history, { ...last, t: now }] : history;
  return [points.map((s) => s.t), points.map((s) => s.usedBytes / 1e9), points.map((s) => s.budgetBytes / 1e9)];
}

const hourMs = 3600_000;
let fetchedEarlier = false;

/**
 * Once per page: the last hour as the engine's memory monitor recorded it (nothing when no monitor
 * runs). A simulated engine may keep its own clock: only readings within this page's last hour count.
 */
function fetchEarlierHistory(): void {
  if (fetchedEarlier) return;
  fetchedEarlier = true;
  call('memory.history', { rangeMs: hourMs, maxPoints: 720 }).then(
    ({ points }) => {
      const budgetBytes = useStore.getState().state?.memory.budgetBytes;
      if (!budgetBytes) return;
      const now = Date.now();
      const samples = points
        .filter((p) => p.at > now - hourMs && p.at <= now)
        .map((p) => ({ t: p.at / 1000, usedBytes: p.modelsBytes, budgetBytes }));
      useStore.getState().addEarlierMemory(samples);
    },
    () => undefined, // the page's own readings still fill the chart
  );
}

/** At least the last minute on the time axis, so a short history does not spread over years. */
const lastMinute: uPlot.Range.Function = (_u, min, max) => (max - min < 60 ? [max - 60, max] : [min, max]);

/**
 * Memory used over time against the budget. uPlot draws on a canvas (small, fast, no eval):
 * the chart is a picture for screen readers, described by its label; the numbers are in the gauge.
 */
export default function MemoryChart() {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const theme = useTheme((s) => s.theme);
  const history = useStore((s) => s.memoryHistory);
  const now = useNow(true, 5000);
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  useEffect(fetchEarlierHistory, []);

  // The chart is made again when the language or the colours change; data alone only updates it.
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const dark = isDark();
    const ink = dark ? '#e5e7eb' : '#1f2937';
    const grid = dark ? '#374151' : '#e5e7eb';
    const axis = { stroke: ink, grid: { stroke: grid }, ticks: { stroke: grid } };
    plot.current = new uPlot(
      {
        width: Math.max(280, el.clientWidth),
        height: 220,
        legend: { show: true },
        scales: { x: { time: true, range: lastMinute }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
        axes: [axis, { ...axis, values: (_u, ticks) => ticks.map((v) => `${v.toFixed(0)} GB`), size: 60 }],
        series: [
          {},
          {
            label: t('memory.used'),
            stroke: dark ? '#60a5fa' : '#1d4ed8',
            fill: dark ? 'rgba(96,165,250,0.2)' : 'rgba(29,78,216,0.12)',
            width: 2,
            paths: uPlot.paths.stepped?.({ align: 1 }),
            value: (_u, v) => (v == null ? '–' : formatBytes(v * 1e9)),
          },
          {
            label: t('memory.budget'),
            stroke: dark ? '#f87171' : '#b91c1c',
            dash: [6, 4],
            width: 1.5,
            value: (_u, v) => (v == null ? '–' : formatBytes(v * 1e9)),
          },
        ],
      },
      toData(useStore.getState().memoryHistory, Date.now() / 1000),
      el,
    );
    const resize = new ResizeObserver(() =>
      plot.current?.setSize({ width: Math.max(280, el.clientWidth), height: 220 }),
    );
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, [locale, theme, t]);

  useEffect(() => {
    plot.current?.setData(toData(history, now / 1000));
  }, [history, now]);

  return (
    <figure className="memory-chart">
      <div
        ref={box}
        role="img"
        aria-label={t('memory.chartLabel', { n: history.length })}
        data-samples={history.length}
      />
      <figcaption className="muted">{t('memory.chartNote')}</figcaption>
    </figure>
  );
}

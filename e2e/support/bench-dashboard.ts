import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from './browser';
import { writeTaskJournal } from './journal';
import { serveSim } from './serve';

/**
 * `npm run bench:dashboard`: the dashboard with 10,000 tasks in the queue, updated live. The page
 * opts in to its own timing (localStorage `frontier-sos.perf`): for every `state.changed` push it
 * measures the JSON parse, and the time from the parsed state to the next animation frame (store
 * update + React render and commit) and to just after that frame (layout and paint included).
 */
export interface BenchOptions {
  tasks: number;
  updates: number;
  log(line: string): void;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return { n: sorted.length, p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), max: sorted.at(-1) ?? NaN };
}

export async function benchDashboard({ tasks, updates, log }: BenchOptions) {
  const workspace = await mkdtemp(join(tmpdir(), 'fsos-bench-dash-'));
  await writeTaskJournal(workspace, tasks);
  const served = await serveSim({ workspace });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript({ content: "localStorage.setItem('frontier-sos.perf', '1')" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const opened = Date.now();
    await page.goto(served.dashboardUrl);
    await page.locator(`.queue-scroll[data-rows="${tasks}"]`).waitFor({ timeout: 60_000 });
    await page.locator('[data-stream="open"]').waitFor();
    log(
      `dashboard up with ${tasks.toLocaleString('en-US')} tasks in ${Date.now() - opened} ms; rows in the page: ${await page.locator('li.queue-row').count()}`,
    );
    const payload = JSON.stringify(await served.api('/api/state')).length;
    log(`full state: ${(payload / 1e6).toFixed(1)} MB (loaded once; pushes carry only the tasks that changed)`);

    // What "to the next frame" costs with no work at all: the wait for the frame itself.
    // (A string: this file is type-checked without the DOM library.)
    const idleFrame = await page.evaluate<number[]>(`(async () => {
      const out = [];
      for (let i = 0; i < 40; i += 1) {
        await new Promise((r) => setTimeout(r, 37));
        const t = performance.now();
        await new Promise((r) => requestAnimationFrame(() => r(null)));
        out.push(performance.now() - t);
      }
      return out;
    })()`);

    const count = () => page.evaluate(() => performance.getEntriesByName('fsos:update.painted').length);
    const start = await count();
    const deadline = Date.now() + 180_000;
    let filed = 0;
    // New local tasks keep the engine busy: each is created, run, streamed, reviewed, finished.
    while ((await count()) - start < updates && Date.now() < deadline) {
      await served.api('/api/tasks', {
        method: 'POST',
        body: JSON.stringify({ text: `Write a unit test for helper ${filed}` }),
      });
      filed += 1;
      await page
        .waitForFunction(
          (n) => performance.getEntriesByName('fsos:update.painted').length >= n,
          start + Math.min(updates, filed * 3),
          { timeout: 10_000 },
        )
        .catch(() => undefined);
    }
    const measures = await page.evaluate(() => {
      const read = (name: string) => performance.getEntriesByName(name).map((e) => e.duration);
      return {
        parse: read('fsos:parse'),
        work: read('fsos:work'),
        update: read('fsos:update'),
        painted: read('fsos:update.painted'),
      };
    });
    if (errors.length) throw new Error(`The page reported errors: ${errors.join('; ')}`);
    return {
      tasks,
      tasksFiled: filed,
      payloadBytes: payload,
      idleFrame: stats(idleFrame),
      parse: stats(measures.parse.slice(start)),
      work: stats(measures.work.slice(start)),
      update: stats(measures.update.slice(start)),
      painted: stats(measures.painted.slice(start)),
    };
  } finally {
    await browser.close();
    await served.stop();
  }
}

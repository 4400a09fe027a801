import { it } from 'vitest';
import { runSchedules } from '../helpers/schedules';

// 10,000 seeded schedules in all (SIM_SCHEDULES), split over four files so CI's two cores share them.
const count = Math.floor(Number(process.env['SIM_SCHEDULES'] ?? 10_000) / 4);
const from = 1 * count;
it(`holds every invariant over ${count} seeded random schedules (seeds ${from}..${from + count - 1})`, async () => {
  await runSchedules(from, count);
}, 600_000);

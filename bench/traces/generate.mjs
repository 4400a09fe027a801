// Writes the workday traces in this folder. Deterministic (seeded); run `node bench/traces/generate.mjs`.
//
// A workday on the reference machine: 8 hours; the Coder gets ~100 tasks (15-120 s of generation
// each, a 32B model at ~12 tokens/s), the Reviewer reviews about half of them (10-40 s), the
// Router does short jobs (1-5 s). Planner work comes in design sessions: a few requests close
// together (a design and its follow-up questions), 1-4 minutes of planner time each. About one
// task in ten goes to a frontier model (remote: it takes time but no local memory).
import { writeFileSync } from 'node:fs';

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hour = 3_600_000;
const minute = 60_000;

function workday({ seed, sessions, perSession, coderTasks, frontierTasks }) {
  const random = rng(seed);
  const between = (lo, hi) => Math.round(lo + random() * (hi - lo));
  const entries = [];
  let n = 0;
  const add = (at, route, workMs, agent) =>
    entries.push({ at, id: `r${String(++n).padStart(4, '0')}`, route, ...(agent ? { agent } : {}), workMs });
  for (let i = 0; i < coderTasks; i++) {
    const at = between(0, 8 * hour);
    add(at, 'local', between(15_000, 120_000), 'coder');
    if (random() < 0.5) add(at + between(60_000, 5 * minute), 'local', between(10_000, 40_000), 'reviewer');
    if (random() < 0.8)
      add(at - between(5_000, 30_000) > 0 ? at - between(5_000, 30_000) : at, 'local', between(1_000, 5_000), 'router');
  }
  for (let s = 0; s < sessions; s++) {
    const start = between((s * (8 * hour)) / sessions, ((s + 0.7) * (8 * hour)) / sessions);
    const count = Array.isArray(perSession) ? between(perSession[0], perSession[1]) : perSession;
    for (let k = 0; k < count; k++)
      add(start + k * between(2 * minute, 8 * minute), 'planner', between(60_000, 240_000));
  }
  for (let i = 0; i < frontierTasks; i++) add(between(0, 8 * hour), 'frontier', between(20_000, 60_000));
  return entries.sort((a, b) => a.at - b.at).map((e, i) => ({ ...e, id: `r${String(i + 1).padStart(4, '0')}` }));
}

const traces = {
  'workday-typical': workday({ seed: 1, sessions: 2, perSession: [2, 4], coderTasks: 100, frontierTasks: 20 }),
  'workday-design-heavy': workday({ seed: 2, sessions: 4, perSession: [3, 5], coderTasks: 80, frontierTasks: 15 }),
  'workday-light': workday({ seed: 3, sessions: 2, perSession: [1, 3], coderTasks: 120, frontierTasks: 25 }),
};
for (const [name, entries] of Object.entries(traces)) {
  writeFileSync(new URL(`./${name}.jsonl`, import.meta.url), entries.map((e) => JSON.stringify(e)).join('\n') + '\n');
  const planner = entries.filter((e) => e.route === 'planner').length;
  console.log(
    `${name}: ${entries.length} requests, ${planner} planner, ${entries.filter((e) => e.route === 'frontier').length} frontier`,
  );
}

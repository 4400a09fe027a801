import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOllamaHost } from '../../../src/adapters/ollama/ollama-host';
import { createModelJudge, createRouter, decideRoute } from '../../../src/core/router/index';
import { uniformRouter } from '../../helpers/router-models';
import { startSimulator, type Simulator } from '../../../src/sim/index';

// The Router model's judgment, against the simulator speaking Ollama's API: scripted answers,
// a model too slow to answer in time, and answers that are not valid JSON.
const unsure = 'plan the architecture of the notification module';
let sim: Simulator;
const rules = uniformRouter();

beforeAll(async () => {
  sim = await startSimulator({ port: 0, timeScale: 0.001 });
});
afterAll(async () => sim?.close());
beforeEach(() => sim.script.clear());

const judge = () => createModelJudge(createOllamaHost({ url: sim.url }), 'qwen2.5:7b', 8192);

describe('the Router model path', () => {
  it('is only asked when the rules are unsure', async () => {
    expect(rules.decide({ text: unsure }).confidence).toBeLessThan(rules.sureAbove);
    sim.script.add({
      model: 'qwen2.5:7b',
      match: /Design the whole architecture/,
      respond: { route: 'local', reason: 'should never be asked' },
    });
    const sure = await decideRoute(
      { text: 'Design the whole architecture of a brand-new payments platform from scratch', failedAttempts: 3 },
      { rules, judge: judge() },
    );
    expect(sure.rule).toBe('failed-3-times');
  });

  it('takes a scripted, schema-valid answer as a router-model decision', async () => {
    sim.script.add({
      model: 'qwen2.5:7b',
      match: /architecture of the notification module/,
      respond: { route: 'planner', reason: 'A redesign of the whole service.' },
      times: 1,
    });
    const decision = await decideRoute({ text: unsure }, { rules, judge: judge() });
    expect(decision).toMatchObject({ route: 'planner', rule: 'router-model' });
    expect(decision.reason.en).toMatch(/^Router model: A redesign of the whole service\./);
  });

  it('falls back to the rules, and says so, when the answer is not valid JSON', async () => {
    sim.script.add({
      model: 'qwen2.5:7b',
      match: /architecture of the notification module/,
      respond: 'sure! route it to the planner',
      times: 5,
    });
    const decision = await decideRoute({ text: unsure }, { rules, judge: judge() });
    expect(decision.rule).not.toBe('router-model');
    expect(decision.reason.en).toMatch(
      /model unavailable: fell back to rules — the model failed: .*did not give a valid structured answer/,
    );
  });

  it('falls back to the rules when the model takes longer than the timeout', async () => {
    const slow = await startSimulator({ port: 0, timeScale: 1 }); // a cold 4.7 GB load takes seconds
    try {
      const decision = await decideRoute(
        { text: unsure },
        { rules, judge: createModelJudge(createOllamaHost({ url: slow.url }), 'qwen2.5:7b', 8192), timeoutMs: 200 },
      );
      expect(decision.rule).not.toBe('router-model');
      expect(decision.reason.en).toMatch(/fell back to rules — no answer within 200 ms/);
    } finally {
      await slow.close();
    }
  });

  it('frontier-sos route asks the model for the unsure lines only', async () => {
    // Which lines are unsure is the shipped classifier's call; the CLI must ask about exactly those.
    const shipped = createRouter();
    const isUnsure = (text: string) => shipped.decide({ text }).confidence < shipped.sureAbove;
    const labelled = readFileSync('bench/router/tasks.jsonl', 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => (JSON.parse(l) as { text: string }).text);
    const texts = [...labelled.filter(isUnsure).slice(0, 2), ...labelled.filter((t) => !isUnsure(t)).slice(0, 3)];
    const unsureIds = texts
      .map((text, i) => ({ i, text }))
      .filter(({ text }) => isUnsure(text))
      .map(({ i }) => `t${i}`);
    expect(unsureIds.length).toBeGreaterThan(0);
    expect(unsureIds.length).toBeLessThan(texts.length);
    sim.script.add({
      model: 'qwen2.5:7b',
      match: /./,
      respond: { route: 'frontier', reason: 'Needs fresh knowledge.' },
    });
    const input = texts.map((text, i) => JSON.stringify({ id: `t${i}`, text })).join('\n');
    const child = spawn(process.execPath, ['bin/frontier-sos.mjs', 'route', '--ollama', sim.url], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stdin.end(input);
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, string>);
    expect(lines.filter((l) => l['rule'] === 'router-model').map((l) => l['id'])).toEqual(unsureIds);
    for (const l of lines) if (l['rule'] === 'router-model') expect(l['route']).toBe('frontier');
  });

  it('eval:router --llm runs the test split with the Router model where one answers, and says skipped where none does', async () => {
    // Not spawnSync: the simulator runs in this process and must keep answering.
    const run = (host: string) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['scripts/eval-router.mjs', '--json', '--llm'], {
          env: { ...process.env, OLLAMA_HOST: host },
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.stderr.on('data', (d) => (stderr += d));
        child.on('close', (status) => resolve({ status, stdout, stderr }));
      });
    const none = await run('127.0.0.1:9');
    expect(none.status, none.stderr).toBe(0);
    expect((JSON.parse(none.stdout) as { llm: { skipped: string } }).llm.skipped).toMatch(
      /no Ollama answers at http:\/\/127\.0\.0\.1:9/,
    );
    // The simulator's Router answers with the classifier's best guess: the figures are the rules' own.
    const simulated = await run(sim.url);
    expect(simulated.status, simulated.stderr).toBe(0);
    const report = JSON.parse(simulated.stdout) as {
      test: { accuracy: number };
      llm: { askedModel: number; accuracy: number; tasks: number };
    };
    expect(report.llm, JSON.stringify(report.llm).slice(0, 300)).toHaveProperty('tasks', 340);
    expect(report.llm.askedModel).toBeGreaterThan(0);
    expect(report.llm.accuracy).toBeCloseTo(report.test.accuracy, 1);
  }, 120_000);
});

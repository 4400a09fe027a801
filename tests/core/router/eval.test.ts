import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { featurize, measure, outcomes, readSet, scoreWithModel, sha256 } from '../../../bench/router/lab';
import { createRouter } from '../../../src/core/router/index';

// The Router measured where it was not tuned: the frozen test split, written by an author who saw
// neither the rules nor the training sets (docs/router.md). These are the acceptance lines.
const dir = new URL('../../../bench/router/', import.meta.url);
const sets = JSON.parse(readFileSync(new URL('sets.json', dir), 'utf8')) as {
  training: Array<{ file: string; author: string }>;
  test: { file: string };
};
const testPath = new URL(sets.test.file, dir).pathname;
const router = createRouter();

describe('router on the frozen test split', () => {
  it('the test split is the one that was frozen before tuning (its hash)', () => {
    expect(sha256(testPath)).toBe(
      readFileSync(new URL(sets.test.file.replace(/\.jsonl$/, '.sha256'), dir), 'utf8').trim(),
    );
  });

  it('the shipped weights were trained on exactly the training sets, never on the test split', () => {
    const trainedOn = (router.model.file.provenance?.['trainedOn'] ?? []) as Array<{ file: string; sha256: string }>;
    expect(trainedOn.map((t) => t.file).sort()).toEqual(sets.training.map((t) => t.file).sort());
    for (const t of trainedOn)
      expect(sha256(new URL(t.file, dir).pathname), `${t.file} changed since training: run npm run train:router`).toBe(
        t.sha256,
      );
    expect(trainedOn.some((t) => t.file === sets.test.file)).toBe(false);
  });

  it('routes at least 92% right with escalation recall of at least 92%; decided alone, at most 3% wrong; with a right Router model, escalation recall of at least 97%', () => {
    const tasks = readSet(testPath, 'test');
    expect(tasks.length).toBeGreaterThanOrEqual(300);
    const { temperature, sureAbove } = router.model.file.calibration;
    const m = measure(outcomes(scoreWithModel(router, featurize(router, tasks)), temperature, sureAbove));
    expect(m.accuracy).toBeGreaterThanOrEqual(0.92);
    expect(m.escalationRecall).toBeGreaterThanOrEqual(0.92);
    expect(m.sure.errorRate).toBeLessThanOrEqual(0.03);
    expect(m.escalationRecallWithJudge).toBeGreaterThanOrEqual(0.97);
  });
});

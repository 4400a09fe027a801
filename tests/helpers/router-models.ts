import { createRouter, loadModel, type Router, type RouterConfigInput } from '../../src/core/router/index';

/**
 * A classifier with no weights: every task gets 1/3 for each route (ties go to local), so every
 * decision that no fact makes is unsure. Tests of the Router model's path use it, so they do not
 * depend on how the shipped weights happen to read one sentence.
 */
export function uniformRouter(config: RouterConfigInput = {}): Router {
  const model = loadModel({
    format: 'frontier-sos-router/1',
    classes: ['local', 'planner', 'frontier'],
    gramScale: 1,
    features: [],
    weights: [],
    bias: [0, 0, 0],
    calibration: { temperature: 1, sureAbove: 0.5 },
  });
  return createRouter(config, model);
}

export * from './types';
export * from './config';
export * from './libraries';
export * from './router';
export {
  loadModel,
  routeClasses,
  softmax,
  type LinearModel,
  type ModelFile,
  type Prediction,
  type RouteClass,
} from './classifier/model';
export { taskFeatures, type TaskFeatures } from './classifier/features';
export {
  train,
  fitTemperature,
  toModelFile,
  scoreWith,
  type Example,
  type TrainOptions,
  type Trained,
} from './classifier/train';
export * from './judge';
export * from './meter';
export * from './compact';
export { detectLang, estimateTokens } from './text';
export { createModelJudge } from './model-judge';
export * from './feedback';

export * from './types';
export * from './config';
export * from './libraries';
export * from './rules';
export * from './judge';
export * from './meter';
export * from './compact';
export { detectLang, estimateTokens } from './text';
export { createModelJudge } from './model-judge';

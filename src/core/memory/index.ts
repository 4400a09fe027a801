export * from './pressure';
export * from './live';
export * from './history';
export * from './scheduler';
export * from './monitor';
export * from './fit-gate';

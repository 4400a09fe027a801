export * from './catalogue';
export * from './estimate';
export * from './llama-cpp';
export * from './offload';
export * from './ollama-sched';
export * from './profiles';
export * from './plan';

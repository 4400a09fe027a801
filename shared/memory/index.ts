export * from './catalogue';
export * from './estimate';
export * from './profiles';
export * from './plan';

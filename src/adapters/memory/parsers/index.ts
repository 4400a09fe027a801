export * from './common';
export * from './vm-stat';
export * from './memory-pressure';
export * from './sysctl';
export * from './meminfo';
export * from './psi';
export * from './cpuinfo';

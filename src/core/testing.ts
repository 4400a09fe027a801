// The engine's insides, for tests that check the protocol's invariants where they live (the
// Context's state, the scheduler). Lint keeps every host on src/core/index.ts; only tests import this.
export { coreInternals, type CoreInternals } from './create-core';

import { defineConfig } from 'vitest/config';

// One run, two projects: fast unit/integration tests, and the browser e2e suite (real Chromium
// against the built dashboard). Results also go to a JSON file that .ci/run summarises.
export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts', 'shared/**/*.test.ts', 'src/**/*.test.ts', 'bench/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

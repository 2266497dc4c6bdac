import { defineConfig } from 'vitest/config';

// One runner for all tests. Every test file gets its own PostgreSQL database, cloned from a
// template migrated once (test/support/global-setup.ts); the browser tests drive Chromium.
export default defineConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.ts'],
          // Browsers are heavy on two cores: one spec at a time.
          fileParallelism: false,
          testTimeout: 60_000,
        },
      },
    ],
  },
});

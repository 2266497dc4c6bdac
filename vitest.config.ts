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
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
          // Each file has its own database; most of their time is PostgreSQL's, so two files at
          // once keep both cores busy (Vitest's default on 2 cores is one).
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.ts'],
          // Browsers are heavy on two cores: one spec at a time. Two at once took the whole suite
          // from 1,226 s to 900 s here, but stretched single steps enough to fail tests at random.
          fileParallelism: false,
          testTimeout: 60_000,
        },
      },
    ],
  },
});

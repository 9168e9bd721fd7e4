import { defineConfig } from 'vitest/config'

/**
 * One test command for everything (README: `npx pnpm test`). Unit tests are pure; integration and
 * browser tests start real servers on port 0 with their own temporary SQLite files.
 */
export default defineConfig({
  test: {
    // The compiled server (`pnpm start`'s), for the tests that run it as a process or a command.
    globalSetup: ['test/compileServer.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: ['shared/test/**/*.test.ts', 'server/test/**/*.test.ts', 'test/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.ts', 'test/reliability/**/*.test.ts'] } },
      // Browser tests share one Chromium per file and are heavy on 2 cores: run them one at a time.
      { extends: true, test: { name: 'browser', include: ['test/browser/**/*.test.ts'], fileParallelism: false } },
    ],
  },
})

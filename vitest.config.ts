import { defineConfig } from 'vitest/config';

// chDB segfaults under worker threads and allows one database directory per
// process: every test file runs in its own forked process with its own temp dir.
export default defineConfig({
  test: {
    pool: 'forks',
    isolate: true,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    include: ['{schema,etl,api,tests}/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
  },
});

import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// chDB segfaults under worker threads and allows one database directory per
// process: every test file runs in its own forked process with its own temp dir.
export default defineConfig({
  resolve: {
    // One graphql instance: type-graphql (loaded by Node) gets the CommonJS build,
    // so our code must too, or graphql's instanceof checks fail ("another realm").
    alias: [
      {
        find: /^graphql$/,
        replacement: require.resolve('graphql', {
          paths: [require.resolve('type-graphql', { paths: ['api'] })],
        }),
      },
    ],
  },
  test: {
    pool: 'forks',
    isolate: true,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    exclude: ['**/node_modules/**'],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          // type-graphql decorators need the metadata polyfill before any type is declared.
          setupFiles: ['./api/src/test-setup.ts'],
          include: ['{schema,etl,api,tests,bench}/**/*.test.ts', 'dashboard/scripts/**/*.test.ts'],
        },
      },
      {
        // Dashboard data transforms and components: browser globals from jsdom.
        extends: true,
        test: {
          name: 'dashboard',
          environment: 'jsdom',
          include: ['dashboard/src/**/*.test.{ts,tsx}'],
        },
      },
    ],
  },
});

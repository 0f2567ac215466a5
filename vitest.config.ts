import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/**
 * Test files that open a database (chDB; the bench's DuckDB and PostgreSQL) or
 * start processes: the `integration` project. Every other test file is a unit
 * test, and the unit project's setup (tests/support/unit-guard.ts) makes opening
 * a database or starting a process throw, so a misfiled test fails loudly.
 * New integration tests: name them *.int.test.ts (or add a pattern here).
 */
const INTEGRATION = [
  '**/*.int.test.ts',
  'tests/**/*.test.ts',
  'schema/src/{cluster,db,env,migrate,readers}.test.ts',
  'schema/src/migrations/*.test.ts',
  'schema/src/derived/!(refresh-steps|replace-partitions|order).test.ts',
  'schema/src/derived/*/*.test.ts',
  'etl/src/{batch,cli,crash,keys,load,load-one-pass,quarantine-raw,redelivery,refresh-splits,unreadable}.test.ts',
  'api/src/{date-range,echo,server}.test.ts',
  'api/src/limits/{admission,operation}.test.ts',
  'api/src/serving/serving.test.ts',
  'api/src/sql/fragments.test.ts',
  // Metric golden tests run on a database; the tests of a pure module beside them
  // (markov.ts, roll-rates.math.ts, compliance.rollup.ts …) are unit tests.
  'api/src/metrics/*/!(markov|*.math|*.rollup|*.compute|*.compare).test.ts',
  'bench/src/{harness,harness-reuse}.test.ts',
  'bench/src/metrics/*.test.ts',
];
const NODE_TESTS = [
  '{schema,etl,generator,api,app,tests,bench}/**/*.test.ts',
  'dashboard/scripts/**/*.test.ts',
  // The dashboard's data transforms need no DOM: jsdom is set up for each file
  // that asks for it, so only components (*.test.tsx) pay for it.
  'dashboard/src/**/*.test.ts',
  'scripts/**/*.test.ts',
];
// No database in a unit test, so worker threads that keep their module graph
// between files: a fraction of the CPU of one fresh process per file (dashboard
// tests 37 → 6 s CPU). chDB, which crashes in threads, is never loaded there.
const UNIT_POOL = { pool: 'threads', isolate: false } as const;
// type-graphql decorators need the metadata polyfill before any type is declared.
const METADATA = './api/src/test-setup.ts';

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
    // Transformed modules cached on disk (node_modules/.experimental-vitest-cache,
    // keyed by content) for the next run: a repeated `pnpm test:unit` used ~27 % less
    // CPU. `vitest --clearCache` empties it.
    experimental: { fsModuleCache: true },
    testTimeout: 120_000,
    hookTimeout: 120_000,
    exclude: ['**/node_modules/**'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          ...UNIT_POOL,
          setupFiles: [METADATA, './tests/support/unit-guard.ts'],
          include: NODE_TESTS,
          exclude: ['**/node_modules/**', ...INTEGRATION],
        },
      },
      {
        // Dashboard components: browser globals from jsdom.
        extends: true,
        test: {
          name: 'unit-dom',
          ...UNIT_POOL,
          environment: 'jsdom',
          setupFiles: ['./tests/support/unit-guard.ts'],
          include: ['dashboard/src/**/*.test.tsx'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          setupFiles: [METADATA],
          include: INTEGRATION,
        },
      },
    ],
  },
});

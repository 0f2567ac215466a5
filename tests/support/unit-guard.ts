/**
 * Setup file of the unit test projects: a unit test needs no database and
 * starts no process. Every way in (chDB, a ClickHouse client, the bench's
 * DuckDB and PostgreSQL, child processes) is replaced by one that throws, so a
 * misfiled test fails at once with a message that says where it belongs,
 * instead of slowing the unit run down.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { vi } from 'vitest';

const refuse = (what: string) => () => {
  throw new Error(
    `Unit tests must not ${what}. Name the test file *.int.test.ts, or add it to ` +
      'INTEGRATION in vitest.config.ts (see "Tests" in README.md).',
  );
};
const openDb = refuse('open a database');
const start = refuse('start processes');

// The drivers are dependencies of the packages that use them (pnpm does not
// hoist them): resolve each from its package, as the code under test does.
const root = path.resolve(import.meta.dirname, '../..');
const from = (pkg: string, id: string) =>
  createRequire(path.join(root, pkg, 'package.json')).resolve(id);

// chDB's native module is never loaded here: it crashes in worker threads.
vi.doMock(from('schema', 'chdb/connection'), () => ({ createChdbConnection: openDb }));
// chdb's main entry: `import` resolves to index.mjs, `require` to index.js.
const chdbMain = from('schema', 'chdb');
for (const entry of [chdbMain, chdbMain.replace(/index\.js$/, 'index.mjs')])
  vi.doMock(entry, () => ({
    Session: class {
      constructor() {
        openDb();
      }
    },
    query: openDb,
    queryBind: openDb,
  }));
vi.doMock(from('schema', '@clickhouse/client'), async (original) => ({
  ...(await original<object>()),
  createClient: openDb,
}));
vi.doMock(from('bench', '@duckdb/node-api'), async (original) => ({
  ...(await original<object>()),
  DuckDBInstance: { create: openDb, fromCache: openDb },
}));
vi.doMock(from('bench', 'pg'), async (original) => {
  const pg = await original<{ default: object }>();
  const refused = { ...pg.default, Client: openDb, Pool: openDb };
  return { ...pg, ...refused, default: refused };
});
vi.doMock('node:child_process', async (original) => ({
  ...(await original<object>()),
  spawn: start,
  spawnSync: start,
  exec: start,
  execSync: start,
  execFile: start,
  execFileSync: start,
  fork: start,
}));

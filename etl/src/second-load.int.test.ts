/**
 * Two loads against one database at once (docs/etl.md, "One writer at a time"): the
 * second, started while the first is half-way, fails with LOAD_RUNNING before it writes
 * anything, or waits for the first when told to. Without the lease the second's recovery
 * took the first's `loading` load for interrupted and deleted its rows under it.
 * The second load runs through a second client of the same chDB (two connections of one
 * process share the engine), so its statements can be told apart.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadEnv, openDb, queryRows, type Db } from '@collections/schema';
import { openTempDb, type TempDb } from '@collections/schema/testing';
import { loadPaths } from './load/index.ts';
import { statements } from './testing/statements.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'etl-second-load-'));
let db: TempDb;
let other: Db;

beforeAll(async () => {
  db = await openTempDb();
  other = await openDb(loadEnv({ CHDB_PATH: db.dir }));
});
afterAll(async () => {
  await other?.client.close();
  await db?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

function payments(name: string, account: string, n: number): string {
  const file = path.join(dir, name);
  const lines = Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      event_id: `${name}-${i}`,
      type: 'payment',
      occurred_at: `2024-03-0${1 + (i % 9)}T10:00:00Z`,
      payment_id: `${name}-${i}`,
      account_id: account,
      amount: 10 + i,
    }),
  );
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const ledger = () =>
  queryRows<{ path: string; status: string }>(
    db,
    `SELECT path, argMax(status, updated_at) AS status FROM load_ledger GROUP BY load_id, path ORDER BY path`,
  );

it('a second load while the first is half-way fails with LOAD_RUNNING and writes nothing', async () => {
  const a = payments('a.ndjson', 'A', 50);
  const b = payments('b.ndjson', 'B', 5);
  let second: Promise<string[]> | undefined;
  let failure: unknown;
  const first = await loadPaths(db, [a], {
    onePass: 'never',
    onStep: (step) => {
      // The first load's ledger says `loading` and its rows are staged.
      if (step === 'staged')
        second ??= statements(other, () =>
          loadPaths(other, [b]).catch((err: unknown) => (failure = err)),
        );
    },
  });
  const sent = await second!;
  expect(first).toMatchObject({ loaded: 50, recovered: 0 });
  expect(failure).toMatchObject({ code: 'LOAD_RUNNING' });
  expect(String((failure as Error).message)).toMatch(
    new RegExp(
      `^another etl load \\(host .*, pid ${process.pid}, since .* UTC\\) holds the database default; nothing was done\\.`,
    ),
  );
  // One CREATE of the lease that failed, one read of its holder: nothing else.
  expect(sent).toHaveLength(2);
  expect(sent[0]).toMatch(/^CREATE TABLE etl_lease \(holder String, heartbeat .* COMMENT '/s);
  expect(sent[1]).toMatch(/^WITH \(SELECT any\(comment\) FROM system\.tables.* FROM etl_lease$/s);
  expect(await ledger()).toEqual([{ path: a, status: 'done' }]);
  const accounts = await queryRows<{ account_id: string; n: string }>(
    db,
    'SELECT account_id, count() AS n FROM payment GROUP BY account_id',
  );
  expect(accounts).toEqual([{ account_id: 'A', n: '50' }]);
});

it('told to wait, the second load runs once the first has finished', async () => {
  const c = payments('c.ndjson', 'C', 20);
  const d = payments('d.ndjson', 'D', 3);
  const said: string[] = [];
  let second: Promise<unknown> | undefined;
  let firstDone = false;
  await loadPaths(db, [c], {
    onePass: 'never',
    onStep: (step) => {
      if (step === 'staged')
        second ??= loadPaths(other, [d], {
          lease: { seconds: 600, say: (l) => said.push(l) },
        }).then((summary) => ({ summary, afterFirst: firstDone }));
    },
  });
  firstDone = true;
  expect(await second).toMatchObject({ summary: { loaded: 3, recovered: 0 }, afterFirst: true });
  expect(said[0]).toMatch(
    /^waiting: another etl load \(host .*\) holds the database \(0 s of 600 s\)$/,
  );
  expect((await ledger()).map((r) => r.status)).toEqual(['done', 'done', 'done']);
});

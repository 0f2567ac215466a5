/**
 * Two shards in one database (tables `<t>_s1`, `<t>_s2`), the events routed as on the
 * cluster (docs/decisions/008-cluster-derived.md): by account, a case event by its
 * case's account. Each shard refreshes only its own rows; together they must hold
 * what one node holds — exactly for the tables placed by account, in their sums for
 * the partial ones. This is what makes a shard-local refresh correct: no derived row
 * needs another shard's events.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_ACCOUNTS, clusterLoads, createShard, rowFingerprints } from './cluster-fixture.ts';
import { queryRows, type Db } from './db.ts';
import { DERIVED_TABLES, refreshDerived } from './derived/index.ts';
import { openTempDb, testLoadId, type TempDb } from './testing.ts';

let db: TempDb;
const shards: Pick<Db, 'client'>[] = [];
/** The shard of an account: A1 on the first, A2 on the second. */
const SHARD_OF: Record<string, number> = { A1: 0, A2: 1 };

function shardOf(row: Record<string, unknown>): number {
  const account = (row.account_id as string | undefined) || CASE_ACCOUNTS[row.case_id as string];
  // an agent registration has no account: any shard holds it
  return account === undefined ? 0 : SHARD_OF[account]!;
}

beforeAll(async () => {
  db = await openTempDb();
  for (const n of [1, 2]) shards.push(await createShard(db, (t) => `${t}_s${n}`));
  for (const [i, rows] of clusterLoads().entries()) {
    for (const [table, values] of Object.entries(rows)) {
      await db.client.insert({ table, values, format: 'JSONEachRow' });
      for (const [n, shard] of shards.entries()) {
        const own = values.filter((row) => shardOf(row) === n);
        if (own.length > 0)
          await shard.client.insert({ table, values: own, format: 'JSONEachRow' });
      }
    }
    for (const target of [db, ...shards])
      await refreshDerived(target, { loadIds: [testLoadId(i + 1)], maxListedKeys: 1 });
  }
}, 180_000);
afterAll(() => db.dispose());

/**
 * Sum of every numeric column of `table` but flags (UInt8: dimensions such as has_opened,
 * whose sum counts rows, and a key has a row per shard): the additive measures.
 */
async function sums(target: Pick<Db, 'client'>, table: string): Promise<Record<string, number>> {
  const columns = await queryRows<{ name: string }>(
    db,
    `SELECT name FROM system.columns WHERE database = currentDatabase() AND table = {t:String}
       AND match(type, '^(U?Int|Decimal)') AND type != 'UInt8'`,
    { t: table },
  );
  if (columns.length === 0) return {};
  const list = columns.map((c) => `toFloat64(sum(${c.name})) AS ${c.name}`).join(', ');
  const [row] = await queryRows<Record<string, number>>(target, `SELECT ${list} FROM ${table}`);
  return row!;
}

describe('two shards refreshed apart', () => {
  it('hold together the rows one node holds, for every table placed by account', async () => {
    const single = await rowFingerprints(db, db);
    const [s1, s2] = await Promise.all(shards.map((s) => rowFingerprints(db, s)));
    const placed = DERIVED_TABLES.filter((t) => t.shard === 'account');
    expect(placed.length).toBeGreaterThan(0);
    for (const { name } of placed) {
      const [a, b] = [s1![name]!, s2![name]!];
      expect(single[name]!.rows, name).toBeGreaterThan(0);
      // a multiset union: rows add, and so do their hashes (UInt64 sums wrap)
      expect(a.rows + b.rows, name).toBe(single[name]!.rows);
      expect((a.hash + b.hash) % 2n ** 64n, name).toBe(single[name]!.hash);
    }
  });

  it('hold parts of the partial tables whose measures add up to one node’s', async () => {
    for (const { name } of DERIVED_TABLES.filter((t) => t.shard === 'partial')) {
      const single = await sums(db, name);
      const [a, b] = await Promise.all(shards.map((s) => sums(s, name)));
      for (const [column, value] of Object.entries(single))
        expect(a![column]! + b![column]!, `${name}.${column}`).toBeCloseTo(value, 6);
    }
  });
});

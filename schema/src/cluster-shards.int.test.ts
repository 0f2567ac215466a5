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
import { fingerprintColumns, openTempDb, testLoadId, type TempDb } from './testing.ts';

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
      await refreshDerived(target, { loadIds: [testLoadId(i + 1)], rowsPerSlice: 1 });
  }
}, 180_000);
afterAll(() => db.dispose());

/**
 * What a partial table's parts combine to, per column (its run-to-run columns left out):
 * numbers but flags are summed (UInt8 flags such as has_opened count rows, and a key has
 * a row per shard), arrays by their lengths; times by their max (data_as_of's parts are
 * each shard's latest instant, and the as-of is their max); every other column
 * (keys, dimension values) by its set of distinct values.
 */
interface Parts {
  rows: number;
  sums: Record<string, number>;
  max: Record<string, string>;
  sets: Record<string, string[]>;
}

async function parts(target: Pick<Db, 'client'>, table: string): Promise<Parts> {
  const names = await fingerprintColumns(db, table);
  const types = await queryRows<{ name: string; type: string }>(
    db,
    `SELECT name, type FROM system.columns WHERE database = currentDatabase() AND table = {t:String}`,
    { t: table },
  );
  const out: Parts = { rows: 0, sums: {}, max: {}, sets: {} };
  const [count] = await queryRows<{ n: string }>(target, `SELECT count() AS n FROM ${table}`);
  out.rows = Number(count!.n);
  for (const { name, type } of types.filter((t) => names.includes(t.name))) {
    const read = async (expr: string) =>
      (await queryRows<{ v: string }>(target, `SELECT toString(${expr}) AS v FROM ${table}`))[0]!.v;
    if (/^(Nullable\()?(U?Int|Decimal|Float)/.test(type) && type !== 'UInt8')
      out.sums[name] = Number(await read(`sum(${name})`));
    else if (type.startsWith('Array')) out.sums[name] = Number(await read(`sum(length(${name}))`));
    else if (/^(Nullable\()?(Date|DateTime)/.test(type)) {
      out.max[name] = await read(`max(${name})`);
    } else if (type !== 'UInt8')
      out.sets[name] = (
        await queryRows<{ v: string }>(
          target,
          `SELECT DISTINCT toString(${name}) AS v FROM ${table} ORDER BY v`,
        )
      ).map((r) => r.v);
  }
  return out;
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

  it('hold parts of the partial tables that combine to one node’s', async () => {
    const partial = DERIVED_TABLES.filter((t) => t.shard === 'partial');
    expect(partial.length).toBeGreaterThan(0);
    for (const { name } of partial) {
      const single = await parts(db, name);
      const [a, b] = await Promise.all(shards.map((s) => parts(s, name)));
      expect(single.rows, name).toBeGreaterThan(0);
      for (const [column, value] of Object.entries(single.sums))
        expect(a!.sums[column]! + b!.sums[column]!, `${name}.${column}`).toBeCloseTo(value, 6);
      // a shard without rows has no max (ClickHouse gives the type's zero): compare the shards that have rows
      const withRows = [a!, b!].filter((p) => p.rows > 0);
      for (const column of Object.keys(single.max)) {
        expect(
          withRows
            .map((p) => p.max[column]!)
            .sort()
            .at(-1),
          `${name}.${column}`,
        ).toBe(single.max[column]);
      }
      for (const [column, values] of Object.entries(single.sets))
        expect(
          [...new Set([...a!.sets[column]!, ...b!.sets[column]!])].sort(),
          `${name}.${column}`,
        ).toEqual(values);
    }
  });
});

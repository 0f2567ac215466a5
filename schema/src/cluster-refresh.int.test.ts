/**
 * The refresh of every derived table in its cluster form (cluster.ts,
 * docs/decisions/008-cluster-derived.md). One database holds both the single-node
 * tables and a one-shard copy made of `_local` tables (plain MergeTree here), so the
 * shard-local statements really run: the same loads give the same derived rows in
 * both, every statement sent to the shard is parsed by ClickHouse (formatQuery) and
 * reads or writes `_local` tables only. The list of tables comes from DERIVED_TABLES:
 * a new derived table is covered, and fails here without a cluster rendering.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localName, shardTables } from './cluster.ts';
import { queryRows, type Db } from './db.ts';
import { DERIVED_TABLES, refreshDerived } from './derived/index.ts';
import { clusterTables, renderMigration } from './migrate.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { EVENT_TABLES } from './tables.ts';
import { clusterLoads, createShard, rowFingerprints } from './cluster-fixture.ts';
import { openTempDb, testLoadId, type TempDb } from './testing.ts';

const tables = clusterTables();
const onShard = shardTables(tables);
let db: TempDb;
let shard: Pick<Db, 'client'>;
/** Statements the shard received while recording (the refreshes). */
const sent: string[] = [];
let recording = false;

/** `db` with every statement it is sent recorded while `recording`. */
function recorded(inner: Pick<Db, 'client'>): Pick<Db, 'client'> {
  const keep = (query: string) => (recording && sent.push(query), query);
  const client = inner.client;
  return {
    client: new Proxy(client, {
      get(target, prop, receiver) {
        if (prop === 'command' || prop === 'query' || prop === 'exec')
          return (p: { query: string }) =>
            (client[prop] as (x: unknown) => unknown)({ ...p, query: keep(p.query) });
        return Reflect.get(target, prop, receiver);
      },
    }) as ClickHouseClient,
  };
}

beforeAll(async () => {
  db = await openTempDb();
  shard = await createShard(recorded(db), localName);
  // small slices and key lists: the sliced statements are rendered too
  const context = { rowsPerSlice: 1 } as const;
  for (const [i, rows] of clusterLoads().entries()) {
    const loadIds = [testLoadId(i + 1)];
    for (const target of [db, shard]) {
      for (const [table, values] of Object.entries(rows))
        await target.client.insert({ table, values, format: 'JSONEachRow' });
      recording = target === shard;
      await refreshDerived(target, { loadIds, ...context });
      recording = false;
    }
  }
}, 120_000);
afterAll(() => db.dispose());

/** Tables a formatted statement reads or writes (formatQuery spells them after these words; ARRAY JOIN joins a column). */
function tablesOf(formatted: string): string[] {
  const names = formatted.matchAll(
    /\b(?:FROM|(?<!ARRAY )JOIN|INTO|TABLE(?: IF(?: NOT)? EXISTS)?)\s+([A-Za-z_][\w.]*)/g,
  );
  return [...names].map((m) => m[1]!);
}

describe('derived tables on a cluster', () => {
  it('are created by the migrations and held per shard', () => {
    for (const { name } of DERIVED_TABLES) expect(onShard.has(name), name).toBe(true);
    // the ETL's own tables are read whole, through their Distributed table
    for (const name of ['load_ledger', 'event_index', 'quarantine'])
      expect(onShard.has(name), name).toBe(false);
  });

  it('render their DDL for the cluster: a replicated `_local` table and a Distributed one, parsed', async () => {
    const ddl = MIGRATIONS.flatMap((m) =>
      renderMigration(m, { kind: 'cluster', cluster: 'collections' }),
    );
    for (const { name } of DERIVED_TABLES) {
      const local = ddl.find((s) => s.startsWith(`CREATE TABLE IF NOT EXISTS ${localName(name)} `));
      const dist = ddl.find((s) => s.startsWith(`CREATE TABLE IF NOT EXISTS ${name} `));
      expect(local, name).toMatch(
        /ENGINE = Replicated\w*MergeTree\('\/clickhouse\/tables\/\{shard\}/,
      );
      expect(dist, name).toContain(
        `ENGINE = Distributed('collections', currentDatabase(), ${localName(name)}`,
      );
      for (const sql of [local!, dist!]) {
        const [row] = await queryRows<{ q: string }>(db, 'SELECT formatQuery({sql:String}) AS q', {
          sql,
        });
        expect(row?.q).toMatch(/^CREATE TABLE/);
      }
    }
  });

  it('declare a shard key only where it is a function of the row: the account', () => {
    for (const table of DERIVED_TABLES) {
      const key = tables.get(table.name)?.shardKey;
      if (table.shard === 'partial') expect(key, table.name).toBeUndefined();
      else expect([undefined, 'sipHash64(account_id)'], table.name).toContain(key);
    }
    for (const table of Object.values(EVENT_TABLES))
      if (table.name !== 'agent_registered')
        expect([undefined, 'sipHash64(account_id)'], table.name).toContain(table.shardKey);
  });

  it('keep column names apart from table names (renameTables renames every such word)', () => {
    for (const table of tables.values())
      for (const column of table.columns)
        expect(tables.has(column.name), `${table.name}.${column.name}`).toBe(false);
  });

  it('refresh on a shard into the same rows as on one node', async () => {
    const single = await rowFingerprints(db, db);
    expect(Object.keys(single).sort()).toEqual(DERIVED_TABLES.map((t) => t.name).sort());
    expect(Object.values(single).some((f) => f.rows === 0)).toBe(false);
    expect(await rowFingerprints(db, shard)).toEqual(single);
  });

  it('refresh with statements ClickHouse parses, on `_local` tables only', async () => {
    expect(sent.length).toBeGreaterThan(0);
    const written = new Set<string>();
    for (const sql of sent) {
      const [row] = await queryRows<{ q: string }>(db, 'SELECT formatQuery({sql:String}) AS q', {
        sql,
      });
      const formatted = row!.q;
      for (const name of tablesOf(formatted))
        expect(name.endsWith('_local') || name.startsWith('system.'), `${name} in ${sql}`).toBe(
          true,
        );
      const target = /^(?:INSERT INTO|DELETE FROM|ALTER TABLE|CREATE TABLE)\s+(\w+)/.exec(
        formatted,
      )?.[1];
      if (target) written.add(target);
    }
    // every derived table is written on the shard (account_month through its stage)
    for (const { name } of DERIVED_TABLES)
      expect(written.has(localName(name)) || written.has(localName(`${name}_stage`)), name).toBe(
        true,
      );
    // the second load rewrote rows: its deletes and partition swaps were rendered too
    expect([...sent].some((s) => /^\s*DELETE FROM \w+_local/.test(s))).toBe(true);
  });
});

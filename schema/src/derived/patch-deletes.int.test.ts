/**
 * The DELETEs of a refresh are patch parts, not mutations (refresh-steps.ts deleteOlder,
 * docs/decisions/010-patch-part-deletes.md): two overlapping loads (cluster-fixture.ts:
 * every event type, a late opening that changes an account's dimensions) make every
 * derived table rewrite keys it holds, so each runs its DELETE; the rows left are those
 * of one refresh of both loads into emptied tables, and no derived table but account_month (projections: its
 * DELETE stays a mutation) has a mutation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterLoads, rowFingerprints } from '../cluster-fixture.ts';
import { queryRows } from '../db.ts';
import { createTableSql } from '../ddl.ts';
import { m760PatchPartDeletes } from '../migrations/760-patch-part-deletes.ts';
import { openTempDb, testLoadId, type TempDb } from '../testing.ts';
import { ACCOUNT_MONTH } from './account-month/index.ts';
import { DERIVED_TABLES, refreshDerived } from './index.ts';

const PATCHED = DERIVED_TABLES.map((t) => t.name).filter((n) => n !== ACCOUNT_MONTH.name);

/** Derived tables with a mutation (a lightweight DELETE not written as a patch part). */
async function mutated(db: TempDb): Promise<string[]> {
  const rows = await queryRows<{ table: string }>(
    db,
    `SELECT DISTINCT table FROM system.mutations
     WHERE database = currentDatabase() AND table IN {tables:Array(String)} ORDER BY table`,
    { tables: DERIVED_TABLES.map((t) => t.name) },
  );
  return rows.map((r) => r.table);
}

/** Tables among `tables` whose CREATE carries both block columns. */
async function withBlockColumns(db: TempDb, tables: readonly string[]): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    `SELECT name FROM system.tables
     WHERE database = currentDatabase() AND name IN {tables:Array(String)}
       AND create_table_query LIKE '%enable_block_number_column = 1%'
       AND create_table_query LIKE '%enable_block_offset_column = 1%'
     ORDER BY name`,
    { tables: [...tables] },
  );
  return rows.map((r) => r.name);
}

describe('patch-part deletes', () => {
  let db: TempDb;
  beforeAll(async () => {
    db = await openTempDb();
  });
  afterAll(() => db.dispose());

  it('declares the block columns on every derived table but account_month', async () => {
    expect(
      await withBlockColumns(
        db,
        DERIVED_TABLES.map((t) => t.name),
      ),
    ).toEqual([...PATCHED].sort());
  });

  it('deletes the older rows of rewritten keys without a mutation', async () => {
    for (const [i, rows] of clusterLoads().entries()) {
      for (const [table, values] of Object.entries(rows))
        await db.client.insert({ table, values, format: 'JSONEachRow' });
      await refreshDerived(db, { loadIds: [testLoadId(i + 1)] });
    }
    const patches = await queryRows<{ table: string }>(
      db,
      `SELECT DISTINCT table FROM system.parts
       WHERE database = currentDatabase() AND active AND startsWith(name, 'patch-')`,
    );
    // the second load rewrote keys in most tables: their DELETEs wrote patch parts
    expect(patches.length).toBeGreaterThan(5);
    // the late opening changed A1's dimensions: account_month's DELETE ran, a mutation
    expect(await mutated(db)).toEqual([ACCOUNT_MONTH.name]);
    // the rows left are one refresh of both loads into emptied tables (rebuild.ts)
    const refreshed = await rowFingerprints(db, db);
    for (const { name } of DERIVED_TABLES)
      await db.client.command({ query: `TRUNCATE TABLE ${name}` });
    await refreshDerived(db, { loadIds: [testLoadId(1), testLoadId(2)] });
    expect(refreshed).toEqual(await rowFingerprints(db, db));
  });
});

describe('migration 760', () => {
  let db: TempDb;
  beforeAll(async () => {
    db = await openTempDb({ migrate: false });
  });
  afterAll(() => db.dispose());

  it('gives existing derived tables the block columns', async () => {
    for (const { table } of DERIVED_TABLES)
      await db.client.command({ query: createTableSql({ ...table, settings: undefined }) });
    expect(await withBlockColumns(db, PATCHED)).toEqual([]);
    for (const step of m760PatchPartDeletes.steps)
      if ('sql' in step) await db.client.command({ query: step.sql });
    expect(await withBlockColumns(db, PATCHED)).toEqual([...PATCHED].sort());
  });
});

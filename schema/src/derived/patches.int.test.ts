/**
 * applyPatches (`pnpm etl maintain`, docs/operations.md): two overlapping loads
 * (cluster-fixture.ts) make the derived tables rewrite keys, so their DELETEs leave
 * patch parts; applying them leaves none pending and every table's rows as they were.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { clusterLoads, rowFingerprints } from '../cluster-fixture.ts';
import { fileTempDb } from '../test-db.ts';
import { testLoadId, type TempDb } from '../testing.ts';
import { queryRows } from '../db.ts';
import { DERIVED_TABLES, refreshDerived } from './index.ts';
import { applyPatches, patchState } from './patches.ts';

/** Derived tables whose row count differs when a read skips the patch parts. */
async function unpatchedDiffers(db: TempDb): Promise<string[]> {
  const differs: string[] = [];
  // a count that reads the rows: the trivial count (part metadata) adds a patch part's rows
  const count = async (name: string, apply: 0 | 1) => {
    const [row] = await queryRows<{ n: string }>(
      db,
      `SELECT count() AS n FROM ${name} WHERE NOT ignore(*) SETTINGS apply_patch_parts = ${apply}`,
    );
    return row?.n;
  };
  for (const { name } of DERIVED_TABLES)
    if ((await count(name, 1)) !== (await count(name, 0))) differs.push(name);
  return differs;
}

const pendingTables = async (db: TempDb) =>
  (await patchState(db)).filter((s) => s.pending > 0).map((s) => s.table);

describe('applyPatches', () => {
  const db = fileTempDb();
  beforeAll(async () => {
    for (const [i, rows] of clusterLoads().entries()) {
      for (const [table, values] of Object.entries(rows))
        await db.client.insert({ table, values, format: 'JSONEachRow' });
      await refreshDerived(db, { loadIds: [testLoadId(i + 1)] });
    }
  });

  it('leaves no table below the threshold touched', async () => {
    const before = await pendingTables(db);
    // the second load rewrote keys in most tables: their DELETEs wrote patch parts
    expect(before.length).toBeGreaterThan(5);
    expect(await applyPatches(db, { minPending: 1_000 })).toEqual([]);
    expect(await pendingTables(db)).toEqual(before);
  });

  it('applies every pending patch part and keeps the rows', async () => {
    const before = await patchState(db);
    const rows = await rowFingerprints(db, db);
    expect((await unpatchedDiffers(db)).length).toBeGreaterThan(0);
    const applied = await applyPatches(db);
    expect(applied.map((a) => a.table).sort()).toEqual(
      before
        .filter((s) => s.pending > 0)
        .map((s) => s.table)
        .sort(),
    );
    for (const a of applied) expect(a.patchedRows).toBeGreaterThan(0);
    expect(await pendingTables(db)).toEqual([]);
    expect(await rowFingerprints(db, db)).toEqual(rows);
    // a read that skips patch parts sees the same rows: they are in the data parts now
    expect(await unpatchedDiffers(db)).toEqual([]);
  });
});

/**
 * Patch parts of the derived tables (docs/operations.md, Patch parts): every refresh's
 * DELETE is written as a patch part (deleteOlder, docs/decisions/010-patch-part-deletes.md),
 * which every read applies to the data parts written before it until a merge or a mutation
 * rewrites them. A big old part that merges no longer pick keeps its patches pending for
 * good, so they pile up by one per table and load; `applyPatches` (`pnpm etl maintain`)
 * rewrites them with `ALTER TABLE … APPLY PATCHES`, and ClickHouse drops the patch parts
 * no data part needs any more in the background (within about a minute).
 */
import { queryRows, type Db } from '../db.ts';
import { DERIVED_TABLES } from './index.ts';

/** A derived table's patch parts. */
export interface PatchState {
  readonly table: string;
  /** active patch parts */
  readonly patchParts: number;
  /** of them, those a read still applies: some data part is older than the patch */
  readonly pending: number;
  /** rows of the data parts a read applies a pending patch to */
  readonly patchedRows: number;
}

interface PartRow {
  table: string;
  partition_id: string;
  data_version: string;
  rows: string;
  patch: number;
}

/**
 * The patch parts of `tables` (every derived table by default). A patch part's partition
 * is `patch-<hash>-<partition>`; it applies to the active data parts of that partition
 * whose data version is below its own (ClickHouse's lightweight updates).
 */
export async function patchState(
  db: Pick<Db, 'client'>,
  tables: readonly string[] = DERIVED_TABLES.map((t) => t.name),
): Promise<PatchState[]> {
  const parts = await queryRows<PartRow>(
    db,
    `SELECT table, partition_id, toString(data_version) AS data_version, toString(rows) AS rows,
            startsWith(name, 'patch-') AS patch
     FROM system.parts
     WHERE database = currentDatabase() AND active AND table IN {tables:Array(String)}`,
    { tables: [...tables] },
  );
  return tables.map((table) => {
    const own = parts.filter((p) => p.table === table);
    const data = own.filter((p) => !Number(p.patch));
    const patches = own.filter((p) => Number(p.patch));
    const older = (patch: PartRow) => {
      const partition = patch.partition_id.replace(/^patch-[0-9a-f]+-/, '');
      return data.filter(
        (d) => d.partition_id === partition && Number(d.data_version) < Number(patch.data_version),
      );
    };
    const pending = patches.filter((p) => older(p).length > 0);
    const patched = new Set(pending.flatMap(older));
    return {
      table,
      patchParts: patches.length,
      pending: pending.length,
      patchedRows: [...patched].reduce((sum, d) => sum + Number(d.rows), 0),
    };
  });
}

/** What applyPatches did to one table. */
export interface AppliedPatches extends PatchState {
  /** wall seconds of its APPLY PATCHES */
  readonly seconds: number;
}

/**
 * `ALTER TABLE … APPLY PATCHES` on every derived table holding at least `minPending`
 * pending patch parts (1: any), waiting for the mutation to finish; returns what each
 * held before. Only the data parts with a pending patch are rewritten, and only their
 * `_row_exists` column (a patch part of a DELETE holds no other), so the rows stay as
 * the reads saw them.
 */
export async function applyPatches(
  db: Pick<Db, 'client'>,
  options: { minPending?: number } = {},
): Promise<AppliedPatches[]> {
  const minPending = Math.max(1, options.minPending ?? 1);
  const applied: AppliedPatches[] = [];
  for (const state of await patchState(db)) {
    if (state.pending < minPending) continue;
    const t0 = performance.now();
    // the name is a derived table's, never input
    await db.client.command({
      query: `ALTER TABLE ${state.table} APPLY PATCHES SETTINGS mutations_sync = 2`,
    });
    applied.push({ ...state, seconds: (performance.now() - t0) / 1000 });
  }
  return applied;
}

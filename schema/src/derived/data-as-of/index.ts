/**
 * `data_as_of`: one row per committed load with the latest `occurred_at` it
 * wrote across every event table, so that the docs/metrics/README.md#as-of (the
 * latest occurred_at loaded) is a max() over a handful of rows instead of a
 * max() over all eleven event tables on every query.
 *
 * Refresh: one row per given load that wrote events and has no row yet, so a
 * load refreshed again (the rerun after a crash in the refresh phase) adds
 * nothing. A load undone before its refresh (ETL recovery) never gets a row.
 */
import type { Db } from '../../db.ts';
import type { TableDef } from '../../ddl.ts';
import { EVENT_TYPES } from '../../domain.ts';
import type { DerivedTable, RefreshContext } from '../index.ts';
import { PATCH_PARTS } from '../refresh-steps.ts';

export const DATA_AS_OF: TableDef = {
  name: 'data_as_of',
  engine: 'MergeTree',
  settings: PATCH_PARTS,
  columns: [
    { name: 'load_id', type: 'UUID' },
    {
      name: 'max_occurred_at',
      type: "DateTime64(3, 'UTC')",
      comment: 'latest occurred_at the load wrote, any event table',
    },
    { name: 'refreshed_at', type: "DateTime64(3, 'UTC')", default: 'now64(3)' },
  ],
  orderBy: 'load_id',
  why: 'docs/metrics/README.md#as-of: max(max_occurred_at) over one row per load.',
};

export const DATA_AS_OF_INSERT_SQL = `
INSERT INTO data_as_of (load_id, max_occurred_at)
SELECT load_id, max(t) FROM (
  ${EVENT_TYPES.map(
    (table) =>
      `SELECT load_id, max(occurred_at) AS t FROM ${table} WHERE load_id IN {loadIds:Array(UUID)} GROUP BY load_id`,
  ).join('\n  UNION ALL\n  ')}
)
-- idempotent: a load an earlier refresh wrote (its value cannot change) is not written again
WHERE load_id NOT IN (SELECT load_id FROM data_as_of WHERE load_id IN {loadIds:Array(UUID)})
GROUP BY load_id`;

export const dataAsOf: DerivedTable = {
  name: DATA_AS_OF.name,
  table: DATA_AS_OF,
  shard: 'partial',
  async refresh(db: Pick<Db, 'client'>, context: RefreshContext): Promise<void> {
    if (context.loadIds.length === 0) return;
    await db.client.command({
      query: DATA_AS_OF_INSERT_SQL,
      query_params: { loadIds: [...context.loadIds] },
    });
  },
};

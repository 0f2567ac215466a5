/**
 * `data_as_of`: one row per committed load with the latest `occurred_at` it
 * wrote across every event table, so that the docs/metrics/README.md#as-of (the
 * latest occurred_at loaded) is a max() over a handful of rows instead of a
 * max() over all eleven event tables on every query.
 *
 * Refresh: one row per given load that wrote events and has no row yet, so a
 * load refreshed again (the rerun after a crash in the refresh phase) adds
 * nothing. A load undone before its refresh (ETL recovery) never gets a row.
 * Within refreshDerived each load's latest instant is known from the refresh's
 * bounds (load-bounds.ts: the one scan of the event tables' load_id) and written
 * from them; a refresh of this table alone scans the event tables.
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

/** The same from each load's latest instant found by the refresh ({ids}, {latest}: ms). */
export const DATA_AS_OF_KNOWN_SQL = `
INSERT INTO data_as_of (load_id, max_occurred_at)
SELECT p.1, fromUnixTimestamp64Milli(p.2, 'UTC')
FROM (SELECT arrayJoin(arrayZip({ids:Array(UUID)}, {latest:Array(Int64)})) AS p)
WHERE p.1 NOT IN (SELECT load_id FROM data_as_of WHERE load_id IN {ids:Array(UUID)})`;

export const dataAsOf: DerivedTable = {
  name: DATA_AS_OF.name,
  table: DATA_AS_OF,
  shard: 'partial',
  lookBack: { kind: 'none', why: 'one row per load' },
  async refresh(db: Pick<Db, 'client'>, context: RefreshContext): Promise<void> {
    if (context.loadIds.length === 0) return;
    const latest = context.bounds?.latest;
    if (latest) {
      // the bounds key loads by toString(load_id): lowercase, whatever case the caller used
      const ids = context.loadIds.map((id) => id.toLowerCase()).filter((id) => latest.has(id));
      if (ids.length === 0) return;
      await db.client.command({
        query: DATA_AS_OF_KNOWN_SQL,
        query_params: { ids, latest: ids.map((id) => Number(latest.get(id))) },
      });
      return;
    }
    await db.client.command({
      query: DATA_AS_OF_INSERT_SQL,
      query_params: { loadIds: [...context.loadIds] },
    });
  },
};

/**
 * The refresh protocol of the derived tables: insert the recomputed rows of the touched
 * keys with a fresh refresh_id, then delete the older rows of those keys. Both steps
 * are skipped when they have nothing to do — a load that touches none of the
 * table's keys (most loads touch one or two event types) costs one cheap
 * SELECT, and a table that was empty needs no DELETE. Every DELETE of a refresh is a
 * patch part (deleteOlder: docs/decisions/010-patch-part-deletes.md), not a mutation.
 */
import { randomUUID } from 'node:crypto';
import { queryRows, type Db } from '../db.ts';
import type { EventType } from '../domain.ts';
import type { RefreshContext } from './index.ts';
import { loadBounds, loadedRows, loadParams } from './load-bounds.ts';

export interface RefreshSteps {
  /** the derived table the steps write */
  readonly table: string;
  /** A query returning at least one row when the loads touched a key of the table. */
  readonly touched: string;
  readonly insert: string;
  /** Deletes the older rows of the rewritten keys (deleteOlder). */
  readonly delete: string;
  /**
   * Slices of a big refresh, to bound its memory: `keys` selects the key (`key`) of
   * every loaded row the insert sorts; when they are more than `rowsPerSlice`
   * (context.rowsPerSlice first), the insert runs once per range of keys (sliceParams)
   * and must keep to the keys of its range (sliceRange).
   */
  readonly slices?: { readonly keys: string; readonly rowsPerSlice: number };
}

/**
 * The table settings under which a lightweight DELETE is written as a patch part
 * (ClickHouse's lightweight updates): each row keeps the number of its insert block
 * and its offset there, by which a patch part names the rows it deletes. Every derived
 * table declares them in its TableDef (migration 760 sets them on older databases)
 * except account_month: ClickHouse uses no projection of a table while it holds a
 * patch part, and account_month's reads go through its projections.
 */
export const PATCH_PARTS = {
  enable_block_number_column: 1,
  enable_block_offset_column: 1,
} as const;

/**
 * Run a DELETE of a refresh (`DELETE FROM t WHERE …`: the older rows of the keys it
 * rewrote) as a patch part: a small part marking the deleted rows, written like an
 * INSERT … SELECT and applied by every read until a merge folds it in — no mutation, no
 * part rewritten (docs/decisions/010-patch-part-deletes.md). On a table without
 * PATCH_PARTS ClickHouse falls back to a mutation (`lightweight_update`, not `…_force`).
 * `settings` go into the statement's SETTINGS clause, as the mode does: chDB's
 * connection turns a query's clickhouse_settings into SETs that outlive it.
 */
export async function deleteOlder(
  db: Pick<Db, 'client'>,
  query: string,
  query_params: Record<string, unknown>,
  settings: Readonly<Record<string, number>> = {},
): Promise<void> {
  const clause = Object.entries(settings).map(([name, value]) => `, ${name} = ${value}`);
  await db.client.command({
    query: `${query}\nSETTINGS lightweight_delete_mode = 'lightweight_update'${clause.join('')}`,
    query_params,
  });
}

/**
 * Whether `key` is in the statement's range of keys: [{slice_lo}, {slice_hi}), or
 * [{slice_lo}, ∞) for the last. A range, not a hash, so that tables sorted by the key
 * read only its granules (voice_attempts at scale M, 7 slices: 49 s by range, 59.5 s
 * by hash).
 */
export function sliceRange(key: string): string {
  return `${key} >= {slice_lo:String} AND ({slice_last:UInt8} = 1 OR ${key} < {slice_hi:String})`;
}

/** Run `steps`; `keysId` is the `{keysId:UUID}` of statements reading refresh_keys (keys.ts). */
export async function refreshKeys(
  db: Pick<Db, 'client'>,
  context: RefreshContext,
  steps: RefreshSteps,
  keysId?: string,
): Promise<void> {
  if (context.loadIds.length === 0) return;
  const query_params = {
    ...loadParams(context.loadIds, context.bounds),
    ...(keysId ? { keysId } : {}),
  };
  if ((await queryRows(db, `${steps.touched} LIMIT 1`, query_params)).length === 0) return;
  const ranges = steps.slices
    ? await sliceParams(db, context, steps.slices, query_params)
    : [ALL_KEYS];
  await rewriteRanges(db, context, steps, query_params, ranges);
}

/**
 * The insert-then-delete protocol over ranges of keys: `insert` runs once per range
 * (sliceParams; [ALL_KEYS] when not sliced) with one fresh `{refreshId}`, then the older
 * rows of what it rewrote are deleted (`delete` over ALL_KEYS, a patch part) — not when
 * the table was empty when the refresh began. No "older rows?" probe first: it cost
 * about what the DELETE costs, and a patch DELETE that matches nothing writes nothing.
 */
export async function rewriteRanges(
  db: Pick<Db, 'client'>,
  context: RefreshContext,
  steps: Pick<RefreshSteps, 'table' | 'insert' | 'delete'>,
  params: Record<string, unknown>,
  ranges: readonly KeyRange[],
): Promise<void> {
  const refreshId = randomUUID();
  for (const range of ranges)
    await db.client.command({
      query: steps.insert,
      query_params: { ...params, refreshId, ...range },
    });
  if (!mayHoldOlder(context, steps.table)) return;
  await deleteOlder(db, steps.delete, { ...params, refreshId, ...ALL_KEYS });
}

/** The query parameters of a range of keys (sliceRange). */
export interface KeyRange {
  readonly slice_lo: string;
  readonly slice_hi: string;
  readonly slice_last: number;
}

/** One range holding every key: a refresh that is not sliced. */
export const ALL_KEYS = { slice_lo: '', slice_hi: '', slice_last: 1 } as const;

/**
 * The parameters of each run of a sliced insert: ranges of about `rowsPerSlice` of the
 * keys `slicing.keys` selects (context.rowsPerSlice first), bounded by a sorted sample of them.
 */
export async function sliceParams(
  db: Pick<Db, 'client'>,
  context: RefreshContext,
  slicing: NonNullable<RefreshSteps['slices']>,
  params: Record<string, unknown>,
): Promise<KeyRange[]> {
  const { rows, sample } = await keySample(db, slicing.keys, params);
  return keyRanges(rows, sample, context.rowsPerSlice ?? slicing.rowsPerSlice);
}

/** How many rows `keys` (a SELECT of `key`) selects, and a sorted sample of 1 000 of their keys. */
export async function keySample(
  db: Pick<Db, 'client'>,
  keys: string,
  params: Record<string, unknown>,
): Promise<{ rows: number; sample: string[] }> {
  const [row] = await queryRows<{ n: string; sample: string[] }>(
    db,
    `SELECT count() AS n, arraySort(groupArraySample(1000)(key)) AS sample FROM (${keys})`,
    params,
  );
  return { rows: Number(row?.n ?? 0), sample: row?.sample ?? [] };
}

/**
 * Ranges of keys for `rows` rows in slices of about `rowsPerSlice`, bounded by `sample`
 * (sorted keys of those rows): consecutive, the first from '' and the last open, so that
 * every key is in exactly one.
 */
export function keyRanges(
  rows: number,
  sample: readonly string[],
  rowsPerSlice: number,
): KeyRange[] {
  const slices = Math.ceil(rows / Math.max(1, rowsPerSlice));
  const bounds = new Set<string>();
  for (let i = 1; i < slices; i += 1) {
    const bound = sample[Math.floor((i * sample.length) / slices)];
    if (bound !== undefined && bound !== '') bounds.add(bound);
  }
  const cuts = ['', ...bounds];
  return cuts.map((lo, i) => ({
    slice_lo: lo,
    slice_hi: cuts[i + 1] ?? '',
    slice_last: i === cuts.length - 1 ? 1 : 0,
  }));
}

/**
 * Which of `tables` hold no row (one query of the tables' metadata). A table whose
 * every row was deleted by a lightweight DELETE still counts its rows here: it is
 * not reported, and its refresher deletes as usual. The rows of patch parts (deleteOlder)
 * do not count: TRUNCATE leaves a table's patch parts (they apply to no later insert).
 */
export async function emptyTables(
  db: Pick<Db, 'client'>,
  tables: readonly string[],
): Promise<ReadonlySet<string>> {
  const rows = await queryRows<{ name: string }>(
    db,
    `SELECT t.name AS name FROM system.tables AS t
     LEFT JOIN (
       SELECT table, sum(rows) AS n FROM system.parts
       WHERE database = currentDatabase() AND active AND startsWith(name, 'patch-')
       GROUP BY table
     ) AS patches ON patches.table = t.name
     WHERE t.database = currentDatabase() AND t.name IN {tables:Array(String)}
       AND t.total_rows = ifNull(patches.n, 0)`,
    { tables: [...tables] },
  );
  return new Set(rows.map((r) => r.name));
}

/**
 * Whether `table` may hold rows older than the refresh's own: false when it was empty
 * when the refresh began (context.emptyTables), so no DELETE is needed.
 */
export function mayHoldOlder(context: RefreshContext, table: string): boolean {
  return !context.emptyTables?.has(table);
}

/** The event tables holding rows of the given loads (one query: load-bounds.ts). */
export async function loadedEventTypes(
  db: Pick<Db, 'client'>,
  loadIds: readonly string[],
): Promise<ReadonlySet<EventType>> {
  return (await loadBounds(db, loadIds)).eventTypes;
}

/**
 * The loads' earliest instant in `tables` (`since`, ms as text; undefined when they hold
 * no row there): the instant from which a refresh bounded in time recomputes. From the
 * refresh's bounds (load-bounds.ts) when known, else one query.
 */
export async function earliestLoaded(
  db: Pick<Db, 'client'>,
  context: RefreshContext,
  tables: readonly EventType[],
): Promise<{ since: string } | undefined> {
  const known = context.bounds;
  if (known) {
    const los = tables.flatMap((t) => {
      const b = known.occurred.get(t);
      return b ? [b.lo] : [];
    });
    if (los.length === 0) return undefined;
    return { since: String(los.reduce((a, b) => (b < a ? b : a))) };
  }
  const rows = tables.map((table) => `SELECT occurred_at FROM ${table} WHERE ${loadedRows(table)}`);
  const [first] = await queryRows<{ since: string; n: string }>(
    db,
    `SELECT toString(toUnixTimestamp64Milli(min(occurred_at))) AS since, count() AS n FROM (
  ${rows.join('\n  UNION ALL ')}
)`,
    loadParams(context.loadIds),
  );
  return first && Number(first.n) > 0 ? { since: first.since } : undefined;
}

/** Whether the loads may hold rows of one of `types` (true when the context does not know). */
export function mayHold(context: RefreshContext, ...types: readonly EventType[]): boolean {
  const known = context.eventTypes;
  return known === undefined || types.some((type) => known.has(type));
}

/**
 * Older rows of the events a windowed refresh rewrote in `table` (rows of another
 * refresh_id with the event_id of a row {refreshId} wrote), within {from}/{to} (ms: the
 * rewritten rows' bounds; the sort key prunes). It reads `table` only: a mutation whose
 * subquery reads another table can hang in chDB.
 */
export function rewrittenOlderRowsSql(table: string): string {
  const within = `occurred_at >= fromUnixTimestamp64Milli({from:Int64}, 'UTC')
  AND occurred_at <= fromUnixTimestamp64Milli({to:Int64}, 'UTC')`;
  return `${within}
  AND event_id IN (SELECT event_id FROM ${table} WHERE ${within} AND refresh_id = {refreshId:UUID})
  AND refresh_id != {refreshId:UUID}`;
}

/**
 * The end of a windowed refresh of a per-event table sorted by `occurred_at`
 * (payment_facts, voice_attempts): the older rows of the events {refreshId} rewrote at or
 * after `sinceMs` (the refresh's earliest instant, when known) are deleted. The bounds of the rows it
 * wrote are found first, so that the DELETE reads only the window's
 * granules (the sort key prunes): the cost follows the window, not the table's history.
 * Nothing when the table was empty when the refresh began, or the refresh wrote nothing.
 * The event_id set stays out of primary-key analysis: (occurred_at, event_id) ranges for a
 * million ids cost far more than the scan of the window's parts.
 */
export async function deleteRewrittenEvents(
  db: Pick<Db, 'client'>,
  context: RefreshContext,
  table: string,
  refreshId: string,
  sinceMs?: string,
): Promise<void> {
  if (!mayHoldOlder(context, table)) return;
  const since =
    sinceMs === undefined
      ? ''
      : `occurred_at >= fromUnixTimestamp64Milli({since:Int64}, 'UTC') AND`;
  const [written] = await queryRows<{ from: string; to: string; n: string }>(
    db,
    `SELECT toString(toUnixTimestamp64Milli(min(occurred_at))) AS from,
            toString(toUnixTimestamp64Milli(max(occurred_at))) AS to, count() AS n
     FROM ${table}
     WHERE ${since} refresh_id = {refreshId:UUID}`,
    sinceMs === undefined ? { refreshId } : { refreshId, since: sinceMs },
  );
  if (!written || Number(written.n) === 0) return;
  const bounded = { refreshId, from: written.from, to: written.to };
  await deleteOlder(db, `DELETE FROM ${table} WHERE ${rewrittenOlderRowsSql(table)}`, bounded, {
    use_index_for_in_with_subqueries: 0,
  });
}

/**
 * Most values in one array query parameter, and so the keys one statement refreshes.
 * ClickHouse refuses an array of more than 1 000 000 elements as one value
 * (TOO_LARGE_ARRAY_SIZE: the refresh after loading the whole M portfolio at once listed
 * 1.75 M agent days), and the statement's memory follows its keys: agent_day for the
 * whole M portfolio peaked at 2.53 GB of RSS in slices of 500 k keys, 1.33 GB in slices
 * of 200 k (58.8 s and 58.1 s; 100 k: 1.38 GB, 55.8 s). A month's load lists fewer.
 */
export const MAX_LISTED_KEYS = 200_000;

/**
 * Keys listed by the refresh (in its order: agent_day's by day, so that each slice reads
 * a range of days) in consecutive slices of at most `size` (context.rowsPerSlice first,
 * as for sampled ranges; never more than MAX_LISTED_KEYS).
 */
export function listedSlices<T>(
  items: readonly T[],
  context: RefreshContext,
  size: number = MAX_LISTED_KEYS,
): T[][] {
  const most = Math.max(1, Math.min(MAX_LISTED_KEYS, context.rowsPerSlice ?? size));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += most) out.push(items.slice(i, i + most));
  return out;
}

/**
 * The refresh pattern of the per-event derived tables (promise_facts,
 * payment_facts, voice_attempts): insert the recomputed rows of the touched keys
 * with a fresh refresh_id, then delete the older rows of those keys. Both steps
 * are skipped when they have nothing to do — a load that touches none of the
 * table's keys (most loads touch one or two event types) costs one cheap
 * SELECT, and a load of only new keys needs no DELETE (a lightweight DELETE is a
 * mutation: far dearer than the check).
 */
import { randomUUID } from 'node:crypto';
import { queryRows, type Db } from '../db.ts';
import { EVENT_TYPES, type EventType } from '../domain.ts';
import type { RefreshContext } from './index.ts';

export interface RefreshSteps {
  /** A query returning at least one row when the loads touched a key of the table. */
  readonly touched: string;
  readonly insert: string;
  /** A query returning at least one row when older rows of the rewritten keys exist. */
  readonly stale: string;
  readonly delete: string;
}

export async function refreshKeys(
  db: Pick<Db, 'client'>,
  context: RefreshContext,
  steps: RefreshSteps,
): Promise<void> {
  if (context.loadIds.length === 0) return;
  const query_params = { loadIds: [...context.loadIds], refreshId: randomUUID() };
  if ((await queryRows(db, `${steps.touched} LIMIT 1`, query_params)).length === 0) return;
  await db.client.command({ query: steps.insert, query_params });
  if ((await queryRows(db, `${steps.stale} LIMIT 1`, query_params)).length === 0) return;
  await db.client.command({ query: steps.delete, query_params });
}

/**
 * The event tables holding rows of the given loads: one query, a `LIMIT 1`
 * probe per table (a table without rows of the loads is scanned by load_id;
 * ClickHouse's query condition cache then spares the refreshers' own
 * `load_id IN …` filters most of that scan).
 */
export async function loadedEventTypes(
  db: Pick<Db, 'client'>,
  loadIds: readonly string[],
): Promise<ReadonlySet<EventType>> {
  const probes = EVENT_TYPES.map(
    (table) =>
      `SELECT '${table}' AS t FROM (SELECT 1 FROM ${table} WHERE load_id IN {loadIds:Array(UUID)} LIMIT 1)`,
  );
  const rows = await queryRows<{ t: EventType }>(db, probes.join('\nUNION ALL\n'), {
    loadIds: [...loadIds],
  });
  return new Set(rows.map((r) => r.t));
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
 * Most values in one array query parameter: ClickHouse refuses an array of more than
 * 1 000 000 elements as one value (TOO_LARGE_ARRAY_SIZE: the refresh after loading
 * the whole M portfolio at once listed 1.75 M agent days).
 */
export const MAX_LISTED_KEYS = 500_000;

/** `items` in consecutive slices of at most `size` (context.maxListedKeys or MAX_LISTED_KEYS). */
export function listedSlices<T>(items: readonly T[], context: RefreshContext): T[][] {
  const size = Math.max(1, context.maxListedKeys ?? MAX_LISTED_KEYS);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The loads' bounds, found once per refresh (docs/etl.md "Derived refresh"): per event
 * table, how many rows the loads hold there and the least and greatest value of the
 * table's partition key among them, plus each load's latest `occurred_at`.
 *
 * load_id is in no table's key, so a `WHERE load_id IN …` read scans every part of the
 * table; at scale M one such read of contact_attempt or account_snapshot cost
 * ~0.25 CPU-s, with the loads' month bound ~0.02. A statement that selects the loads'
 * rows of a monthly-partitioned table through loadedRows carries the bound, so that
 * ClickHouse reads only the loads' months (the others are bounded by key-set days). The bound is the loads' own least and
 * greatest value: a late event of an earlier month widens it to that month.
 *
 * The same query gives the event tables the loads hold (refreshDerived skips tables by
 * them) and data_as_of's rows, which scanned every event table again.
 */
import { queryRows, type Db } from '../db.ts';
import { EVENT_TYPES, type EventType } from '../domain.ts';
import { EVENT_TABLES } from '../tables.ts';

/** What one refresh's loads hold, found by loadBounds. */
export interface LoadBounds {
  /** the event tables holding rows of the loads */
  readonly eventTypes: ReadonlySet<EventType>;
  /** per event table with rows of the loads: least and greatest occurred_at (ms) */
  readonly occurred: ReadonlyMap<EventType, { readonly lo: bigint; readonly hi: bigint }>;
  /** per load with rows: its latest occurred_at (ms), any event table */
  readonly latest: ReadonlyMap<string, bigint>;
  /** the `{loadBounds}` parameter of loadedRows (ms: exact as numbers, < 2^53) */
  readonly param: readonly number[];
}

/** The column of a monthly-partitioned event table's partition key; undefined when not partitioned. */
export function partitionColumn(table: EventType): string | undefined {
  const by: string | undefined = (EVENT_TABLES[table] as { partitionBy?: string }).partitionBy;
  return by?.match(/^toYYYYMM\((\w+)\)$/)?.[1];
}

/** DateTime64's range: the bound of a table when the loads' bounds are not known. */
const EARLIEST_MS = -2208988800000;
const LATEST_MS = 10413791999000;

/** `{loadBounds}` of an unknown refresh (a table refreshed alone): every month. */
const ANY_BOUNDS: readonly number[] = EVENT_TYPES.flatMap(() => [EARLIEST_MS, LATEST_MS]);

/** `{loadBounds}` for a table the loads hold no row of: an empty range, nothing is read. */
const NO_ROWS = [0, -1];

/**
 * `load_id IN {loadIds}` for the loads' rows of `table`, bounded by the loads' least and
 * greatest partition key when the table is partitioned by month. The statement needs
 * `{loadBounds:Array(Int64)}` (loadParams).
 */
export function loadedRows(table: EventType): string {
  const loaded = 'load_id IN {loadIds:Array(UUID)}';
  const column = partitionColumn(table);
  if (!column) return loaded;
  const at = (i: number) => `fromUnixTimestamp64Milli({loadBounds:Array(Int64)}[${i}], 'UTC')`;
  const i = 2 * EVENT_TYPES.indexOf(table) + 1;
  const dated = EVENT_TABLES[table].columns.find((c) => c.name === column)?.type === 'Date32';
  const bound = dated ? (x: string) => `toDate32(${x})` : (x: string) => x;
  return `${loaded} AND ${column} >= ${bound(at(i))} AND ${column} <= ${bound(at(i + 1))}`;
}

/** The parameters of statements reading the loads' rows: `{loadIds}` and `{loadBounds}`. */
export function loadParams(
  loadIds: readonly string[],
  bounds?: LoadBounds,
): { loadIds: string[]; loadBounds: number[] } {
  return { loadIds: [...loadIds], loadBounds: [...(bounds?.param ?? ANY_BOUNDS)] };
}

/**
 * One query over the event tables `tables` (default every one): rows, bounds and latest
 * instant of each load in each.
 */
export function loadBoundsSql(tables: readonly EventType[] = EVENT_TYPES): string {
  return tables
    .map((table) => {
      const key = partitionColumn(table) ?? 'occurred_at';
      return `SELECT '${table}' AS t, toString(load_id) AS load, count() AS n,
       toString(toUnixTimestamp64Milli(min(occurred_at))) AS lo,
       toString(toUnixTimestamp64Milli(max(occurred_at))) AS hi,
       toString(toUnixTimestamp64Milli(toDateTime64(min(${key}), 3, 'UTC'))) AS key_lo,
       toString(toUnixTimestamp64Milli(toDateTime64(max(${key}), 3, 'UTC'))) AS key_hi
FROM ${table} WHERE load_id IN {loadIds:Array(UUID)} GROUP BY load`;
    })
    .join('\nUNION ALL\n');
}

interface BoundsRow {
  t: EventType;
  load: string;
  n: string;
  lo: string;
  hi: string;
  key_lo: string;
  key_hi: string;
}

/**
 * The bounds of the loads `loadIds` (one scan of each event table's load_id). `written`:
 * the event tables the loads wrote, when the caller knows them (the ETL, for the loads of
 * its own run): only those are scanned, the others hold no row of the loads.
 */
export async function loadBounds(
  db: Pick<Db, 'client'>,
  loadIds: readonly string[],
  written?: ReadonlySet<EventType>,
): Promise<LoadBounds> {
  const tables = written ? EVENT_TYPES.filter((t) => written.has(t)) : EVENT_TYPES;
  const rows =
    tables.length === 0
      ? []
      : await queryRows<BoundsRow>(db, loadBoundsSql(tables), { loadIds: [...loadIds] });
  const occurred = new Map<EventType, { lo: bigint; hi: bigint }>();
  const keys = new Map<EventType, { lo: bigint; hi: bigint }>();
  const latest = new Map<string, bigint>();
  const widen = (
    m: Map<EventType, { lo: bigint; hi: bigint }>,
    t: EventType,
    lo: bigint,
    hi: bigint,
  ) => {
    const was = m.get(t);
    m.set(t, was ? { lo: lo < was.lo ? lo : was.lo, hi: hi > was.hi ? hi : was.hi } : { lo, hi });
  };
  for (const r of rows) {
    if (Number(r.n) === 0) continue;
    widen(occurred, r.t, BigInt(r.lo), BigInt(r.hi));
    widen(keys, r.t, BigInt(r.key_lo), BigInt(r.key_hi));
    const top = BigInt(r.hi);
    const was = latest.get(r.load);
    if (was === undefined || top > was) latest.set(r.load, top);
  }
  const param = EVENT_TYPES.flatMap((t) => {
    const b = keys.get(t);
    return b ? [Number(b.lo), Number(b.hi)] : NO_ROWS;
  });
  return { eventTypes: new Set(occurred.keys()), occurred, latest, param };
}

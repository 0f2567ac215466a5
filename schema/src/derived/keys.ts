/**
 * Key sets of a refresh, computed once per refresh into `refresh_keys`
 * (docs/decisions/007-refresh-keys.md). Most derived tables recompute the keys a load
 * touched — accounts with an opening, cases with an event, days with an attempt — and
 * each used to list them with a subquery over the event tables (`… WHERE load_id IN
 * {loadIds}`), several times per table: in the insert and the DELETE of older rows, which
 * as a mutation evaluates its subquery again for every part it
 * touches. At scale M such a DELETE took 1.42 s with the subquery and 0.10 s with the
 * keys in a small table. Here each set is written once (one scan of its source) and every
 * statement reads it from `refresh_keys`, sorted by (kind, key).
 *
 * A set is materialised the first time a table that declares it (DerivedTable.keys) is
 * refreshed, so a set that reads a derived table (e.g. voice_attempts) sees it refreshed
 * when its users come after that table (they declare it in `after`).
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../db.ts';
import type { TableDef } from '../ddl.ts';
import type { EventType } from '../domain.ts';
import type { DerivedTable, RefreshContext } from './index.ts';
import { loadedRows, loadParams, type LoadBounds } from './load-bounds.ts';
import { refreshKeys, type RefreshSteps } from './refresh-steps.ts';

export const REFRESH_KEYS: TableDef = {
  name: 'refresh_keys',
  engine: 'MergeTree',
  columns: [
    {
      name: 'refresh_id',
      type: 'UUID',
      comment: 'the refresh (refreshDerived call) the keys serve',
    },
    { name: 'kind', type: 'LowCardinality(String)', comment: 'the key set (KeySet.name)' },
    { name: 'key', type: 'String', comment: "account, case or agent id; '' for a set of days" },
    { name: 'day', type: 'Date32', comment: 'the day of a (key, day) or day set; 1970-01-01 else' },
  ],
  partitionBy: 'refresh_id',
  orderBy: '(kind, key, day)',
  why: 'Scratch: the keys one refresh touches, written once and read by every derived table’s insert and DELETE; a partition per refresh, dropped at its end.',
};

/** A set of keys a refresh touches. */
export interface KeySet {
  /** unique among the sets: the `kind` of its rows */
  readonly name: string;
  /**
   * SELECT of its rows as (key String, day Date32) — `{loadIds:Array(UUID)}` are the
   * loads refreshed; other key sets may be read through `keySet()`.
   */
  readonly select: string;
  /** key sets the select reads (materialised first) */
  readonly uses?: readonly KeySet[];
  /** the event table whose loaded rows are the set: empty when the loads hold none */
  readonly loaded?: EventType;
  /**
   * The same SELECT over every row of `loaded` (the loads' filter left out), for a set of
   * about one row of its table per key (loadedSet `perRow`): the set when that table holds
   * the loads' rows only (a first load, a rebuild: wholeKeySets), read in place of the
   * set's rows in refresh_keys.
   */
  readonly whole?: string;
}

/**
 * A set of the loaded rows of `table`: `select(rows)` is its SELECT of (key, day) given
 * the filter of the rows it reads (loadedRows, or every row for KeySet.whole). `perRow`:
 * its table holds about one row per key (an opening, a snapshot day), so that reading it
 * in place costs no more than reading it back from refresh_keys. A set of many rows per
 * key is cheaper written once than read in place at each use (100 k accounts: 1.64 M
 * attempts for cases_attempted's 37 451 cases and days_attempted's 670 days; read in place,
 * kpi_daily, channel_daily, payment_facts and agent_case_days cost 0.3–0.5 CPU-s more each).
 */
export function loadedSet(
  name: string,
  table: EventType,
  select: (rows: string) => string,
  perRow = false,
): KeySet {
  const set = { name, loaded: table, select: select(loadedRows(table)) };
  return perRow ? { ...set, whole: select('1') } : set;
}

/** A set of ids of the loaded rows of `table` (`where` narrows them; `perRow`: loadedSet). */
export function loadedIds(
  name: string,
  table: EventType,
  column: string,
  where = '',
  perRow = false,
): KeySet {
  return loadedSet(
    name,
    table,
    (rows) => `SELECT ${column} AS key, toDate32(0) AS day FROM ${table}
WHERE ${rows}${where ? ` AND ${where}` : ''}`,
    perRow,
  );
}

/** A set of UTC days of the loaded rows of `table` (many rows a day: always written). */
export function loadedDays(name: string, table: EventType): KeySet {
  return loadedSet(
    name,
    table,
    (rows) => `SELECT '' AS key, toDate32(occurred_at) AS day FROM ${table} WHERE ${rows}`,
  );
}

/** `columns` of the rows of `sets` in refresh_keys, as a subquery (wholeKeysSql reads it back). */
function keyRows(columns: 'key' | 'day' | 'key, day', sets: readonly KeySet[]): string {
  const kinds = sets.map((s) => `'${s.name}'`).join(', ');
  return `(SELECT ${columns} FROM refresh_keys WHERE refresh_id = {keysId:UUID} AND kind IN (${kinds}))`;
}

/** The keys of `sets` as one subquery (`key` only); the statement needs `{keysId:UUID}`. */
export function keySet(...sets: readonly KeySet[]): string {
  return keyRows('key', sets);
}

/** The days of `sets` as one subquery (`day` only). */
export function daySet(...sets: readonly KeySet[]): string {
  return keyRows('day', sets);
}

/** The (key, day) pairs of `set` as a subquery (a pair may come twice: wholeKeysSql). */
export function keyDaySet(set: KeySet): string {
  return keyRows('key, day', [set]);
}

/** The subqueries keyRows writes: columns, then the kinds' quoted names. */
const KEY_ROWS =
  /\(SELECT (key|day|key, day) FROM refresh_keys WHERE refresh_id = \{keysId:UUID\} AND kind IN \(([^)]*)\)\)/g;

/**
 * Of `sets`, those whose every key is in the loads: sets of an event table that holds no
 * row but the loads' (`bounds.whole`: a first load into an empty database, a rebuild),
 * by their KeySet.whole. None of them is written into refresh_keys (RefreshKeys) and the
 * statements read them from the event table instead (wholeKeysSql).
 */
export function wholeKeySets(
  sets: readonly KeySet[],
  bounds: LoadBounds | undefined,
): ReadonlyMap<string, KeySet> {
  const whole = new Map<string, KeySet>();
  for (const set of sets)
    if (set.whole !== undefined && set.loaded && bounds?.whole.has(set.loaded))
      whole.set(set.name, set);
  return whole;
}

/**
 * `sql` with every key-set subquery (keySet, daySet, keyDaySet) of a set of `whole` read
 * from its event table (KeySet.whole) instead of refresh_keys; the statement's other sets
 * still come from refresh_keys. A key, day or pair may come more than once (refresh_keys
 * holds each pair of a set once): every reader takes them through IN, min/max or a
 * DISTINCT of its own (at 100 k accounts a DISTINCT of the 3 M snapshot days cost 0.9 CPU-s).
 */
export function wholeKeysSql(sql: string, whole: ReadonlyMap<string, KeySet>): string {
  if (whole.size === 0) return sql;
  return sql.replace(KEY_ROWS, (subquery, columns: string, quoted: string) => {
    const names = quoted.split(', ').map((q) => q.slice(1, -1));
    const inline = names.flatMap((name) => whole.get(name)?.whole ?? []);
    if (inline.length === 0) return subquery;
    const kept = names.filter((name) => !whole.has(name));
    const rows = inline.map((select) => `SELECT key, day FROM (${select})`);
    if (kept.length > 0)
      rows.push(
        `SELECT key, day FROM refresh_keys WHERE refresh_id = {keysId:UUID} AND kind IN (${kept.map((n) => `'${n}'`).join(', ')})`,
      );
    return `(SELECT ${columns} FROM (${rows.join('\nUNION ALL\n')}))`;
  });
}

/**
 * `sets` and the sets they use, less those `done`, in layers: each set in the layer after
 * the last of the sets it uses (those of one layer do not read each other).
 */
export function keyLayers(
  sets: readonly KeySet[],
  done: ReadonlySet<string> = new Set(),
): KeySet[][] {
  const depth = new Map<string, number>();
  const layers: KeySet[][] = [];
  const visit = (set: KeySet): number => {
    if (done.has(set.name)) return -1;
    const known = depth.get(set.name);
    if (known !== undefined) return known;
    const d = 1 + Math.max(-1, ...(set.uses ?? []).map(visit));
    depth.set(set.name, d);
    (layers[d] ??= []).push(set);
    return d;
  };
  for (const set of sets) visit(set);
  return layers.filter((layer) => layer.length > 0);
}

/** One INSERT writing every set of `sets` (none reads another) into refresh_keys. */
export function keySetsInsertSql(sets: readonly KeySet[]): string {
  const rows = sets.map((set) => `SELECT '${set.name}' AS kind, key, day FROM (${set.select})`);
  return `INSERT INTO refresh_keys (refresh_id, kind, key, day)
SELECT DISTINCT {keysId:UUID}, kind, key, day FROM (
${rows.join('\nUNION ALL\n')}
)`;
}

/**
 * Whether `set`, or a set it uses, reads one of the derived tables `tables` (named in its
 * SELECT): it must wait until they are refreshed. The others read event tables only and
 * can all be written when the refresh starts (refreshDerived).
 */
export function readsDerived(set: KeySet, tables: readonly string[]): boolean {
  return (
    tables.some((name) => new RegExp(`\\b${name}\\b`).test(set.select)) ||
    (set.uses ?? []).some((used) => readsDerived(used, tables))
  );
}

/** The key sets of one refresh: an id (`keysId`) and the sets written so far. */
export class RefreshKeys {
  readonly id: string = randomUUID();
  readonly #done = new Set<string>();

  constructor(
    private readonly db: Pick<Db, 'client'>,
    private readonly loadIds: readonly string[],
    private readonly bounds?: LoadBounds,
    /** sets read from their event table, never written (wholeKeySets) */
    private readonly whole: ReadonlyMap<string, KeySet> = new Map(),
  ) {}

  /**
   * Write the sets (and those they use) not written yet in this refresh; a set of an
   * event table the loads hold no row of (`eventTypes`, when known) stays empty, and a
   * whole set (wholeKeySets) is not written. The sets
   * are written in layers, one INSERT per layer (a set after the sets it uses): at scale M
   * a refresh wrote 17 sets one statement each (docs/etl.md "Derived refresh").
   */
  async need(sets: readonly KeySet[], eventTypes?: ReadonlySet<EventType>): Promise<void> {
    for (const layer of keyLayers(sets, this.#done)) {
      for (const set of layer) this.#done.add(set.name);
      const written = layer.filter(
        (set) =>
          !(set.loaded && eventTypes && !eventTypes.has(set.loaded)) && !this.whole.has(set.name),
      );
      if (written.length === 0) continue;
      await this.db.client.command({
        query: keySetsInsertSql(written),
        query_params: { keysId: this.id, ...loadParams(this.loadIds, this.bounds) },
      });
    }
  }

  /** Drop this refresh's keys. */
  async drop(): Promise<void> {
    // a partition is named by a literal, not a parameter: the id is a UUID made here
    await this.db.client.command({ query: `ALTER TABLE refresh_keys DROP PARTITION '${this.id}'` });
  }
}

/**
 * Start the key sets of a refresh: rows of a refresh that did not finish (killed) are
 * cleared first — one refresh runs at a time per database (docs/etl.md "Exactly once").
 */
export async function startKeys(
  db: Pick<Db, 'client'>,
  loadIds: readonly string[],
  bounds?: LoadBounds,
  whole?: ReadonlyMap<string, KeySet>,
): Promise<RefreshKeys> {
  await db.client.command({ query: 'TRUNCATE TABLE refresh_keys' });
  return new RefreshKeys(db, loadIds, bounds, whole);
}

/** A derived table whose refresh reads key sets: the part refreshDerived does not own. */
export interface KeyedRefresh {
  /** its DDL (DerivedTable.table) */
  readonly table: TableDef;
  readonly shard: DerivedTable['shard'];
  readonly reads?: DerivedTable['reads'];
  readonly after?: DerivedTable['after'];
  readonly lookBack: DerivedTable['lookBack'];
  /** the key sets its statements read (written before it runs) */
  readonly keys: readonly KeySet[];
  /** the refresh; its statements take `{keysId:UUID}` = `keysId` */
  run(db: Pick<Db, 'client'>, context: RefreshContext, keysId: string): Promise<void>;
}

/**
 * The DerivedTable of a keyed refresh: within refreshDerived it shares the refresh's
 * key sets (context.keys); called alone (tests, benches) it writes its own and drops them.
 */
export function keyedTable(def: KeyedRefresh): DerivedTable {
  return {
    name: def.table.name,
    table: def.table,
    shard: def.shard,
    ...(def.reads ? { reads: def.reads } : {}),
    ...(def.after ? { after: def.after } : {}),
    keys: def.keys,
    lookBack: def.lookBack,
    async refresh(db, context) {
      if (context.loadIds.length === 0) return;
      const shared = context.keys;
      const keys = shared ?? new RefreshKeys(db, context.loadIds, context.bounds);
      try {
        await keys.need(def.keys, context.eventTypes);
        await def.run(db, context, keys.id);
      } finally {
        if (!shared) await keys.drop();
      }
    },
  };
}

/** A keyed table refreshed by the insert / DELETE protocol alone (refresh-steps.ts). */
export interface StepsRefresh extends Omit<KeyedRefresh, 'run'> {
  /** its statements (reading `{keysId:UUID}`), chosen by what the loads hold */
  steps(context: RefreshContext): Omit<RefreshSteps, 'table'>;
}

/** The DerivedTable of a table declared by its statements: the engine runs the protocol. */
export function stepsTable(def: StepsRefresh): DerivedTable {
  return keyedTable({
    ...def,
    run: (db, context, keysId) =>
      refreshKeys(db, context, { table: def.table.name, ...def.steps(context) }, keysId),
  });
}

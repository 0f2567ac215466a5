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
}

/** A set of ids of the loaded rows of `table` (`where` narrows them). */
export function loadedIds(name: string, table: EventType, column: string, where = ''): KeySet {
  return {
    name,
    loaded: table,
    select: `SELECT ${column} AS key, toDate32(0) AS day FROM ${table}
WHERE ${loadedRows(table)}${where ? ` AND ${where}` : ''}`,
  };
}

/** A set of UTC days of the loaded rows of `table`. */
export function loadedDays(name: string, table: EventType): KeySet {
  return {
    name,
    loaded: table,
    select: `SELECT '' AS key, toDate32(occurred_at) AS day FROM ${table} WHERE ${loadedRows(table)}`,
  };
}

/** The keys of `sets` as one subquery (`key` only); the statement needs `{keysId:UUID}`. */
export function keySet(...sets: readonly KeySet[]): string {
  return `(SELECT key FROM refresh_keys WHERE refresh_id = {keysId:UUID} AND ${kinds(sets)})`;
}

function kinds(sets: readonly KeySet[]): string {
  return `kind IN (${sets.map((s) => `'${s.name}'`).join(', ')})`;
}

/** The days of `sets` as one subquery (`day` only). */
export function daySet(...sets: readonly KeySet[]): string {
  return `(SELECT day FROM refresh_keys WHERE refresh_id = {keysId:UUID} AND ${kinds(sets)})`;
}

/** The (key, day) pairs of `set` as a subquery. */
export function keyDaySet(set: KeySet): string {
  return `(SELECT key, day FROM refresh_keys WHERE refresh_id = {keysId:UUID} AND kind = '${set.name}')`;
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
  ) {}

  /**
   * Write the sets (and those they use) not written yet in this refresh; a set of an
   * event table the loads hold no row of (`eventTypes`, when known) stays empty. The sets
   * are written in layers, one INSERT per layer (a set after the sets it uses): at scale M
   * a refresh wrote 17 sets one statement each (docs/etl.md "Derived refresh").
   */
  async need(sets: readonly KeySet[], eventTypes?: ReadonlySet<EventType>): Promise<void> {
    for (const layer of keyLayers(sets, this.#done)) {
      for (const set of layer) this.#done.add(set.name);
      const written = layer.filter(
        (set) => !(set.loaded && eventTypes && !eventTypes.has(set.loaded)),
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
): Promise<RefreshKeys> {
  await db.client.command({ query: 'TRUNCATE TABLE refresh_keys' });
  return new RefreshKeys(db, loadIds, bounds);
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

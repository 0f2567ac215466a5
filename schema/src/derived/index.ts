/**
 * Derived tables that the ETL keeps current after every load, so that metric
 * queries read small precomputed tables instead of re-deriving state from raw
 * events (docs/decisions/002-derived-tables-per-query.md: roll rates from an account-month table answer in
 * milliseconds, from raw snapshots in tens of seconds).
 *
 * Each refresher gets the load ids just committed and must leave its table
 * correct under late and out-of-order events (recompute the keys those loads
 * touched, not only append).
 */
import type { Db } from '../db.ts';
import type { TableDef } from '../ddl.ts';
import type { EventType } from '../domain.ts';
import { accountDims } from './account-dims/index.ts';
import { accountMonth } from './account-month/index.ts';
import { accountRunEnd } from './account-run-end/index.ts';
import { accountVintage } from './account-vintage/index.ts';
import { agentCaseDays } from './agent-case-days/index.ts';
import { agentDay } from './agent-day/index.ts';
import { agentMonth } from './agent-month/index.ts';
import { caseDims } from './case-dims/index.ts';
import { channelDaily } from './channel-daily/index.ts';
import { caseFacts } from './case-facts/index.ts';
import { caseOutcomeFacts } from './case-outcome-facts/index.ts';
import { dataAsOf } from './data-as-of/index.ts';
import { dimensionValues } from './dimension-values/index.ts';
import { kpiDaily } from './kpi-daily/index.ts';
import { legalCaseFacts } from './legal-case-facts/index.ts';
import { paymentFacts } from './payment-facts/index.ts';
import { promiseCaseFacts } from './promise-case-facts/index.ts';
import { promiseFacts } from './promise-facts/index.ts';
import { readsDerived, startKeys, type KeySet, type RefreshKeys } from './keys.ts';
import { loadBounds, type LoadBounds } from './load-bounds.ts';
import type { LookBack } from './look-back.ts';
import { refreshOrder } from './order.ts';
import { emptyTables } from './refresh-steps.ts';
import { voiceAttempts } from './voice-attempts/index.ts';

export { RELAPSE_HORIZON_DAYS } from './case-dims/index.ts';
export { lookBackDays, lookBackMs, type LookBack } from './look-back.ts';

export interface RefreshContext {
  /** load_id values of the loads just committed (rows carry them in `load_id`). */
  readonly loadIds: readonly string[];
  /**
   * The event tables holding rows of those loads, when known (refreshDerived
   * finds them with one query); a refresher called without it assumes any.
   */
  readonly eventTypes?: ReadonlySet<EventType>;
  /**
   * Most rows one statement of a sliced refresh holds (sampled ranges of keys:
   * sliceParams) or most keys it lists (listedSlices), instead of each table's own
   * (refresh-steps.ts); a bigger refresh runs in slices. Tests set it small.
   */
  readonly rowsPerSlice?: number;
  /**
   * Derived tables that held no row when the refresh began (refreshDerived finds them
   * with one query): nothing older than the refresh's own rows can be in them, so a
   * refresher skips its DELETE of older rows (mayHoldOlder). Absent: it deletes.
   */
  readonly emptyTables?: ReadonlySet<string>;
  /**
   * Profiling hook (bench/etl steady): wall and process CPU seconds of each derived
   * table's refresh (chDB runs in-process, so the CPU includes ClickHouse's).
   */
  readonly onTable?: (table: string, seconds: number, cpuSeconds: number) => void;
  /**
   * The key sets of this refresh (keys.ts), shared by its tables; refreshDerived sets
   * it. A keyed table refreshed without it writes and drops its own.
   */
  readonly keys?: RefreshKeys;
  /**
   * The loads' bounds (load-bounds.ts), found once by refreshDerived; statements reading
   * the loads' rows take them as `{loadBounds}` (loadParams). Absent: every month is read.
   */
  readonly bounds?: LoadBounds;
}

/**
 * Where a derived table's rows live on a cluster (docs/decisions/008-cluster-derived.md);
 * each shard's refresh reads and writes only its own `_local` tables (cluster.ts):
 * - 'account': a row is one account's, or one of its cases', on that account's shard;
 * - 'partial': a row sums several accounts (per agent, day, load or value): each shard
 *   holds the part of its own accounts' events, and readers re-aggregate (sum, max, GROUP BY).
 */
export type ShardPlacement = 'account' | 'partial';

/**
 * A derived table, declared once: its DDL (`table`: the migrations create it from this
 * definition, and the cluster profile renders it), where its rows live (`shard`), the
 * event tables (`reads`) and derived tables (`after`) it reads, its keys (`keys`), its
 * look-back (`lookBack`) and its recompute (`refresh`, on the protocol of refresh-steps.ts). The engine
 * (refreshDerived) orders the tables by `after` and skips a table by `reads`.
 */
export interface DerivedTable {
  /** `table.name` */
  readonly name: string;
  readonly table: TableDef;
  /** Its rows on a cluster. */
  readonly shard: ShardPlacement;
  /**
   * The event tables whose loaded rows can change this table (those its refresh
   * selects `WHERE load_id IN …`); refreshDerived skips the table for loads
   * holding none of them. Absent: never skipped.
   */
  readonly reads?: readonly EventType[];
  /** The derived tables its refresh reads: refreshed before it (order.ts). */
  readonly after?: readonly string[];
  /** The key sets its refresh reads from refresh_keys (keys.ts keyedTable). */
  readonly keys?: readonly KeySet[];
  /** What its refresh reads again before the loads' earliest instant (look-back.ts). */
  readonly lookBack: LookBack;
  refresh(db: Pick<Db, 'client'>, context: RefreshContext): Promise<void>;
}

/**
 * Every derived table, in refresh order: each after the derived tables it declares it
 * reads (`after`; order.ts). Add new ones here, in any place.
 */
export const DERIVED_TABLES: readonly DerivedTable[] = refreshOrder([
  accountMonth,
  accountVintage,
  caseFacts,
  dataAsOf,
  accountDims,
  dimensionValues,
  accountRunEnd,
  promiseFacts,
  paymentFacts,
  voiceAttempts,
  caseOutcomeFacts,
  legalCaseFacts,
  caseDims,
  promiseCaseFacts,
  kpiDaily,
  agentDay,
  agentMonth,
  agentCaseDays,
  channelDaily,
]);

export async function refreshDerived(
  db: Pick<Db, 'client'>,
  context: RefreshContext,
): Promise<void> {
  if (context.loadIds.length === 0) return;
  // one scan of the event tables' load_id (those the loads wrote, when the caller knows
  // them): what the loads hold and their months
  const bounds = await loadBounds(db, context.loadIds, context.eventTypes);
  const eventTypes = context.eventTypes ?? bounds.eventTypes;
  const refreshed = DERIVED_TABLES.filter((table) => !skipsLoads(table, eventTypes));
  const empty =
    context.emptyTables ??
    (await emptyTables(
      db,
      refreshed.map((table) => table.name),
    ));
  const keys = await startKeys(db, context.loadIds, bounds);
  // the key sets that read only event tables, all at once (a few statements: keys.ts)
  await keys.need(eagerKeySets(refreshed), eventTypes);
  for (const table of refreshed) {
    const t0 = performance.now();
    const c0 = context.onTable ? process.cpuUsage() : undefined;
    await table.refresh(db, { ...context, eventTypes, emptyTables: empty, keys, bounds });
    if (!context.onTable || !c0) continue;
    const cpu = process.cpuUsage(c0);
    context.onTable(table.name, (performance.now() - t0) / 1000, (cpu.user + cpu.system) / 1e6);
  }
  // a refresh killed before this leaves its keys: startKeys clears them
  await keys.drop();
}

/** A load holding no event type the table reads cannot change it. */
export function skipsLoads(table: DerivedTable, eventTypes: ReadonlySet<EventType>): boolean {
  return table.reads !== undefined && !table.reads.some((type) => eventTypes.has(type));
}

/**
 * The key sets of `tables`, and those they use, that read no derived table: written when
 * the refresh starts, in one statement per layer; the others when their first table is
 * refreshed.
 */
export function eagerKeySets(tables: readonly DerivedTable[]): KeySet[] {
  const derived = DERIVED_TABLES.map((table) => table.name);
  return declaredKeySets(tables).filter((set) => !readsDerived(set, derived));
}

/** The key sets `tables` declare, and those they use, each once. */
export function declaredKeySets(tables: readonly DerivedTable[]): KeySet[] {
  const sets = new Map<string, KeySet>();
  const add = (set: KeySet): void => {
    if (sets.has(set.name)) return;
    sets.set(set.name, set);
    for (const used of set.uses ?? []) add(used);
  };
  for (const table of tables) for (const set of table.keys ?? []) add(set);
  return [...sets.values()];
}

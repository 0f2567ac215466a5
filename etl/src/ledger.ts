/**
 * The load ledger (one row per state change of a file's load; the latest wins)
 * and crash recovery: a load still `loading` at start was interrupted, so every
 * row it wrote (found by load_id) is deleted before anything else happens. A load
 * still `loaded` had its events stored but the derived-table refresh after it was
 * cut short: the next load refreshes it again (pendingRefresh, markRefreshed).
 */
import { queryRows, type Db } from '@collections/schema';
import { EVENT_TABLES } from '@collections/schema/tables';

/**
 * `loading` → `loaded` (every event of the file stored, derived refresh pending) →
 * `done` (refreshed); `failed` for an interrupted load that was undone. Loads finished
 * before the `loaded` state existed are `done`.
 */
export type LedgerStatus = 'loading' | 'loaded' | 'done' | 'failed';

/** Statuses of a file whose events are stored: loading it again is a no-op. */
const STORED = `('loaded', 'done')`;

export interface LedgerCounts {
  readonly rows: number;
  readonly loaded: number;
  readonly duplicates: number;
  readonly quarantined: number;
}

type Client = Pick<Db, 'client'>;

/** Tables that carry load_id and may hold rows of an unfinished load. */
export const LOADED_TABLES = [
  ...Object.values(EVENT_TABLES).map((t) => t.name),
  'event_index',
  'quarantine',
];

/** Stage tables are named by the loader only; recovery drops leftovers with these prefixes. */
export const STAGE_PREFIXES = [
  'etl_stage_',
  'etl_bad_',
  'etl_verdict_',
  'etl_input_',
  // the one pass (fused.sql.ts): sink, key statistics, failing lines, index and event rows, views
  'etl_fused',
  'etl_fkeys_',
  'etl_fbad_',
  'etl_findex_',
  'etl_fevents_',
];
const SCRATCH_NAME =
  /^etl_(stage|bad|verdict|input|fused|fkeys|fbad|findex)_[0-9a-f]{32}$|^etl_(fusedmv|fevents)_[0-9a-f]{32}_[a-z0-9]+$/;

let lastStamp = 0;
/** Strictly increasing millisecond stamps, so the latest ledger row of a load is unambiguous. */
function stamp(): string {
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  return new Date(lastStamp).toISOString().replace('T', ' ').replace('Z', '');
}

export interface LedgerRow {
  readonly loadId: string;
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
  readonly status: LedgerStatus;
  readonly startedAt: string;
  readonly counts?: LedgerCounts;
  readonly detail?: string;
}

/** Ledger rows, in one insert (a batch of files changes state at once: load/batch.ts). */
export async function writeLedger(
  db: Client,
  rows: LedgerRow | readonly LedgerRow[],
): Promise<void> {
  const list: readonly LedgerRow[] = Array.isArray(rows) ? rows : [rows as LedgerRow];
  if (list.length === 0) return;
  await db.client.insert({
    table: 'load_ledger',
    format: 'JSONEachRow',
    values: list.map((row) => ({
      load_id: row.loadId,
      path: row.path,
      size: row.size,
      content_hash: row.sha256,
      status: row.status,
      started_at: row.startedAt,
      updated_at: stamp(),
      rows: row.counts?.rows ?? 0,
      loaded: row.counts?.loaded ?? 0,
      duplicates: row.counts?.duplicates ?? 0,
      quarantined: row.counts?.quarantined ?? 0,
      detail: row.detail ?? '',
    })),
  });
}

export function nowStamp(): string {
  return stamp();
}

/**
 * Sizes and SHA-256 of every finished load, read once per loadPaths (two ledger queries
 * per file before); the loader adds each file it finishes, so the same bytes twice in
 * one load are skipped too. `unreadable`: SHA-256 of files quarantined as unreadable
 * (markUnreadable), never read again; their sizes are in `sizes` too (a size seen before
 * is what makes the loader fingerprint a file first).
 */
export interface DoneLoads {
  readonly sizes: Set<number>;
  readonly hashes: Set<string>;
  readonly unreadable: Set<string>;
  /** fingerprints taken in this loadPaths, by path (a file is hashed once) */
  readonly fingerprints: Map<string, { size: number; sha256: string }>;
}

/** Start of the `detail` of the `failed` ledger row of a file whose bytes cannot be read. */
export const UNREADABLE = 'unreadable_file';

export async function doneLoads(db: Client): Promise<DoneLoads> {
  const rows = await queryRows<{ size: string; h: string; stored: number }>(
    db,
    // The `loading` row of a one-pass load has no hash yet: read the `done` row's.
    `SELECT toString(argMax(size, updated_at)) AS size, argMax(content_hash, updated_at) AS h,
       argMax(status, updated_at) IN ${STORED} AS stored
     FROM load_ledger GROUP BY load_id
     HAVING stored OR (argMax(status, updated_at) = 'failed'
       AND startsWith(argMax(detail, updated_at), {unreadable:String}))`,
    { unreadable: UNREADABLE },
  );
  return {
    sizes: new Set(rows.map((r) => Number(r.size))),
    hashes: new Set(rows.filter((r) => Number(r.stored)).map((r) => r.h)),
    unreadable: new Set(rows.filter((r) => !Number(r.stored)).map((r) => r.h)),
    fingerprints: new Map(),
  };
}

/**
 * A file whose bytes cannot be read (corrupt or truncated compressed data): one
 * quarantine row (line 0, reason unreadable_file) and the ledger row `failed` with
 * `detail` starting with UNREADABLE. `loading` first, so that a crash in between is
 * undone like any load. The caller has undone whatever the load had written.
 */
export async function markUnreadable(db: Client, row: LedgerRow, detail: string): Promise<void> {
  await writeLedger(db, { ...row, status: 'loading' });
  await db.client.insert({
    table: 'quarantine',
    format: 'JSONEachRow',
    values: [
      {
        source_file: row.path,
        line: 0,
        reason: UNREADABLE,
        field: '',
        detail,
        event_id: '',
        raw: '',
        load_id: row.loadId,
      },
    ],
  });
  await writeLedger(db, { ...row, status: 'failed', detail: `${UNREADABLE}: ${detail}` });
}

/** Loads whose events are stored but whose derived-table refresh did not finish. */
export async function pendingRefresh(db: Client): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    `SELECT toString(load_id) AS id FROM load_ledger
     GROUP BY load_id HAVING argMax(status, updated_at) = 'loaded'`,
  );
  return rows.map((r) => r.id);
}

/** The ledger says `done` for these `loaded` loads: their derived refresh finished. */
export async function markRefreshed(db: Client, loadIds: readonly string[]): Promise<void> {
  if (loadIds.length === 0) return;
  await db.client.command({
    query: `INSERT INTO load_ledger (load_id, path, size, content_hash, status, started_at, updated_at,
       rows, loaded, duplicates, quarantined, detail)
     SELECT load_id, path, size, content_hash, 'done', started_at, {at:String}, rows, loaded,
       duplicates, quarantined, detail
     FROM (SELECT * FROM load_ledger WHERE load_id IN {ids:Array(UUID)}
           ORDER BY updated_at DESC LIMIT 1 BY load_id)
     WHERE status = 'loaded'`,
    query_params: { ids: [...loadIds], at: stamp() },
  });
}

/** Undo every interrupted load and drop leftover stage tables. Returns the load ids rolled back. */
export async function recoverInterrupted(db: Client): Promise<string[]> {
  const open = await queryRows<{
    load_id: string;
    path: string;
    size: string;
    h: string;
    started: string;
  }>(
    db,
    `SELECT load_id, any(path) AS path, toString(any(size)) AS size, any(content_hash) AS h, toString(min(started_at)) AS started
     FROM load_ledger GROUP BY load_id HAVING argMax(status, updated_at) = 'loading'`,
  );
  // One DELETE per table for every interrupted load (a batch of small files is many).
  if (open.length > 0)
    for (const table of LOADED_TABLES)
      await db.client.command({
        query: `DELETE FROM ${table} WHERE load_id IN {ids:Array(UUID)}`,
        query_params: { ids: open.map((l) => l.load_id) },
      });
  await writeLedger(
    db,
    open.map((load) => ({
      loadId: load.load_id,
      path: load.path,
      size: Number(load.size),
      sha256: load.h,
      status: 'failed' as const,
      startedAt: load.started,
      detail: 'interrupted; its rows were removed and the file will load again',
    })),
  );
  const leftovers = await queryRows<{ name: string }>(
    db,
    `SELECT name FROM system.tables WHERE database = currentDatabase() AND (${STAGE_PREFIXES.map((_, i) => `startsWith(name, {p${i}:String})`).join(' OR ')})`,
    Object.fromEntries(STAGE_PREFIXES.map((p, i) => [`p${i}`, p])),
  );
  // Views first: each reads a sink table of the same load.
  const views = (name: string) => (name.startsWith('etl_fusedmv_') ? 0 : 1);
  for (const { name } of leftovers.sort((a, b) => views(a.name) - views(b.name)))
    if (SCRATCH_NAME.test(name)) await db.client.command({ query: `DROP TABLE IF EXISTS ${name}` });
  return open.map((l) => l.load_id);
}

/**
 * The ETL lease (docs/etl.md, "One writer at a time"): a load — its recovery, files and
 * derived refresh —, a rebuild, a maintain and a scoring (`pnpm etl score`, re-scoring
 * after a load) each hold the database alone. ClickHouse has
 * no transactions; its DDL is the atomic primitive on one server:
 *  - acquire: `CREATE TABLE etl_lease … COMMENT '<holder>' AS SELECT <heartbeat row>` (no
 *    IF NOT EXISTS): the holder (id, command, host, pid, start) is the table's COMMENT, so
 *    it exists with the table (a Memory table emptied by a server restart keeps it); a
 *    second creator gets TABLE_ALREADY_EXISTS and reads who holds it;
 *  - release: `DROP TABLE etl_lease`;
 *  - heartbeat (server only): every 5 s the holder appends a row (its id, the server's
 *    `now64()`); a lease with no heartbeat of its holder for 60 s, or whose holder is a
 *    dead process on this host, is stale;
 *  - takeover of a stale lease: `RENAME TABLE etl_lease TO etl_lease_taken_<holder>`
 *    (atomic; the name is the stale holder's, so of two takers of one lease the second's
 *    RENAME fails), then CREATE as above. A taker whose RENAME moved another lease than the
 *    one it judged stale (the lease changed between its read and its RENAME) puts it back,
 *    and fails when it cannot.
 * Embedded, chDB lets one process hold the directory, so a lease not held by this
 * process is a leftover of a dead one: taken over at once, and no heartbeat runs. The
 * lease lives on the server CLICKHOUSE_URL names, also on the cluster profile
 * (docs/operations.md, "Running").
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { PlatformError, queryRows, type Db } from '@collections/schema';
import { lit } from './validate/stage-layout.sql.ts';

export const LEASE_TABLE = 'etl_lease';
const TAKEN_PREFIX = `${LEASE_TABLE}_taken_`;

export type LeaseCommand = 'load' | 'rebuild' | 'maintain' | 'score';

/** How a second writer waits (CLI `--wait`, ETL_WAIT_SECONDS). */
export interface LeaseWait {
  /** How long to wait for the holder before failing with LOAD_RUNNING (default 0: fail at once). */
  readonly seconds?: number;
  /** A line for the operator: waiting (at once, then every 15 s), or a stale lease taken over. */
  readonly say?: (line: string) => void;
  /** Stops the wait (the inbox job stopping): LOAD_RUNNING at once. */
  readonly signal?: AbortSignal;
}

export interface LeaseTiming {
  readonly heartbeatMs: number;
  /** A lease silent this long is stale. */
  readonly staleMs: number;
  /** How often a waiter tries again. */
  readonly pollMs: number;
}

export const LEASE_TIMING: LeaseTiming = { heartbeatMs: 5_000, staleMs: 60_000, pollMs: 1_000 };
const PROGRESS_MS = 15_000;

/**
 * The holder as a waiter sees it (from the table's COMMENT); `rows` counts its heartbeats,
 * 0 in a lease still being filled or emptied by a server restart.
 */
export interface Holder {
  holder: string;
  command: string;
  host: string;
  pid: number;
  started_at: string;
  rows: number;
  silent_ms: number;
}

const NOBODY: Holder = {
  holder: '',
  command: '',
  host: '',
  pid: 0,
  started_at: '',
  rows: 0,
  silent_ms: 0,
};

export interface Lease {
  /** Throws LEASE_LOST when the heartbeat found the lease taken over. */
  check(): void;
  release(): Promise<void>;
}

/** Holder ids of this process that are acquiring or holding a lease: never stale. */
const live = new Set<string>();

const HOLDER_ID = /^[0-9a-f]{32}$/;

const errorType = (err: unknown) => String((err as { type?: unknown } | undefined)?.type ?? '');
const isType = (err: unknown, ...types: string[]) => types.includes(errorType(err));

type HolderRecord = Pick<Holder, 'holder' | 'command' | 'host' | 'pid' | 'started_at'>;

/** The holder record of a COMMENT; NOBODY's fields when it is not one of ours. */
function parseRecord(comment: string): HolderRecord {
  try {
    const r = JSON.parse(comment) as Partial<HolderRecord> | null;
    if (
      r &&
      typeof r.holder === 'string' &&
      HOLDER_ID.test(r.holder) &&
      typeof r.command === 'string' &&
      typeof r.host === 'string' &&
      Number.isSafeInteger(r.pid) &&
      typeof r.started_at === 'string'
    )
      return {
        holder: r.holder,
        command: r.command,
        host: r.host,
        pid: r.pid!,
        started_at: r.started_at,
      };
  } catch {
    // not ours
  }
  return { ...NOBODY };
}

export async function readHolder(
  db: Pick<Db, 'client'>,
  table: string,
): Promise<Holder | undefined> {
  try {
    // One statement: the COMMENT and the heartbeats of the holder it names.
    const [row] = await queryRows<{ comment: string; rows: string; silent_ms: string }>(
      db,
      `WITH (SELECT any(comment) FROM system.tables
             WHERE database = currentDatabase() AND name = {t:String}) AS c,
            JSONExtractString(c, 'holder') AS h
       SELECT c AS comment, countIf(holder = h) AS rows,
              dateDiff('millisecond', maxIf(heartbeat, holder = h), now64(3)) AS silent_ms
       FROM ${table}`,
      { t: table },
    );
    return (
      row && {
        ...parseRecord(row.comment),
        rows: Number(row.rows),
        silent_ms: Number(row.silent_ms),
      }
    );
  } catch (err) {
    if (isType(err, 'UNKNOWN_TABLE')) return undefined;
    throw err;
  }
}

/** Whether process `pid` of this host is gone (EPERM: alive, another user's). */
function pidDead(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

async function create(db: Pick<Db, 'client'>, id: string, command: LeaseCommand): Promise<boolean> {
  // COMMENT takes no query parameter: a string literal of JSON, escaped (host names are
  // the OS's text).
  const record: HolderRecord = {
    holder: id,
    command,
    host: hostname(),
    pid: process.pid,
    started_at: new Date().toISOString(),
  };
  try {
    await db.client.command({
      query: `CREATE TABLE ${LEASE_TABLE} (holder String, heartbeat DateTime64(3, 'UTC'))
        ENGINE = Memory COMMENT ${lit(JSON.stringify(record))}
        AS SELECT {holder:String}, now64(3, 'UTC')`,
      query_params: { holder: id },
    });
    return true;
  } catch (err) {
    if (isType(err, 'TABLE_ALREADY_EXISTS')) return false;
    throw err;
  }
}

const since = (h: Holder) => `${h.started_at.replace('T', ' ').slice(0, 19)} UTC`;

/** "etl load on host h (pid 123) since … UTC", and its last heartbeat with a server. */
function describe(h: Holder, engine: Db['engine']): string {
  if (!h.holder) return 'another ETL process (its lease is being written)';
  const beat =
    engine !== 'server'
      ? ''
      : h.rows === 0
        ? ', no heartbeat yet'
        : `, last heartbeat ${Math.round(h.silent_ms / 1000)} s ago`;
  return `another etl ${h.command} (host ${h.host}, pid ${h.pid}, since ${since(h)}${beat})`;
}

export function loadRunning(
  db: Pick<Db, 'engine' | 'database'>,
  h: Holder,
  waited: number,
  timing: LeaseTiming = LEASE_TIMING,
): PlatformError {
  return new PlatformError(
    'LOAD_RUNNING',
    `${describe(h, db.engine)} holds the database ${db.database}; nothing was done. ` +
      `Wait for it to finish and run the same command again, or let this one wait longer ` +
      `(--wait <seconds> or ETL_WAIT_SECONDS; waited ${waited} s). A holder that died is ` +
      `taken over once it has sent no heartbeat for ${timing.staleMs / 1000} s.`,
  );
}

function leaseLost(db: Pick<Db, 'database'>, timing: LeaseTiming): PlatformError {
  return new PlatformError(
    'LEASE_LOST',
    `another process took over this run's lease on the database ${db.database} (this process ` +
      `sent no heartbeat for ${timing.staleMs / 1000} s: paused, or cut off from the server), so ` +
      'both may have written at once. Once no other load runs, run the same command again, ' +
      'then `pnpm etl rebuild`.',
  );
}

/**
 * Move the stale lease `h` away and create ours; the name it was moved to (dropped at
 * release). Undefined when another taker won, or the lease is no longer `h` (then it is
 * put back where it was). Exported for its test.
 */
export async function takeOver(
  db: Pick<Db, 'client'>,
  h: Holder,
  id: string,
  command: LeaseCommand,
): Promise<string | undefined> {
  // Named after the stale holder (never the taker): the RENAME decides between takers.
  const taken = `${TAKEN_PREFIX}${HOLDER_ID.test(h.holder) ? h.holder : 'unidentified'}`;
  try {
    await db.client.command({ query: `RENAME TABLE ${LEASE_TABLE} TO ${taken}` });
  } catch (err) {
    if (isType(err, 'TABLE_ALREADY_EXISTS', 'UNKNOWN_TABLE')) return undefined;
    throw err;
  }
  const moved = await readHolder(db, taken);
  if (moved?.holder !== h.holder) {
    try {
      await db.client.command({ query: `RENAME TABLE ${taken} TO ${LEASE_TABLE}` });
    } catch (err) {
      throw new PlatformError(
        'LOAD_RUNNING',
        `moved the ETL lease of ${moved ? describe(moved, 'server') : 'another process'} to ` +
          `${taken}, judging an older lease stale, and could not put it back (${String(err)}); ` +
          `that holder fails with LEASE_LOST. Nothing was done.`,
        { cause: err },
      );
    }
    return undefined;
  }
  if (await create(db, id, command)) return taken;
  await db.client.command({ query: `DROP TABLE IF EXISTS ${taken} SYNC` });
  return undefined;
}

/**
 * Hold the database for `command` until `release()`: at once when free, after a stale
 * holder is taken over, or once the holder releases within `wait.seconds`; otherwise
 * LOAD_RUNNING naming the holder.
 */
export async function acquireLease(
  db: Pick<Db, 'client' | 'engine' | 'database'>,
  command: LeaseCommand,
  wait: LeaseWait = {},
  timing: LeaseTiming = LEASE_TIMING,
): Promise<Lease> {
  const id = randomUUID().replace(/-/g, '');
  const t0 = Date.now();
  let emptySince: number | undefined;
  const stale = (h: Holder): boolean => {
    emptySince = h.rows === 0 ? (emptySince ?? Date.now()) : undefined;
    // This process's own (another acquirer of it may be writing an empty lease).
    if (live.has(h.holder) || (!h.holder && live.size > 1)) return false;
    if (db.engine === 'embedded') return true; // chDB: no other process has the directory
    if (h.rows === 0) return Date.now() - emptySince! >= timing.staleMs;
    if (h.host === hostname() && (h.pid === process.pid || pidDead(h.pid))) return true;
    return h.silent_ms >= timing.staleMs;
  };
  let told = -Infinity;
  let taken: string | undefined;
  live.add(id);
  try {
    for (let quick = 0; ;) {
      if (await create(db, id, command)) break;
      let h = await readHolder(db, LEASE_TABLE);
      if (h && stale(h)) {
        taken = await takeOver(db, h, id, command);
        if (taken) {
          if (h.rows > 0)
            wait.say?.(`took over the lease of ${describe(h, db.engine)}: it is gone`);
          break;
        }
        h = await readHolder(db, LEASE_TABLE);
      }
      // Released or taken over meanwhile: try again at once, a few times.
      if ((!h || stale(h)) && quick++ < 3) continue;
      quick = 0;
      const holder = h ?? { ...NOBODY };
      const waited = Date.now() - t0;
      if (waited >= (wait.seconds ?? 0) * 1000 || wait.signal?.aborted)
        throw loadRunning(db, holder, Math.round(waited / 1000), timing);
      if (waited - told >= PROGRESS_MS) {
        told = waited;
        wait.say?.(
          `waiting: ${describe(holder, db.engine)} holds the database ` +
            `(${Math.round(waited / 1000)} s of ${wait.seconds} s)`,
        );
      }
      await new Promise((r) => setTimeout(r, timing.pollMs));
    }
  } catch (err) {
    live.delete(id);
    throw err;
  }
  return held(db, id, taken, timing);
}

function held(
  db: Pick<Db, 'client' | 'engine' | 'database'>,
  id: string,
  taken: string | undefined,
  timing: LeaseTiming,
): Lease {
  let lost = false;
  let beating: Promise<void> | undefined;
  const beat = async () => {
    try {
      await db.client.command({
        query: `INSERT INTO ${LEASE_TABLE} SELECT {holder:String}, now64(3, 'UTC')`,
        query_params: { holder: id },
      });
      if ((await readHolder(db, LEASE_TABLE))?.holder !== id) lost = true;
    } catch (err) {
      if (isType(err, 'UNKNOWN_TABLE')) lost = true; // otherwise a passing fault: next beat
    }
  };
  // Embedded, no other process can take the lease: no heartbeat.
  const timer =
    db.engine === 'server'
      ? setInterval(() => {
          beating ??= beat().finally(() => (beating = undefined));
        }, timing.heartbeatMs).unref()
      : undefined;
  return {
    check() {
      if (lost) throw leaseLost(db, timing);
    },
    async release() {
      clearInterval(timer);
      await beating;
      try {
        // With a server, drop only our own lease (never one that replaced it).
        if (!lost && db.engine === 'server' && (await readHolder(db, LEASE_TABLE))?.holder !== id)
          lost = true;
        if (!lost) await db.client.command({ query: `DROP TABLE IF EXISTS ${LEASE_TABLE} SYNC` });
        if (taken) await db.client.command({ query: `DROP TABLE IF EXISTS ${taken} SYNC` });
      } finally {
        live.delete(id);
      }
    },
  };
}

/**
 * `run` holding `lease`; released after it, also when it throws. LEASE_LOST when the
 * lease was taken over while `run` ran.
 */
export async function holding<T>(lease: Lease, run: (lease: Lease) => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await run(lease);
  } catch (err) {
    await lease.release().catch(() => undefined);
    throw err;
  }
  await lease.release();
  lease.check();
  return result;
}

/** `run` holding the lease for `command` (acquireLease, holding). */
export async function withLease<T>(
  db: Pick<Db, 'client' | 'engine' | 'database'>,
  command: LeaseCommand,
  wait: LeaseWait,
  run: (lease: Lease) => Promise<T>,
): Promise<T> {
  return holding(await acquireLease(db, command, wait), run);
}

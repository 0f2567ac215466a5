/**
 * Read-only query lanes for the API, with per-query limits and cancellation.
 *
 * Embedded engine: chdb's Node binding runs every parameterized query of the
 * process through one global queue (`runExclusiveParam`), so the API answered one
 * query at a time. Its streamed, parameter-bound path (`queryStreamBind`) is not
 * in that queue, and a process may open several connections (Sessions) on the
 * same directory; bench/serve/chdb-parallel.ts measured that a light query no
 * longer waits behind a heavy one on another session and that distinct
 * parameters come back right under concurrency. So a lane here is one Session
 * reading through `queryStreamBind`: parameters stay `{name:Type}` placeholders.
 * Each lane's limits are `SET` once on its own connection (never on the
 * connection the ETL loads through, where a time limit would cut a long load).
 *
 * Server engine: a lane is a slot on the shared HTTP client; limits go as
 * per-query settings and a caller's abort closes the HTTP request, which
 * ClickHouse turns into a cancelled query (cancel_http_readonly_queries_on_client_close).
 */
import { getPriority, setPriority } from 'node:os';
import type { ClickHouseSettings } from '@clickhouse/client';
import { Session } from 'chdb';
import { BASE_SETTINGS, type Db } from './db.ts';

export interface ReadLimits {
  /** max_execution_time, seconds. */
  readonly maxSeconds: number;
  /** max_memory_usage, bytes. */
  readonly maxMemoryBytes: number;
  /**
   * Nice increment (0-19) of the query's threads over this process's own nice
   * (os_thread_priority is absolute, and the API may itself run niced). On few cores the
   * database threads otherwise take the CPU from the event loop, and a cached
   * answer waits behind a computation (measured: the JS thread got 2.1× the CPU
   * with 19 against 0 while two lanes computed).
   */
  readonly threadPriority?: number;
}

export interface ReadOptions {
  readonly signal?: AbortSignal;
  readonly queryId?: string;
}

export interface ReaderPool {
  /** How many queries may run at once (one per lane). */
  readonly lanes: number;
  /** Rows of a read on the given lane (0 ≤ lane < lanes); the caller keeps one query per lane. */
  query<T>(
    lane: number,
    sql: string,
    params: Record<string, unknown>,
    options?: ReadOptions,
  ): Promise<T[]>;
  /** Embedded: reads that went through the shared connection because a parameterized query was in flight there. */
  readonly sharedReads: () => number;
  close(): Promise<void>;
}

export function limitSettings(limits: ReadLimits): ClickHouseSettings {
  return {
    max_execution_time: limits.maxSeconds,
    max_memory_usage: String(limits.maxMemoryBytes),
    // On timeout, stop with an error rather than return partial rows.
    timeout_overflow_mode: 'throw',
    ...(limits.threadPriority
      ? { os_thread_priority: String(Math.min(19, getPriority() + limits.threadPriority)) }
      : {}),
  };
}

/** Open `lanes` read lanes on the database (see the module comment). */
export function openReaders(db: Db, lanes: number, limits: ReadLimits): ReaderPool {
  return db.engine === 'embedded'
    ? embeddedReaders(db, lanes, limits)
    : serverReaders(db, lanes, limits);
}

function serverReaders(db: Db, lanes: number, limits: ReadLimits): ReaderPool {
  const settings: ClickHouseSettings = {
    ...limitSettings(limits),
    cancel_http_readonly_queries_on_client_close: 1,
  };
  return {
    lanes,
    async query<T>(
      _lane: number,
      sql: string,
      params: Record<string, unknown>,
      options: ReadOptions = {},
    ) {
      const result = await db.client.query({
        query: sql,
        query_params: params,
        format: 'JSONEachRow',
        clickhouse_settings: settings,
        ...(options.queryId ? { query_id: options.queryId } : {}),
        ...(options.signal ? { abort_signal: options.signal } : {}),
      });
      return result.json<T>();
    },
    sharedReads: () => 0,
    async close() {},
  };
}

function settingStatements(settings: ClickHouseSettings): string[] {
  return Object.entries(settings).map(([k, v]) =>
    typeof v === 'number' ? `SET ${k} = ${v}` : `SET ${k} = '${String(v).replace(/'/g, "''")}'`,
  );
}

/**
 * chdb does not isolate parameter binding across connections (its index.js, above
 * `globalParamChain`): a stream started while a parameterized query of the shared
 * connection (an in-process load, the ledger poll) is queued or running could bind the
 * wrong values or abort the engine. Streams start on the event loop, so checking
 * `db.paramQueriesInFlight()` just before the start is enough: while it is above 0 the read
 * goes through the shared connection, in chdb's one queue, behind that work. That path
 * has no per-query limits (a SET there would stay on the loader's connection).
 */
function embeddedReaders(db: Db, lanes: number, limits: ReadLimits): ReaderPool {
  const ownNice = getPriority();
  let sharedReads = 0;
  const sessions = Array.from({ length: lanes }, () => {
    const session = new Session(db.location);
    // Settings are fixed configuration (not user input); SET applies to this connection only.
    for (const statement of settingStatements({ ...BASE_SETTINGS, ...limitSettings(limits) }))
      session.query(statement, 'CSV');
    return session;
  });
  return {
    lanes,
    async query<T>(
      lane: number,
      sql: string,
      params: Record<string, unknown>,
      options: ReadOptions = {},
    ) {
      const session = sessions[lane];
      if (!session) throw new RangeError(`no read lane ${lane} (there are ${lanes})`);
      if ((db.paramQueriesInFlight?.() ?? 0) > 0) {
        sharedReads += 1;
        const result = await db.client.query({
          query: sql,
          query_params: params,
          format: 'JSONEachRow',
          ...(options.signal ? { abort_signal: options.signal } : {}),
        });
        return result.json<T>();
      }
      const rows: T[] = [];
      try {
        // A stream is cancelled between chunks when the signal fires (chdb StreamCancel).
        const stream = session.queryStreamBind(sql, params, {
          format: 'JSONEachRow',
          ...(options.signal ? { signal: options.signal } : {}),
        });
        for await (const chunk of stream) for (const row of chunk.rows()) rows.push(row as T);
        return rows;
      } finally {
        // The engine starts a stream on the calling (event loop) thread, applies
        // os_thread_priority to it and then resets it to 0: give it its own nice back.
        if (getPriority() !== ownNice) setPriority(ownNice);
      }
    },
    sharedReads: () => sharedReads,
    async close() {
      for (const session of sessions) session.close();
    },
  };
}

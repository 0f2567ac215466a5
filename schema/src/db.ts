/**
 * The one module that owns the ClickHouse client: a server over HTTP when
 * CLICKHOUSE_URL is set, otherwise the embedded engine (chDB) in CHDB_PATH.
 * The same @clickhouse/client API serves both, so no caller knows which.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  ClickHouseLogLevel,
  createClient,
  type ClickHouseClient,
  type ClickHouseSettings,
} from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import type { Env } from './env.ts';
import { PlatformError, errorMessage } from './errors.ts';

/** chdb ships its own copy of the client's Connection type: cast once, here. */
type ChdbAsClientConnection = NonNullable<
  NonNullable<Parameters<typeof createClient>[0]>['connection']
>;

export type Engine = 'embedded' | 'server';

export interface Db {
  readonly client: ClickHouseClient;
  readonly engine: Engine;
  /** Where the data lives: the embedded directory or the server URL (no password). */
  readonly location: string;
  /** Database name (always `default` in embedded mode: chDB has one database per directory). */
  readonly database: string;
  /**
   * Embedded engine: how many parameterized queries of this connection are queued or
   * running (the ETL's, the ledger's). chdb does not isolate parameter binding across
   * connections, so the API's parallel read lanes start no stream while this is above 0
   * (readers.ts). Absent for a server.
   */
  readonly paramQueriesInFlight?: () => number;
  close(): Promise<void>;
}

/** Settings every query gets: exact 64-bit integers in JSON, UTC everywhere. */
export const BASE_SETTINGS: ClickHouseSettings = {
  output_format_json_quote_64bit_integers: 1,
  date_time_output_format: 'iso',
  session_timezone: 'UTC',
};

type DbConfig = Pick<
  Env,
  'CLICKHOUSE_URL' | 'CLICKHOUSE_USER' | 'CLICKHOUSE_PASSWORD' | 'CLICKHOUSE_DATABASE' | 'CHDB_PATH'
>;

/** Which engine a configuration selects. */
export function engineFor(config: Pick<Env, 'CLICKHOUSE_URL'>): Engine {
  return config.CLICKHOUSE_URL ? 'server' : 'embedded';
}

/** Open the database and check that it answers. Throws PlatformError with a sentence that says what to do. */
export async function openDb(config: DbConfig): Promise<Db> {
  return engineFor(config) === 'server' ? openServer(config) : openEmbedded(config.CHDB_PATH);
}

async function openServer(config: DbConfig): Promise<Db> {
  const url = new URL(config.CLICKHOUSE_URL!);
  const shownUrl = `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  const common = {
    url: config.CLICKHOUSE_URL!,
    username: config.CLICKHOUSE_USER,
    password: config.CLICKHOUSE_PASSWORD,
    // Long loads and queries keep the HTTP connection alive with progress headers.
    clickhouse_settings: {
      ...BASE_SETTINGS,
      send_progress_in_http_headers: 1 as const,
      http_headers_progress_interval_ms: '60000',
    },
    request_timeout: 600_000,
    // The client's own logger would print connection details; we raise our own errors instead.
    log: { level: ClickHouseLogLevel.OFF },
  };
  const admin = createClient(common);
  const ping = await admin.ping();
  if (!ping.success) {
    await admin.close();
    throw new PlatformError(
      'DB_UNREACHABLE',
      `Cannot reach the ClickHouse server at ${shownUrl} (${errorMessage(ping.error)}). ` +
        'Check that the server is running and that CLICKHOUSE_URL, CLICKHOUSE_USER and CLICKHOUSE_PASSWORD are right, ' +
        'or unset CLICKHOUSE_URL to use the embedded engine.',
      { cause: ping.error },
    );
  }
  try {
    await admin.command({ query: `CREATE DATABASE IF NOT EXISTS ${config.CLICKHOUSE_DATABASE}` });
  } catch (err) {
    throw new PlatformError(
      'DB_OPEN_FAILED',
      `The ClickHouse server at ${shownUrl} answered, but the database "${config.CLICKHOUSE_DATABASE}" could not be created: ${errorMessage(err)}`,
      { cause: err },
    );
  } finally {
    await admin.close();
  }
  const client = createClient({ ...common, database: config.CLICKHOUSE_DATABASE });
  return {
    client,
    engine: 'server',
    location: shownUrl,
    database: config.CLICKHOUSE_DATABASE,
    close: () => client.close(),
  };
}

/** One process may hold one chDB directory; remember which, to explain a second open. */
let openEmbeddedPath: string | undefined;

async function openEmbedded(dir: string): Promise<Db> {
  const absolute = path.resolve(dir);
  if (openEmbeddedPath && openEmbeddedPath !== absolute) {
    throw new PlatformError(
      'DB_OPEN_FAILED',
      `This process already uses the embedded database at ${openEmbeddedPath}; chDB can open only one directory per process, so ${absolute} cannot be opened too.`,
    );
  }
  mkdirSync(absolute, { recursive: true });
  const lockHolder = embeddedLockHolder(absolute);
  let client: ClickHouseClient | undefined;
  let counted: ReturnType<typeof countParamQueries> | undefined;
  try {
    // Inside the try: creating the connection is what fails on a locked directory.
    counted = countParamQueries(
      createChdbConnection({ path: absolute }) as unknown as ChdbAsClientConnection,
    );
    client = createClient({
      connection: counted.connection,
      clickhouse_settings: BASE_SETTINGS,
      log: { level: ClickHouseLogLevel.OFF },
    });
    await client.query({ query: 'SELECT 1', format: 'JSONEachRow' }).then((r) => r.json());
  } catch (err) {
    await client?.close().catch(() => undefined);
    const holder = lockHolder ?? embeddedLockHolder(absolute);
    if (holder !== undefined || /lock|status/i.test(errorMessage(err))) {
      throw new PlatformError(
        'DB_LOCKED',
        `The embedded database at ${absolute} is in use by another process${holder ? ` (PID ${holder})` : ''}, ` +
          'probably the API (`pnpm start` / `pnpm api`). chDB lets one process open a directory at a time: ' +
          'stop that process and retry, or load files through the running API (drop them into its INBOX_DIR), ' +
          'or point CHDB_PATH at another directory.',
        { cause: err },
      );
    }
    throw new PlatformError(
      'DB_OPEN_FAILED',
      `Cannot open the embedded database at ${absolute}: ${errorMessage(err)}`,
      {
        cause: err,
      },
    );
  }
  openEmbeddedPath = absolute;
  const opened = client;
  return {
    client: opened,
    engine: 'embedded',
    location: absolute,
    database: 'default',
    paramQueriesInFlight: counted!.inFlight,
    close: async () => {
      await opened.close();
      openEmbeddedPath = undefined;
    },
  };
}

/** The connection with a count of its parameterized calls in flight (see Db.paramQueriesInFlight). */
function countParamQueries(connection: ChdbAsClientConnection): {
  connection: ChdbAsClientConnection;
  inFlight: () => number;
} {
  let inFlight = 0;
  const methods = new Set<PropertyKey>(['query', 'exec', 'command', 'insert']);
  const wrapped = new Proxy(connection, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      // The connection's methods use private fields: call them on the connection itself.
      if (!methods.has(key)) return (value as (...a: unknown[]) => unknown).bind(target);
      return (params: { query_params?: Record<string, unknown> }) => {
        const call = (value as (p: unknown) => Promise<unknown>).call(target, params);
        if (!params?.query_params || Object.keys(params.query_params).length === 0) return call;
        inFlight += 1;
        return call.finally(() => {
          inFlight -= 1;
        });
      };
    },
  });
  return { connection: wrapped, inFlight: () => inFlight };
}

/**
 * The PID in ClickHouse's `status` file when a live process other than this one
 * holds the directory; undefined otherwise. ClickHouse writes "PID: n" there while running.
 */
function embeddedLockHolder(dir: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(path.join(dir, 'status'), 'utf8');
  } catch {
    return undefined;
  }
  const pid = Number(/PID:\s*(\d+)/.exec(text)?.[1]);
  if (!Number.isInteger(pid) || pid === process.pid) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

/** Rows of a query as objects; parameters only through `{name:Type}` placeholders. */
export async function queryRows<T>(
  db: Pick<Db, 'client'>,
  query: string,
  params: Record<string, unknown> = {},
  options: { queryId?: string; settings?: ClickHouseSettings } = {},
): Promise<T[]> {
  const result = await db.client.query({
    query,
    query_params: params,
    format: 'JSONEachRow',
    ...(options.queryId ? { query_id: options.queryId } : {}),
    ...(options.settings ? { clickhouse_settings: options.settings } : {}),
  });
  return result.json<T>();
}

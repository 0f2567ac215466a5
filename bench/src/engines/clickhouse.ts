/**
 * ClickHouse as the product runs it: the ETL's loadPaths into a fresh embedded
 * (chDB) database, GraphQL operations through the API's Apollo server
 * (executeOperation: the whole request path except HTTP), and the API's SQL
 * builders run bare. The load is also compared with a bare
 * INSERT … SELECT FROM file() of the same files (parse and store, no checks).
 *
 * With `clickhouseDb` (pnpm bench --clickhouse-db DIR) a database loaded
 * beforehand by `pnpm etl load` is copied into the run's directory and used
 * as is: at scale M this saves the ETL load, which is then measured apart.
 */
import { randomUUID } from 'node:crypto';
import { cpSync } from 'node:fs';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import type { ClickHouseSettings } from '@clickhouse/client';
import { apiSchema, type ApiContext } from '@collections/api';
import { createTestApi } from '@collections/api/testing';
import { loadPaths } from '@collections/etl';
import {
  EVENT_TABLES,
  loadEnv,
  migrate,
  openDb,
  queryRows,
  refreshDerived,
  type Db,
  type Env,
} from '@collections/schema';
import { CLICKHOUSE_OPS } from '../clickhouse/ops.ts';
import type { Loaded, Request } from '../protocol.ts';
import { phaseClock } from './types.ts';
import { allFields } from '../tables.ts';
import type { WorkerEngine } from '../worker.ts';

/** What the worker needs of the API: createTestApi's, or the same over a reused database. */
interface BenchApi {
  readonly db: Db;
  readonly env: Env;
  data<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  dispose(): Promise<void>;
}

/** Only for hashing the generator's synthetic identifiers inside a throwaway database. */
const BENCH_PII_KEY = 'benchmark-throwaway-key-0123456789';

export async function openClickHouseWorker(
  request: Extract<Request, { op: 'open' }>,
): Promise<WorkerEngine> {
  const reused = request.clickhouseDb;
  const api = reused
    ? await reuseApi(reused, request.dir!, BENCH_PII_KEY)
    : await createTestApi({ PII_KEY: BENCH_PII_KEY });
  const db = api.db;
  let settings: ClickHouseSettings = {};
  return {
    async version() {
      const [row] = await queryRows<{ v: string }>(db, 'SELECT version() AS v');
      return `ClickHouse ${row?.v} (chDB, embedded)`;
    },
    async limit(seconds) {
      settings = seconds > 0 ? { max_execution_time: seconds, timeout_overflow_mode: 'throw' } : {};
    },
    async load(files): Promise<Loaded> {
      const phases = phaseClock();
      const summary = reused
        ? { loaded: await countEvents(db), seconds: 0 }
        : await loadPaths(db, files, { piiKey: BENCH_PII_KEY });
      phases.mark(reused ? 'count the loaded events' : 'ETL load (loadPaths)');
      // Reused: the ETL ran apart, and so does its bare comparison (bench/src/bare-cli.ts).
      const bare = reused ? undefined : await bareInsert(db, files);
      if (bare) phases.mark('bare INSERT … SELECT FROM file()');
      return {
        events: summary.loaded,
        seconds: summary.seconds,
        phases: phases.done().phases,
        ...bare,
        ...(reused ? { reused } : {}),
      };
    },
    async range() {
      throw new Error('use a comparison engine for the data range');
    },
    async run({ metric, mode, args, canonical }) {
      const op = CLICKHOUSE_OPS[metric];
      if (!op) return { ms: Number.NaN, unsupported: true };
      if (mode === 'bare') {
        const sqls = [op.bare(args, api.env)].flat();
        const started = performance.now();
        try {
          await Promise.all(
            sqls.map((sql) => queryRows(db, sql.query, sql.query_params, { settings })),
          );
        } catch (err) {
          // TIMEOUT_EXCEEDED (159) from max_execution_time
          if (!/TIMEOUT_EXCEEDED|Timeout exceeded/i.test(String(err))) throw err;
          return { ms: performance.now() - started, timedOut: true };
        }
        return { ms: performance.now() - started };
      }
      const started = performance.now();
      const data = await api.data(op.graphql, op.variables(args));
      const ms = performance.now() - started;
      return canonical ? { ms, canonical: op.canonical(data) } : { ms };
    },
    close: () => api.dispose(),
  };
}

export const CLICKHOUSE_WIRED = true;

async function countEvents(db: Pick<Db, 'client'>): Promise<number> {
  const tables = Object.keys(EVENT_TABLES);
  const [row] = await queryRows<{ n: string }>(
    db,
    `SELECT ${tables.map((t) => `(SELECT count() FROM ${t})`).join(' + ')} AS n`,
  );
  return Number(row?.n);
}

/**
 * The API over a copy of a loaded database: the same Apollo schema and
 * executeOperation path as createTestApi (its error-logging plugin only acts on
 * errors). Migrations newer than the copy are applied and, if any was, every
 * derived table is rebuilt for all loads.
 */
async function reuseApi(source: string, dir: string, piiKey: string): Promise<BenchApi> {
  const copy = path.join(dir, 'chdb');
  cpSync(source, copy, { recursive: true });
  const env = loadEnv({ CHDB_PATH: copy, PII_KEY: piiKey });
  const db = await openDb(env);
  const { applied } = await migrate(db);
  if (applied.length > 0) {
    const ids = await queryRows<{ id: string }>(
      db,
      `SELECT DISTINCT toString(load_id) AS id FROM (${Object.keys(EVENT_TABLES)
        .map((t) => `SELECT load_id FROM ${t}`)
        .join(' UNION ALL ')})`,
    );
    await refreshDerived(db, { loadIds: ids.map((r) => r.id) });
  }
  const server = new ApolloServer<ApiContext>({ schema: await apiSchema() });
  await server.start();
  return {
    db,
    env,
    async data(query, variables) {
      const contextValue: ApiContext = { db, env, role: 'admin', requestId: randomUUID() };
      const response = await server.executeOperation({ query, variables }, { contextValue });
      if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
      const result = response.body.singleResult;
      if (result.errors?.length)
        throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      return result.data as never;
    },
    async dispose() {
      await server.stop();
      await db.close();
    },
  };
}

/** The same files through a bare INSERT … SELECT FROM file(): parse and store, no checks. */
export async function bareInsert(
  db: Pick<Db, 'client'>,
  files: readonly string[],
): Promise<{ bareSeconds: number; bareRows: number }> {
  const structure = allFields()
    .map((f) => `${f} Nullable(String)`)
    .join(', ');
  await db.client.command({
    query: `CREATE TABLE bare_events (${structure}) ENGINE = MergeTree ORDER BY tuple()`,
  });
  // One statement per folder ({a,b,…} glob of the file names) when the names allow it:
  // fewer per-statement costs, as a hand-written bulk load would do.
  const byDir = new Map<string, string[]>();
  for (const f of files) byDir.set(path.dirname(f), [...(byDir.get(path.dirname(f)) ?? []), f]);
  const batches = [...byDir].flatMap(([dir, group]) =>
    group.length > 1 && group.every((f) => !/[{},*?]/.test(f))
      ? [`${dir}/{${group.map((f) => path.basename(f)).join(',')}}`]
      : group,
  );
  const started = performance.now();
  for (const pattern of batches) {
    await db.client.command({
      query: `INSERT INTO bare_events SELECT * FROM file({path:String}, 'JSONEachRow', {structure:String})`,
      query_params: { path: pattern, structure },
      clickhouse_settings: {
        input_format_skip_unknown_fields: 1,
        input_format_allow_errors_ratio: 1,
        input_format_json_read_numbers_as_strings: 1,
      },
    });
  }
  const bareSeconds = (performance.now() - started) / 1000;
  const [count] = await queryRows<{ n: string }>(db, 'SELECT count() AS n FROM bare_events');
  await db.client.command({ query: 'DROP TABLE bare_events' });
  return { bareSeconds, bareRows: Number(count?.n) };
}

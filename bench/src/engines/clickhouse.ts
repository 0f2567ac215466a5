/**
 * ClickHouse as the product runs it: the ETL's loadPaths into a fresh embedded
 * (chDB) database, GraphQL operations through the API's Apollo server
 * (executeOperation: the whole request path except HTTP), and the API's SQL
 * builders run bare. The load is also compared with a bare
 * INSERT … SELECT FROM file() of the same files (parse and store, no checks).
 */
import { createTestApi } from '@collections/api/testing';
import { loadPaths } from '@collections/etl';
import { queryRows } from '@collections/schema';
import { CLICKHOUSE_OPS } from '../clickhouse/ops.ts';
import type { Loaded } from '../protocol.ts';
import { allFields } from '../tables.ts';
import type { WorkerEngine } from '../worker.ts';

/** Only for hashing the generator's synthetic identifiers inside a throwaway database. */
const BENCH_PII_KEY = 'benchmark-throwaway-key-0123456789';

export async function openClickHouseWorker(): Promise<WorkerEngine> {
  const api = await createTestApi({ PII_KEY: BENCH_PII_KEY });
  const db = api.db;
  return {
    async version() {
      const [row] = await queryRows<{ v: string }>(db, 'SELECT version() AS v');
      return `ClickHouse ${row?.v} (chDB, embedded)`;
    },
    async load(files): Promise<Loaded> {
      const summary = await loadPaths(db, files, { piiKey: BENCH_PII_KEY });
      const structure = allFields()
        .map((f) => `${f} Nullable(String)`)
        .join(', ');
      await db.client.command({
        query: `CREATE TABLE bare_events (${structure}) ENGINE = MergeTree ORDER BY tuple()`,
      });
      const started = performance.now();
      for (const file of files) {
        await db.client.command({
          query: `INSERT INTO bare_events SELECT * FROM file({path:String}, 'JSONEachRow', {structure:String})`,
          query_params: { path: file, structure },
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
      return {
        events: summary.loaded,
        seconds: summary.seconds,
        bareSeconds,
        bareRows: Number(count?.n),
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
        await Promise.all(sqls.map((sql) => queryRows(db, sql.query, sql.query_params)));
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

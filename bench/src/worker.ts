/**
 * One engine under test, in its own process so that its memory is its own.
 * Started by harness.ts with child_process.fork; answers Request messages.
 * Times are taken here, around the query and the reading of all its rows.
 */
import { openDuckDb } from './engines/duckdb.ts';
import { openPostgres } from './engines/postgres.ts';
import { QueryTimeout, type BenchEngine } from './engines/types.ts';
import { COMPARISON_SQL } from './metrics/index.ts';
import type { DataRange, Loaded, Reply, Request, RunResult } from './protocol.ts';
import type { Dialect } from './tables.ts';
import type { EngineKind } from './targets.ts';

/** A target engine as the worker drives it. */
export interface WorkerEngine {
  version(): Promise<string>;
  load(files: string[]): Promise<Loaded>;
  /** Cap later queries at `seconds` each (0: no cap). */
  limit(seconds: number): Promise<void>;
  range(): Promise<DataRange>;
  run(request: Extract<Request, { op: 'run' }>): Promise<RunResult>;
  close(): Promise<void>;
}

/** PostgreSQL and DuckDB: the comparison SQL of ./metrics. */
export function sqlWorkerEngine(engine: BenchEngine, dialect: Dialect): WorkerEngine {
  return {
    version: () => engine.version(),
    load: (files) => engine.load(files),
    limit: (seconds) => engine.limit(seconds),
    async range() {
      const [row] = await engine.query(
        `SELECT CAST(CAST(date_trunc('month', min(as_of)) AS DATE) AS TEXT) AS first_month,
                CAST(CAST(date_trunc('month', max(as_of)) AS DATE) AS TEXT) AS last_month,
                (SELECT CAST(CAST(max(t) AS DATE) AS TEXT) FROM (
                   SELECT max(occurred_at) AS t FROM account_snapshot UNION ALL
                   SELECT max(occurred_at) FROM contact_attempt UNION ALL SELECT max(occurred_at) FROM payment) AS x) AS as_of_date,
                COALESCE((SELECT experiment FROM case_opened WHERE experiment <> ''
                          GROUP BY experiment ORDER BY count(*) DESC, experiment LIMIT 1), '') AS experiment
         FROM account_snapshot`,
        [],
      );
      return {
        firstMonth: String(row?.first_month),
        lastMonth: String(row?.last_month),
        asOfDate: String(row?.as_of_date),
        experiment: String(row?.experiment),
      };
    },
    async run({ metric, args, canonical }) {
      const m = COMPARISON_SQL.find((x) => x.name === metric);
      if (!m) throw new Error(`unknown metric ${metric}`);
      const sql = m.sql(dialect);
      const params = m.params(args);
      const started = performance.now();
      try {
        const rows = await engine.query(sql, params);
        const ms = performance.now() - started;
        return canonical ? { ms, canonical: m.canonical(rows) } : { ms };
      } catch (err) {
        if (err instanceof QueryTimeout) return { ms: performance.now() - started, timedOut: true };
        throw err;
      }
    },
    close: () => engine.close(),
  };
}

async function open(request: Extract<Request, { op: 'open' }>): Promise<WorkerEngine> {
  const kind: EngineKind = request.engine;
  switch (kind) {
    case 'duckdb':
      return sqlWorkerEngine(await openDuckDb(request.dir), 'duckdb');
    case 'postgres':
      return sqlWorkerEngine(await openPostgres(request.port!, request.user!), 'postgres');
    case 'clickhouse': {
      const { openClickHouseWorker } = await import('./engines/clickhouse.ts');
      return openClickHouseWorker(request);
    }
  }
}

let engine: WorkerEngine | undefined;

async function handle(request: Request): Promise<unknown> {
  if (request.op === 'open') {
    engine = await open(request);
    return null;
  }
  if (request.op === 'peakRss') return process.resourceUsage().maxRSS * 1024;
  if (!engine) throw new Error('engine not open');
  switch (request.op) {
    case 'version':
      return engine.version();
    case 'load':
      return engine.load(request.files);
    case 'limit':
      return engine.limit(request.seconds);
    case 'argsRange':
      return engine.range();
    case 'run':
      return engine.run(request);
    case 'close':
      await engine.close();
      engine = undefined;
      setImmediate(() => process.disconnect());
      return null;
  }
}

process.on('message', (message: { id: number; request: Request }) => {
  handle(message.request).then(
    (value) => process.send!({ id: message.id, ok: true, value } satisfies Reply),
    (err: unknown) =>
      process.send!({
        id: message.id,
        ok: false,
        error: err instanceof Error ? err.message : String(err),
      } satisfies Reply),
  );
});

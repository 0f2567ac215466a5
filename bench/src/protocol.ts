/** Messages between the harness and an engine worker (child_process IPC). */
import type { LoadResult } from './engines/types.ts';
import type { BenchArgs, Canonical } from './metrics/types.ts';
import type { EngineKind, Mode } from './targets.ts';

export type Request =
  | {
      op: 'open';
      engine: EngineKind;
      port?: number;
      user?: string;
      /** A scratch directory of this run the engine may keep its files in. */
      dir?: string;
      /** ClickHouse: a loaded database directory to copy and use instead of loading. */
      clickhouseDb?: string;
      /** Cap on one query, seconds (the run reports it as timed out). */
      maxQuerySeconds?: number;
    }
  | { op: 'version' }
  | { op: 'load'; files: string[] }
  | { op: 'limit'; seconds: number }
  | { op: 'argsRange' }
  | { op: 'run'; metric: string; mode: Mode; args: BenchArgs; canonical: boolean }
  | { op: 'peakRss' }
  | { op: 'close' };

export interface DataRange {
  /** First and last month with snapshots (YYYY-MM-01) and the as-of date (YYYY-MM-DD). */
  readonly firstMonth: string;
  readonly lastMonth: string;
  readonly asOfDate: string;
  /** The experiment with the most cases ('' when none). */
  readonly experiment: string;
}

export interface RunResult {
  readonly ms: number;
  readonly canonical?: Canonical;
  /** The engine does not serve this query (yet). */
  readonly unsupported?: boolean;
  /** Stopped at the per-query cap (ms is then the cap). */
  readonly timedOut?: boolean;
}

export type Reply<T = unknown> =
  { id: number; ok: true; value: T } | { id: number; ok: false; error: string };

export interface Loaded extends LoadResult {
  /** ClickHouse only: the same files through a bare INSERT … SELECT FROM file(), seconds. */
  readonly bareSeconds?: number;
  readonly bareRows?: number;
  /** ClickHouse: the database was loaded beforehand (--clickhouse-db): no ETL time measured here. */
  readonly reused?: string;
}

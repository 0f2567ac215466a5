/**
 * ClickHouse as the product runs it: the ETL's loadPaths into an embedded
 * (chDB) database, GraphQL operations through the API's Apollo server, and the
 * API's SQL builders run bare. Not wired yet: it needs the etl-load, etl-gen,
 * api-core, api-metrics and analytics-a branches (docs/BENCHMARKS.md).
 */
import type { WorkerEngine } from '../worker.ts';

export async function openClickHouseWorker(): Promise<WorkerEngine> {
  throw new Error('ClickHouse target not wired yet (needs the ETL loader and the API metrics)');
}

/** Whether the ClickHouse target can run in this build. */
export const CLICKHOUSE_WIRED = false;

/**
 * What is measured: each target is one engine (a worker process) and one way of
 * asking it. ClickHouse is asked twice: through the product's GraphQL API and
 * with the same builder SQL bare, the limit the API can approach.
 */
export type EngineKind = 'clickhouse' | 'postgres' | 'duckdb';
export type Mode = 'graphql' | 'bare' | 'sql';

export interface Target {
  readonly engine: EngineKind;
  readonly mode: Mode;
  readonly label: string;
}

export const TARGETS: readonly Target[] = [
  { engine: 'clickhouse', mode: 'graphql', label: 'ClickHouse via API (GraphQL)' },
  { engine: 'clickhouse', mode: 'bare', label: 'ClickHouse bare SQL' },
  { engine: 'postgres', mode: 'sql', label: 'PostgreSQL' },
  { engine: 'duckdb', mode: 'sql', label: 'DuckDB' },
];

/** The reference all ratios are taken against. */
export const BASELINE: Target = TARGETS[1]!;

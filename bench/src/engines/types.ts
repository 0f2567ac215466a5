/** What every engine under test offers the harness (one engine per worker process). */
export type Row = Record<string, unknown>;

export interface LoadResult {
  /** Events now in the engine's tables. */
  readonly events: number;
  readonly seconds: number;
}

export interface BenchEngine {
  readonly name: string;
  version(): Promise<string>;
  /** Load NDJSON event files (sorted path order). */
  load(files: readonly string[]): Promise<LoadResult>;
  /** Run one SQL text with positional parameters ($1, $2, …) and return its rows. */
  query(sql: string, params: readonly unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

/** What every engine under test offers the harness (one engine per worker process). */
export type Row = Record<string, unknown>;

export interface LoadResult {
  /** Events now in the engine's tables. */
  readonly events: number;
  readonly seconds: number;
  /** Where the load's time went, in order (seconds each). */
  readonly phases?: Phase[];
}

export interface Phase {
  readonly name: string;
  readonly seconds: number;
}

/** Times consecutive phases: mark(name) closes the phase that started at the previous mark. */
export function phaseClock(): {
  mark(name: string): void;
  done(): { seconds: number; phases: Phase[] };
} {
  const started = performance.now();
  let last = started;
  const phases: Phase[] = [];
  return {
    mark(name) {
      const now = performance.now();
      phases.push({ name, seconds: (now - last) / 1000 });
      last = now;
    },
    done: () => ({ seconds: (performance.now() - started) / 1000, phases }),
  };
}

export interface BenchEngine {
  readonly name: string;
  version(): Promise<string>;
  /** Load NDJSON event files (sorted path order). */
  load(files: readonly string[]): Promise<LoadResult>;
  /** Run one SQL text with positional parameters ($1, $2, …) and return its rows. */
  query(sql: string, params: readonly unknown[]): Promise<Row[]>;
  /** Cap every later query at `seconds`; a query stopped by it throws QueryTimeout. */
  limit(seconds: number): Promise<void>;
  close(): Promise<void>;
}

export class QueryTimeout extends Error {
  constructor(seconds: number) {
    super(`query stopped after ${seconds} s`);
  }
}

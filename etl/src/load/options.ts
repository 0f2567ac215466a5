/**
 * What a load takes and gives: options (with the test and profiling hooks), progress,
 * steps, the summary, and one file's result. Every load path imports these from here,
 * not from the orchestration (index.ts), so the modules of a load import one way.
 */
import type { EventType } from '@collections/schema/domain';
import type { LedgerCounts } from '../ledger.ts';
import type { LeaseWait } from '../lease.ts';

/** Lines per write chunk of the careful path, unless LoadOptions.chunkRows says otherwise. */
export const DEFAULT_CHUNK = 1_000_000;

export interface LoadProgress {
  readonly file: string;
  readonly fileIndex: number;
  readonly files: number;
  /** lines of this file processed so far, of `fileRows` */
  readonly fileRowsDone: number;
  readonly fileRows: number;
}

/**
 * Steps of a file's load, for tests that simulate a crash between them: `done` once its
 * ledger row says `loaded`; `refreshing` and `refreshed` around the derived refresh
 * after the files (with the file '').
 */
export type LoadStep =
  | 'ledger-loading'
  | 'staged'
  | 'chunk-written'
  | 'before-done'
  | 'done'
  | 'refreshing'
  | 'refreshed';

export interface LoadOptions {
  /** PII_KEY; required when a file carries PII fields. */
  readonly piiKey?: string;
  /** How long to wait while another load, rebuild or maintain holds the database (default: fail at once). */
  readonly lease?: LeaseWait;
  readonly onProgress?: (progress: LoadProgress) => void;
  /** Lines per write chunk (bounds the memory of the duplicate check). */
  readonly chunkRows?: number;
  /** Files up to this size (bytes) are staged in memory, larger ones on disk (default SMALL_STAGE_BYTES). */
  readonly smallStageBytes?: number;
  /**
   * Which NDJSON files (embedded) take the one pass (fused.ts): 'auto' (default) runs
   * of files together (loadBatch), and a file alone when larger than the in-memory stage
   * limit (smallStageBytes), none of whose sampled ids is stored already; 'always' (each
   * file its own pass), or 'never' (the careful path: stage, then duplicate verdicts).
   * For one small file alone the one pass costs more than it saves: creating and
   * dropping its views took ~50 ms per file.
   */
  readonly onePass?: 'auto' | 'always' | 'never';
  /** Test hook: called after each step of each file. */
  readonly onStep?: (step: LoadStep, file: string) => void;
  /**
   * Profiling hook: wall seconds spent in each named part of a load (bench/etl), and the
   * process's CPU seconds meanwhile (chDB runs in-process; parts that overlap, the
   * fingerprint and the stage, both count the CPU of the other).
   */
  readonly onTiming?: (part: string, seconds: number, cpuSeconds: number) => void;
}

export interface LoadSummary {
  files: number;
  /** files skipped because the same bytes were loaded before */
  filesAlreadyLoaded: number;
  /** paths that are not event files (e.g. MANIFEST.json), not loaded */
  skipped: string[];
  rows: number;
  loaded: number;
  duplicates: number;
  quarantined: number;
  quarantineReasons: Record<string, number>;
  /** interrupted earlier loads rolled back before this one */
  recovered: number;
  /**
   * files whose bytes could not be read (corrupt or truncated compressed data): each
   * quarantined with reason unreadable_file, its ledger row `failed`
   */
  unreadable: string[];
  /** files skipped because the same bytes were found unreadable before */
  unreadableBefore: string[];
  loadIds: string[];
  seconds: number;
}

export interface FileResult {
  loadId: string;
  /** the event types of the rows it may have written (all of them: a superset is safe) */
  types: readonly EventType[];
  counts: LedgerCounts;
  reasons: Record<string, number>;
  /** the path, when the file's bytes could not be read and it was quarantined whole */
  unreadable?: string;
}

/**
 * A load path: how one file's lines get into the event tables. loadPaths (index.ts)
 * chooses one per file — the one pass (one-pass.ts) or the careful path (careful.ts);
 * runs of small files take the batch (batch.ts) before any file is chosen. A one pass
 * that finds a duplicate has stored nothing and hands the file to the careful path
 * with the same load id (FALL_BACK).
 */
import type { Db } from '@collections/schema';
import type { InputFile } from '../files.ts';
import type { DoneLoads } from '../ledger.ts';
import type { FileResult, LoadOptions, LoadStep } from './options.ts';

/** One file's load in progress: what every path reads and the scratch tables it made. */
export interface FileLoad {
  readonly db: Db;
  /** the file as delivered (its path goes to the ledger, quarantine and event_index) */
  readonly file: InputFile;
  /** what ClickHouse reads: the file, or a link to it when its name is a glob pattern */
  readonly source: InputFile;
  readonly options: LoadOptions;
  readonly done: DoneLoads;
  readonly loadId: string;
  /** the load id without dashes, for scratch table names */
  readonly tag: string;
  readonly startedAt: string;
  /** scratch tables and views made so far, dropped when the file is finished */
  readonly created: string[];
  /** the file's size and SHA-256 when already taken (a size the ledger holds) */
  fingerprint: { size: number; sha256: string } | undefined;
  step(step: LoadStep): void;
  progress(rowsDone: number, rows: number): void;
}

/** The path stored nothing and the file takes the careful path. */
export const FALL_BACK = Symbol('fall back to the careful path');

export interface LoadPath {
  readonly name: string;
  /** The file's result; undefined when its bytes turn out to be loaded already. */
  load(f: FileLoad): Promise<FileResult | undefined | typeof FALL_BACK>;
}

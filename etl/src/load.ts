/**
 * loadPaths: the orchestration of a load (docs/etl.md). Per file, in sorted path order (a run
 * of small NDJSON files in embedded mode takes one pass together: loadBatch):
 *  1. fingerprint (size, SHA-256); a file whose bytes were loaded before is skipped;
 *  2. ledger row `loading` with a fresh load_id;
 *  3. ClickHouse reads and validates every line into a stage table (stage.ts, validate.sql.ts);
 *  4. per chunk of lines: duplicate/conflict verdicts against event_index, typed inserts,
 *     event_index, quarantine (insert.sql.ts);
 *  5. ledger row `loaded`, stage dropped.
 * Then the derived tables are refreshed for the files loaded (and for loads of an earlier
 * run whose refresh was cut short), and their ledger rows say `done`.
 * Every written row carries the load_id, so a load interrupted anywhere is undone
 * at the next start (ledger.ts) and loaded again: exactly once; a refresh interrupted
 * anywhere runs again at the next load (re-refreshing a load rewrites its rows).
 */
import { randomUUID } from 'node:crypto';
import { queryRows, refreshDerived, type Db } from '@collections/schema';
import { EVENT_TYPES, type EventType } from '@collections/schema/domain';
import {
  discover,
  fileSize,
  fingerprint,
  readableByClickHouse,
  sampleFile,
  type InputFile,
} from './files.ts';
import { loadBatch, smallBatch } from './batch.ts';
import { loadOnePass, onePassTypes, storedIds } from './fused.ts';
import {
  createVerdictSql,
  eventInsertSqls,
  indexInsertSql,
  quarantineInsertSql,
  verdictSql,
  type Scratch,
} from './insert.sql.ts';
import {
  doneLoads,
  markRefreshed,
  markUnreadable,
  UNREADABLE,
  pendingRefresh,
  recoverInterrupted,
  writeLedger,
  nowStamp,
  type DoneLoads,
  type LedgerCounts,
} from './ledger.ts';
import {
  createScratch,
  dropScratch,
  FILE_READ_SETTINGS,
  run,
  settleBoth,
  stagedOnDisk,
  stageFile,
  timed,
} from './stage.ts';
import { createBadSql } from './validate.sql.ts';
import { addChunkCounts, chunkKeys, hasQuarantined } from './chunk.ts';
import { classifyError, firstLine } from './failures.ts';

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
  readonly onProgress?: (progress: LoadProgress) => void;
  /** Lines per write chunk (bounds the memory of the duplicate check). */
  readonly chunkRows?: number;
  /** Files up to this size (bytes) are staged in memory, larger ones on disk (default SMALL_STAGE_BYTES). */
  readonly smallStageBytes?: number;
  /**
   * Which NDJSON files (embedded) take the one pass (fused.ts): 'auto' (default) those
   * larger than the in-memory stage limit (smallStageBytes), and runs of smaller ones
   * together (loadBatch), none of whose sampled ids is stored already; 'always' (each
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

const DEFAULT_CHUNK = 1_000_000;

export async function loadPaths(
  db: Db,
  paths: string[],
  options: LoadOptions = {},
): Promise<LoadSummary> {
  const started = performance.now();
  const discovered = discover(paths);
  const { skipped } = discovered;
  const recovered = await timed(options, 'recover', () => recoverInterrupted(db));
  // Loads of an earlier run whose derived refresh was cut short: refreshed with these.
  const unrefreshed = await pendingRefresh(db);
  const done = await doneLoads(db);
  // A re-delivery costs its fingerprint: files whose bytes the ledger holds are left out
  // before any batch is planned (planning sampled every later file again for each file
  // left out, and looked their ids up: 76 s of a 77 s reload of 232 files).
  const { files, unreadableBefore } = await timed(options, 'fingerprint', () =>
    unloaded(discovered.files, done),
  );
  const summary: LoadSummary = {
    files: discovered.files.length,
    filesAlreadyLoaded: discovered.files.length - files.length - unreadableBefore.length,
    skipped,
    rows: 0,
    loaded: 0,
    duplicates: 0,
    quarantined: 0,
    quarantineReasons: {},
    recovered: recovered.length,
    unreadable: [],
    unreadableBefore,
    loadIds: [],
    seconds: 0,
  };
  // The event tables the loads wrote: the refresh skips derived tables reading none of them.
  const written = new Set<EventType>();
  const tally = (result: FileResult | undefined) => {
    if (!result) {
      summary.filesAlreadyLoaded++;
      return;
    }
    if (result.unreadable) summary.unreadable.push(result.unreadable);
    else summary.loadIds.push(result.loadId);
    for (const type of result.types) written.add(type);
    summary.rows += result.counts.rows;
    summary.loaded += result.counts.loaded;
    summary.duplicates += result.counts.duplicates;
    summary.quarantined += result.counts.quarantined;
    for (const [reason, n] of Object.entries(result.reasons))
      summary.quarantineReasons[reason] = (summary.quarantineReasons[reason] ?? 0) + n;
  };
  for (let index = 0; index < files.length;) {
    const batch = await timed(options, 'batch: plan', () => smallBatch(db, files, index, options));
    const results = batch && (await loadBatch(db, batch, options, files.length, done));
    if (batch && results) {
      for (; index < batch.end; index++) tally(results.get(index));
      continue;
    }
    // No batch, or one that needs the careful path: its files one by one.
    for (const end = batch?.end ?? index + 1; index < end; index++) {
      const position = { index, total: files.length };
      tally(await loadFile(db, files[index] as InputFile, options, position, done));
    }
  }
  const loadIds = [...unrefreshed, ...summary.loadIds];
  if (loadIds.length > 0) {
    options.onStep?.('refreshing', '');
    // The types of an earlier run's loads are not known here: refreshDerived looks them up.
    const eventTypes = unrefreshed.length > 0 ? undefined : written;
    const onTable =
      options.onTiming &&
      ((table: string, s: number, cpu: number) => options.onTiming?.(`refresh: ${table}`, s, cpu));
    await timed(options, 'refresh derived', () =>
      refreshDerived(db, { loadIds, eventTypes, onTable: onTable || undefined }),
    );
    options.onStep?.('refreshed', '');
    await markRefreshed(db, loadIds);
  }
  summary.seconds = Math.round((performance.now() - started) / 10) / 100;
  return summary;
}

/**
 * The files whose bytes are not in the ledger as loaded, and those whose bytes were
 * found unreadable before (never read again). Only a file of a size the ledger holds
 * can be either, so only those are fingerprinted here (kept in done.fingerprints).
 */
async function unloaded(
  files: readonly InputFile[],
  done: DoneLoads,
): Promise<{ files: InputFile[]; unreadableBefore: string[] }> {
  const out: InputFile[] = [];
  const unreadableBefore: string[] = [];
  for (const file of files) {
    if (done.sizes.has(await fileSize(file.path))) {
      const print = await fingerprint(file.path);
      done.fingerprints.set(file.path, print);
      if (done.hashes.has(print.sha256)) continue;
      if (done.unreadable.has(print.sha256)) {
        unreadableBefore.push(file.path);
        continue;
      }
    }
    out.push(file);
  }
  return { files: out, unreadableBefore };
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

async function loadFile(
  db: Db,
  file: InputFile,
  options: LoadOptions,
  position: { index: number; total: number },
  done: DoneLoads,
): Promise<FileResult | undefined> {
  // A file of a size loaded before was fingerprinted already (unloaded). Otherwise the
  // SHA-256 runs in Node while ClickHouse stages the file.
  let early = done.fingerprints.get(file.path);
  if (early && done.hashes.has(early.sha256)) return undefined;

  const loadId = randomUUID();
  const tag = loadId.replace(/-/g, '');
  const names = {
    stage: `etl_stage_${tag}`,
    bad: `etl_bad_${tag}`,
    verdict: `etl_verdict_${tag}`,
  };
  const { stage, verdict } = names;
  const input = `etl_input_${tag}`;
  const created: string[] = [];
  const startedAt = nowStamp();
  const step = (s: LoadStep) => options.onStep?.(s, file.path);
  const progress = (rowsDone: number, rows: number) =>
    options.onProgress?.({
      file: file.path,
      fileIndex: position.index,
      files: position.total,
      fileRowsDone: rowsDone,
      fileRows: rows,
    });

  // What ClickHouse reads: the file, or a link to it when its name is a glob pattern.
  const readable = await readableByClickHouse(file);
  const source = { ...file, path: readable.path };
  try {
    const types = await onePassCandidate(db, file, options);
    if (types) {
      // The one pass (fused.ts) writes event rows at once: the ledger says `loading` first.
      const size = early?.size ?? (await fileSize(file.path));
      const ledger = { loadId, path: file.path, size, startedAt };
      await writeLedger(db, { ...ledger, sha256: early?.sha256 ?? '', status: 'loading' });
      step('ledger-loading');
      progress(0, 0);
      const [fingerprinted, result] = await settleBoth(
        early
          ? Promise.resolve(early)
          : timed(options, 'fingerprint', () => fingerprint(file.path)),
        loadOnePass(
          db,
          { tag, files: [{ path: file.path, loadId }], source: source.path, types },
          created,
          options,
        ),
      );
      early = fingerprinted;
      const counted = result?.files[0];
      if (result && counted) {
        progress(counted.counts.rows, counted.counts.rows);
        step('before-done');
        const { sha256 } = fingerprinted;
        await writeLedger(db, { ...ledger, sha256, status: 'loaded', counts: counted.counts });
        done.sizes.add(size);
        done.hashes.add(sha256);
        step('done');
        return { loadId, ...counted, types: result.types };
      }
      // A duplicate, or a type the sample missed: nothing was stored; the careful way,
      // without the pass's scratch tables (as large as the file's rows).
      await dropScratch(db, created.splice(0), options);
    }
    await createScratch(db, names.bad, createBadSql(names.bad), created);
    const [fingerprinted, staged] = await settleBoth(
      early ? Promise.resolve(early) : timed(options, 'fingerprint', () => fingerprint(file.path)),
      stageFile(db, source, { scratch: names, input, created }, options),
    );
    const { size, sha256 } = fingerprinted;
    if (!early && done.hashes.has(sha256)) return undefined;
    const ledger = { loadId, path: file.path, size, sha256, startedAt };
    await writeLedger(db, { ...ledger, status: 'loading' });
    step('ledger-loading');
    step('staged');

    const [summary] = await queryRows<{ types: string[]; hi: string; bad: string }>(
      db,
      `SELECT groupUniqArray(type) AS types, max(line) AS hi, (SELECT count() FROM ${names.bad}) AS bad FROM ${stage}`,
    );
    const present = new Set(summary?.types ?? []);
    const maxLine = Number(summary?.hi ?? 0);
    // No failing line anywhere in the file: valid rows are simply the line range.
    const scratch: Scratch = {
      ...names,
      clean: Number(summary?.bad ?? 0) === 0,
      types: staged.types,
    };
    const chunk = options.chunkRows ?? DEFAULT_CHUNK;
    const counts = { rows: 0, loaded: 0, duplicates: 0, quarantined: 0 };
    const reasons: Record<string, number> = {};
    progress(0, maxLine);
    for (let lo = 1; lo <= maxLine; lo += chunk) {
      const params = {
        lo,
        hi: Math.min(lo + chunk - 1, maxLine),
        load_id: loadId,
        file: file.path,
        path: source.path,
      };
      const keys = await timed(options, 'verdict', () => chunkKeys(db, scratch, params));
      // The verdict table is read by the verdict, quarantine and counts queries.
      const needVerdict = !keys.allNew || !scratch.clean;
      if (needVerdict && !created.includes(verdict))
        await createScratch(db, verdict, createVerdictSql(verdict), created);
      if (!keys.allNew) await timed(options, 'verdict', () => run(db, verdictSql(scratch), params));
      for (const { type, sql } of eventInsertSqls(scratch, keys.allNew))
        if (present.has(type)) await timed(options, `insert ${type}`, () => run(db, sql, params));
      await timed(options, 'event_index', () =>
        run(db, indexInsertSql(scratch, keys.allNew), params),
      );
      if (keys.allNew && scratch.clean) {
        // Every valid line of the range is new and no line failed: nothing to quarantine.
        counts.rows += keys.n;
        counts.loaded += keys.n;
      } else {
        await timed(options, 'quarantine', async () => {
          if (!(await hasQuarantined(db, scratch, params))) return;
          const rawSource = staged.keepRaw === 'invalid' ? staged.rawSource : undefined;
          await run(db, quarantineInsertSql(scratch, rawSource), params, FILE_READ_SETTINGS);
        });
        await addChunkCounts(db, scratch, keys.allNew, params, { counts, reasons });
      }
      progress(params.hi, maxLine);
      step('chunk-written');
    }
    step('before-done');
    await writeLedger(db, { ...ledger, status: 'loaded', counts });
    done.sizes.add(size);
    done.hashes.add(sha256);
    step('done');
    return { loadId, counts, reasons, types: EVENT_TYPES.filter((type) => present.has(type)) };
  } catch (err) {
    // Undo at once what is undoable; a crash instead of an error is undone at the next start.
    await recoverInterrupted(db).catch(() => undefined);
    if (classifyError(err) !== 'unreadable_file') throw err;
    // Corrupt or truncated bytes: a rerun would fail the same way. The file is
    // quarantined whole and never read again; the other files load.
    const print = early ?? (await fingerprint(file.path));
    const row = { loadId, path: file.path, ...print, startedAt, status: 'failed' as const };
    await markUnreadable(db, row, firstLine(err));
    done.sizes.add(print.size);
    done.unreadable.add(print.sha256);
    const counts = { rows: 0, loaded: 0, duplicates: 0, quarantined: 1 };
    return { loadId, counts, reasons: { [UNREADABLE]: 1 }, types: [], unreadable: file.path };
  } finally {
    await dropScratch(db, created, options);
    await readable.dispose();
  }
}

/**
 * The sampled types of a file that can take the one pass (fused.ts): an NDJSON file
 * ClickHouse reads itself (embedded), whose sample names its types; undefined otherwise.
 */
async function onePassCandidate(
  db: Db,
  file: InputFile,
  options: LoadOptions,
): Promise<readonly EventType[] | undefined> {
  const mode = options.onePass ?? 'auto';
  if (mode === 'never' || db.engine !== 'embedded' || file.format !== 'ndjson') return undefined;
  if (mode === 'auto' && !(await stagedOnDisk(file, options))) return undefined;
  const { types, ids } = await sampleFile(file);
  if (!onePassTypes(types, options.piiKey)) return undefined;
  // A sampled id already stored: likely a re-delivery, whose one pass would be wasted.
  return mode === 'auto' && (await storedIds(db, ids)).size > 0 ? undefined : types;
}

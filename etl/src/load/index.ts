/**
 * loadPaths: the orchestration of a load (docs/etl.md). Per file, in sorted path order (a run
 * of NDJSON files in embedded mode takes one pass together: batch.ts):
 *  1. fingerprint (size, SHA-256); a file whose bytes were loaded before is skipped;
 *  2. one load path is chosen for the file (path.ts): the one pass (one-pass.ts) or the
 *     careful path (careful.ts); each writes the ledger row `loading` with a fresh load_id,
 *     the event rows, event_index and quarantine, then the ledger row `loaded`;
 *  3. the file's scratch tables are dropped.
 * Then the derived tables are refreshed for the files loaded (and for loads of an earlier
 * run whose refresh was cut short), and their ledger rows say `done`. All of it holds the
 * ETL lease (lease.ts): a second load waits or fails with LOAD_RUNNING before recovery.
 * Every written row carries the load_id, so a load interrupted anywhere is undone
 * at the next start (ledger.ts) and loaded again: exactly once; a refresh interrupted
 * anywhere runs again at the next load (re-refreshing a load rewrites its rows).
 */
import { randomUUID } from 'node:crypto';
import { refreshDerived, type Db } from '@collections/schema';
import type { EventType } from '@collections/schema/domain';
import { discover, fileSize, fingerprint, readableByClickHouse, type InputFile } from '../files.ts';
import {
  doneLoads,
  markRefreshed,
  markUnreadable,
  UNREADABLE,
  pendingRefresh,
  recoverInterrupted,
  nowStamp,
  type DoneLoads,
} from '../ledger.ts';
import { classifyError, firstLine } from '../failures.ts';
import { acquireLease, holding, type Lease } from '../lease.ts';
import { batchOfFiles, loadBatch } from './batch.ts';
import { careful } from './careful.ts';
import { onePass, onePassCandidate } from './one-pass.ts';
import type { FileResult, LoadOptions, LoadSummary } from './options.ts';
import { FALL_BACK, type FileLoad } from './path.ts';
import { dropScratch, timed } from './scratch.ts';

export type { FileResult, LoadOptions, LoadProgress, LoadStep, LoadSummary } from './options.ts';

export async function loadPaths(
  db: Db,
  paths: string[],
  options: LoadOptions = {},
): Promise<LoadSummary> {
  const started = performance.now();
  const discovered = discover(paths);
  // Recovery, the files and the refresh hold the database alone (lease.ts): recovery
  // takes any `loading` load for interrupted, and the refresh's tables are shared.
  const lease = await timed(options, 'lease', () => acquireLease(db, 'load', options.lease));
  return holding(lease, () => loadHeld(db, discovered, options, lease, started));
}

async function loadHeld(
  db: Db,
  discovered: ReturnType<typeof discover>,
  options: LoadOptions,
  lease: Lease,
  started: number,
): Promise<LoadSummary> {
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
    // A holder that lost its lease (paused past the stale limit: lease.ts) stops before
    // its next file instead of writing beside the new holder.
    lease.check();
    const batch = await timed(options, 'batch: plan', () =>
      batchOfFiles(db, files, index, options),
    );
    const results = batch && (await loadBatch(db, batch, options, files.length, done));
    if (batch && results) {
      for (; index < batch.end; index++) tally(results.get(index));
      continue;
    }
    // No batch, or one that needs the careful path: its files one by one.
    for (const end = batch?.end ?? index + 1; index < end; index++) {
      lease.check();
      const position = { index, total: files.length };
      tally(await loadFile(db, files[index] as InputFile, options, position, done));
    }
  }
  const loadIds = [...unrefreshed, ...summary.loadIds];
  if (loadIds.length > 0) {
    lease.check();
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

async function loadFile(
  db: Db,
  file: InputFile,
  options: LoadOptions,
  position: { index: number; total: number },
  done: DoneLoads,
): Promise<FileResult | undefined> {
  // A file of a size loaded before was fingerprinted already (unloaded). Otherwise the
  // SHA-256 runs in Node while ClickHouse reads the file.
  const early = done.fingerprints.get(file.path);
  if (early && done.hashes.has(early.sha256)) return undefined;

  const loadId = randomUUID();
  // What ClickHouse reads: the file, or a link to it when its name is a glob pattern.
  const readable = await readableByClickHouse(file);
  const f: FileLoad = {
    db,
    file,
    source: { ...file, path: readable.path },
    options,
    done,
    loadId,
    tag: loadId.replace(/-/g, ''),
    startedAt: nowStamp(),
    created: [],
    fingerprint: early,
    step: (s) => options.onStep?.(s, file.path),
    progress: (rowsDone, rows) =>
      options.onProgress?.({
        file: file.path,
        fileIndex: position.index,
        files: position.total,
        fileRowsDone: rowsDone,
        fileRows: rows,
      }),
  };
  try {
    const types = await onePassCandidate(db, file, options);
    const chosen = types ? onePass(types) : careful;
    const result = await chosen.load(f);
    if (result !== FALL_BACK) return result;
    // Nothing was stored: the careful way, without the pass's scratch tables (as large
    // as the file's rows).
    await dropScratch(db, f.created.splice(0), options);
    const again = await careful.load(f);
    return again === FALL_BACK ? undefined : again;
  } catch (err) {
    // Undo at once what is undoable; a crash instead of an error is undone at the next start.
    await recoverInterrupted(db).catch(() => undefined);
    if (classifyError(err) !== 'unreadable_file') throw err;
    // Corrupt or truncated bytes: a rerun would fail the same way. The file is
    // quarantined whole and never read again; the other files load.
    const print = f.fingerprint ?? (await fingerprint(file.path));
    const row = {
      loadId,
      path: file.path,
      ...print,
      startedAt: f.startedAt,
      status: 'failed' as const,
    };
    await markUnreadable(db, row, firstLine(err));
    done.sizes.add(print.size);
    done.unreadable.add(print.sha256);
    const counts = { rows: 0, loaded: 0, duplicates: 0, quarantined: 1 };
    return { loadId, counts, reasons: { [UNREADABLE]: 1 }, types: [], unreadable: file.path };
  } finally {
    await dropScratch(db, f.created, options);
    await readable.dispose();
  }
}

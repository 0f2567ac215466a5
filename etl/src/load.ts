/**
 * loadPaths: the orchestration of a load (SPEC §2). Per file, in sorted path order:
 *  1. fingerprint (size, SHA-256); a file whose bytes were loaded before is skipped;
 *  2. ledger row `loading` with a fresh load_id;
 *  3. ClickHouse reads and validates every line into a stage table (validate.sql.ts);
 *  4. per chunk of lines: duplicate/conflict verdicts against event_index, typed inserts,
 *     event_index, quarantine (insert.sql.ts);
 *  5. ledger row `done`, stage dropped.
 * Every written row carries the load_id, so a load interrupted anywhere is undone
 * at the next start (ledger.ts) and loaded again: exactly once.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { PlatformError, queryRows, refreshDerived, type Db } from '@collections/schema';
import { stageCsv, createInputSql } from './csv.ts';
import { discover, fileSize, fingerprint, sampleTypes, type InputFile } from './files.ts';
import {
  allNewSql,
  chunkCountsSql,
  createVerdictSql,
  eventInsertSqls,
  indexInsertSql,
  quarantineInsertSql,
  quarantinedCountSql,
  verdictSql,
  type Scratch,
} from './insert.sql.ts';
import {
  findDone,
  hasDoneOfSize,
  recoverInterrupted,
  writeLedger,
  nowStamp,
  type LedgerCounts,
} from './ledger.ts';
import { hmacPads, maskRawSql, requirePiiKey } from './pii.ts';
import {
  NOT_EXTRACTED,
  badInsertSql,
  createBadSql,
  createStageSql,
  parseInsertSql,
} from './validate.sql.ts';

import { PII_FIELD_NAMES } from './events.ts';

export interface LoadProgress {
  readonly file: string;
  readonly fileIndex: number;
  readonly files: number;
  /** lines of this file processed so far, of `fileRows` */
  readonly fileRowsDone: number;
  readonly fileRows: number;
}

/** Steps of a file's load, for tests that simulate a crash between them. */
export type LoadStep = 'ledger-loading' | 'staged' | 'chunk-written' | 'before-done' | 'done';

export interface LoadOptions {
  /** PII_KEY; required when a file carries PII fields. */
  readonly piiKey?: string;
  readonly onProgress?: (progress: LoadProgress) => void;
  /** Lines per write chunk (bounds the memory of the duplicate check). */
  readonly chunkRows?: number;
  /** Test hook: called after each step of each file. */
  readonly onStep?: (step: LoadStep, file: string) => void;
  /** Profiling hook: seconds spent in each named part of a load (bench/etl). */
  readonly onTiming?: (part: string, seconds: number) => void;
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
  loadIds: string[];
  seconds: number;
}

const DEFAULT_CHUNK = 1_000_000;

type Params = Record<string, unknown>;

async function run(
  db: Pick<Db, 'client'>,
  query: string,
  params: Params = {},
  settings?: ClickHouseSettings,
): Promise<void> {
  await db.client.command({ query, query_params: params, clickhouse_settings: settings });
}

type ClickHouseSettings = NonNullable<
  Parameters<Db['client']['command']>[0]['clickhouse_settings']
>;

/**
 * Settings of the queries that read the file itself. pread instead of mmap, and insert
 * blocks of 100 k rows instead of 1 M, keep the memory of a load flat: staging 5 M lines
 * (921 MB) peaked at 2.9 GB RSS with the defaults and at 0.86 GB with these (1 M lines:
 * 0.70 GB), for about 10 % more time.
 */
const FILE_READ_SETTINGS: ClickHouseSettings = {
  storage_file_read_method: 'pread',
  min_insert_block_size_rows: '100000',
  min_insert_block_size_bytes: String(32 << 20),
};

/** Time `work` as `part` for the onTiming hook. */
async function timed<T>(options: LoadOptions, part: string, work: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await work();
  } finally {
    options.onTiming?.(part, (performance.now() - t0) / 1000);
  }
}

export async function loadPaths(
  db: Db,
  paths: string[],
  options: LoadOptions = {},
): Promise<LoadSummary> {
  const started = performance.now();
  const { files, skipped } = discover(paths);
  const recovered = await recoverInterrupted(db);
  const summary: LoadSummary = {
    files: files.length,
    filesAlreadyLoaded: 0,
    skipped,
    rows: 0,
    loaded: 0,
    duplicates: 0,
    quarantined: 0,
    quarantineReasons: {},
    recovered: recovered.length,
    loadIds: [],
    seconds: 0,
  };
  for (const [index, file] of files.entries()) {
    const result = await loadFile(db, file, options, { index, total: files.length });
    if (!result) {
      summary.filesAlreadyLoaded++;
      continue;
    }
    summary.loadIds.push(result.loadId);
    summary.rows += result.counts.rows;
    summary.loaded += result.counts.loaded;
    summary.duplicates += result.counts.duplicates;
    summary.quarantined += result.counts.quarantined;
    for (const [reason, n] of Object.entries(result.reasons))
      summary.quarantineReasons[reason] = (summary.quarantineReasons[reason] ?? 0) + n;
  }
  if (summary.loadIds.length > 0) await refreshDerived(db, { loadIds: summary.loadIds });
  summary.seconds = Math.round((performance.now() - started) / 10) / 100;
  return summary;
}

interface FileResult {
  loadId: string;
  counts: LedgerCounts;
  reasons: Record<string, number>;
}

async function loadFile(
  db: Db,
  file: InputFile,
  options: LoadOptions,
  position: { index: number; total: number },
): Promise<FileResult | undefined> {
  // A file of a size loaded before is fingerprinted first (likely a re-delivery: skip without
  // parsing). Otherwise the SHA-256 runs in Node while ClickHouse stages the file.
  const knownSize = await hasDoneOfSize(db, await fileSize(file.path));
  const early = knownSize
    ? await timed(options, 'fingerprint', () => fingerprint(file.path))
    : undefined;
  if (early && (await findDone(db, early.sha256))) return undefined;

  const loadId = randomUUID();
  const tag = loadId.replace(/-/g, '');
  const scratch: Scratch = {
    stage: `etl_stage_${tag}`,
    bad: `etl_bad_${tag}`,
    verdict: `etl_verdict_${tag}`,
  };
  const { stage, verdict } = scratch;
  const input = `etl_input_${tag}`;
  const startedAt = nowStamp();
  const step = (s: LoadStep) => options.onStep?.(s, file.path);
  const progress = (done: number, rows: number) =>
    options.onProgress?.({
      file: file.path,
      fileIndex: position.index,
      files: position.total,
      fileRowsDone: done,
      fileRows: rows,
    });

  try {
    await createScratch(db, stage, createStageSql(stage));
    await createScratch(db, scratch.bad, createBadSql(scratch.bad));
    await createScratch(db, verdict, createVerdictSql(verdict));
    const [fingerprinted, staged] = await settleBoth(
      early ? Promise.resolve(early) : timed(options, 'fingerprint', () => fingerprint(file.path)),
      stageFile(db, file, { scratch, input }, options),
    );
    const { size, sha256 } = fingerprinted;
    if (!early && (await findDone(db, sha256))) return undefined;
    const ledger = { loadId, path: file.path, size, sha256, startedAt };
    await writeLedger(db, { ...ledger, status: 'loading' });
    step('ledger-loading');
    step('staged');

    const present = new Set(
      (await queryRows<{ type: string }>(db, `SELECT DISTINCT type FROM ${stage}`)).map(
        (r) => r.type,
      ),
    );
    const [bounds] = await queryRows<{ hi: string; n: string }>(
      db,
      `SELECT max(line) AS hi, count() AS n FROM ${stage}`,
    );
    const maxLine = Number(bounds?.hi ?? 0);
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
        path: file.path,
      };
      const allNew = await timed(options, 'verdict', async () => {
        const [check] = await queryRows<{ all_new: number }>(db, allNewSql(scratch), params);
        if (Number(check?.all_new) === 1) return true;
        await run(db, verdictSql(scratch), params);
        return false;
      });
      for (const { type, sql } of eventInsertSqls(scratch, allNew))
        if (present.has(type)) await timed(options, `insert ${type}`, () => run(db, sql, params));
      await timed(options, 'event_index', () => run(db, indexInsertSql(scratch, allNew), params));
      await timed(options, 'quarantine', async () => {
        if (!(await hasQuarantined(db, scratch, params))) return;
        const rawSource = staged.keepRaw === 'invalid' ? staged.rawSource : undefined;
        await run(db, quarantineInsertSql(scratch, rawSource), params, FILE_READ_SETTINGS);
      });
      const [c] = await queryRows<{
        rows: string;
        loaded: string;
        duplicates: string;
        conflicts: string;
        reasons: [string, string][];
      }>(db, chunkCountsSql(scratch, allNew), params);
      if (c) {
        counts.rows += Number(c.rows);
        counts.loaded += Number(c.loaded);
        counts.duplicates += Number(c.duplicates);
        const conflicts = Number(c.conflicts);
        if (conflicts > 0)
          reasons.conflicting_duplicate = (reasons.conflicting_duplicate ?? 0) + conflicts;
        counts.quarantined += conflicts;
        for (const [reason, n] of c.reasons) {
          reasons[reason] = (reasons[reason] ?? 0) + Number(n);
          counts.quarantined += Number(n);
        }
      }
      progress(params.hi, maxLine);
      step('chunk-written');
    }
    step('before-done');
    await writeLedger(db, { ...ledger, status: 'done', counts });
    step('done');
    return { loadId, counts, reasons };
  } catch (err) {
    // Undo at once what is undoable; a crash instead of an error is undone at the next start.
    await recoverInterrupted(db).catch(() => undefined);
    throw err;
  } finally {
    for (const t of [stage, scratch.bad, verdict, input])
      await run(db, `DROP TABLE IF EXISTS ${t}`).catch(() => undefined);
  }
}

/**
 * A scratch table of this load, with background merges stopped: its parts are read
 * once by line range and dropped, so merging them would only cost CPU and memory.
 */
async function createScratch(db: Db, table: string, ddl: string): Promise<void> {
  await run(db, ddl);
  await run(db, `SYSTEM STOP MERGES ${table}`);
}

/** Both results, after both settled (a failure of one does not leave the other running). */
async function settleBoth<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [ra, rb] = await Promise.allSettled([a, b]);
  if (ra.status === 'rejected') throw ra.reason;
  if (rb.status === 'rejected') throw rb.reason;
  return [ra.value, rb.value];
}

/**
 * The file's lines into the stage table (CSV through an input table parsed in
 * Node); refuses a file with PII fields when no PII_KEY is set.
 */
async function stageFile(
  db: Db,
  file: InputFile,
  tables: { scratch: Scratch; input: string },
  options: LoadOptions,
): Promise<Staged> {
  const { scratch, input } = tables;
  const { stage, bad } = scratch;
  if (file.format === 'csv') {
    await createScratch(db, input, createInputSql(input));
    const { hasPii } = await stageCsv(db, file, input, options.piiKey);
    if (hasPii) requirePiiKey(options.piiKey, file.path);
    await run(db, parseInsertSql(stage, { from: input, piiHashed: true }));
    await run(db, badInsertSql(stage, bad));
    await run(db, `DROP TABLE ${input}`);
    return { keepRaw: 'all', rawSource: '' };
  }
  // Without a key the pads are random and never used: a file with PII is refused below.
  const pads = hmacPads(options.piiKey ?? randomUUID());
  const staged = await timed(options, 'stage', () => stageNdjson(db, file, scratch, pads));
  if (!options.piiKey) {
    const [pii] = await queryRows<{ n: string }>(
      db,
      `SELECT count() AS n FROM ${stage} WHERE ${PII_FIELD_NAMES.map((f) => `v_${f} != ''`).join(' OR ')}`,
    );
    if (Number(pii?.n ?? 0) > 0) requirePiiKey(undefined, file.path);
  }
  return staged;
}

interface Staged {
  /** which rows of the stage kept their masked raw line */
  readonly keepRaw: 'all' | 'invalid';
  /** relation (line, raw) re-reading masked raw lines from the file ('' when keepRaw is 'all') */
  readonly rawSource: string;
}

/** Whether a line range has rows for quarantine (invalid, or conflicting duplicates). */
async function hasQuarantined(db: Db, t: Scratch, params: Params): Promise<boolean> {
  const [row] = await queryRows<{ n: string }>(db, quarantinedCountSql(t), params);
  return Number(row?.n ?? 0) > 0;
}

/**
 * Raw lines into the stage table. Embedded: ClickHouse reads the file itself
 * (file() decompresses .gz), extracting only the fields of the types sampled
 * from the file's head (again with every type when a row of another type
 * shows up) and keeping raw lines of invalid rows only. Server: the bytes
 * stream over HTTP into input(), never held whole in memory.
 */
async function stageNdjson(
  db: Db,
  file: InputFile,
  scratch: Scratch,
  pads: ReturnType<typeof hmacPads>,
): Promise<Staged> {
  const { stage, bad } = scratch;
  if (db.engine === 'embedded') {
    const lines = `file({path:String}, 'LineAsString', 'raw String')`;
    const from = `(SELECT _row_number + 1 AS line, raw, raw AS json, '' AS pre_reason, '' AS pre_detail FROM ${lines})`;
    const params = { path: file.path, ...pads };
    const staged: Staged = {
      keepRaw: 'invalid',
      rawSource: `(SELECT toUInt64(_row_number + 1) AS line, ${maskRawSql('raw')} AS raw FROM ${lines})`,
    };
    const types = await sampleTypes(file);
    await run(
      db,
      parseInsertSql(stage, { from, piiHashed: false, types, keepRaw: 'invalid' }),
      params,
      FILE_READ_SETTINGS,
    );
    await run(db, badInsertSql(stage, bad, types));
    if (types) {
      const [missed] = await queryRows<{ n: string }>(
        db,
        `SELECT count() AS n FROM ${bad} WHERE reason = '${NOT_EXTRACTED}'`,
      );
      if (Number(missed?.n ?? 0) > 0) {
        await run(db, `TRUNCATE TABLE ${stage}`);
        await run(db, `TRUNCATE TABLE ${bad}`);
        await run(
          db,
          parseInsertSql(stage, { from, piiHashed: false, keepRaw: 'invalid' }),
          params,
          FILE_READ_SETTINGS,
        );
        await run(db, badInsertSql(stage, bad));
      }
    }
    return staged;
  }
  const from = `(SELECT rowNumberInAllBlocks() + 1 AS line, raw, raw AS json, '' AS pre_reason, '' AS pre_detail
     FROM input('raw String'))`;
  const source = createReadStream(file.path);
  const body = file.gzip ? source.pipe(createGunzip()) : source;
  const result = await db.client.exec({
    query: `${parseInsertSql(stage, { from, piiHashed: false })} FORMAT LineAsString`,
    query_params: { ...pads },
    values: body,
    clickhouse_settings: { max_threads: 1, max_insert_threads: '1' },
  });
  result.stream.destroy();
  if (!source.readableEnded && source.errored)
    throw new PlatformError(
      'PATH_UNREADABLE',
      `Cannot read ${file.path}: ${String(source.errored)}`,
    );
  await run(db, badInsertSql(stage, bad));
  return { keepRaw: 'all', rawSource: '' };
}

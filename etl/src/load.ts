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
import { EVENT_TYPES } from '@collections/schema/domain';
import { stageCsv, createInputSql } from './csv.ts';
import { discover, fileSize, fingerprint, sampleTypes, type InputFile } from './files.ts';
import {
  chunkCountsSql,
  chunkKeysSql,
  createVerdictSql,
  eventInsertSqls,
  indexHitSql,
  indexInsertSql,
  indexProbeSql,
  quarantineInsertSql,
  quarantinedCountSql,
  verdictSql,
  type Scratch,
} from './insert.sql.ts';
import {
  doneLoads,
  recoverInterrupted,
  writeLedger,
  nowStamp,
  type DoneLoads,
  type LedgerCounts,
} from './ledger.ts';
import { hmacPads, maskRawSql, requirePiiKey } from './pii.ts';
import {
  badInsertSql,
  createBadSql,
  createStageSql,
  parseInsertSql,
  SMALL_STAGE_BYTES,
  stageFieldNames,
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
  /** Files up to this size (bytes) are staged in memory, larger ones on disk (default SMALL_STAGE_BYTES). */
  readonly smallStageBytes?: number;
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
  const c0 = process.cpuUsage();
  try {
    return await work();
  } finally {
    const cpu = process.cpuUsage(c0);
    options.onTiming?.(part, (performance.now() - t0) / 1000, (cpu.user + cpu.system) / 1e6);
  }
}

export async function loadPaths(
  db: Db,
  paths: string[],
  options: LoadOptions = {},
): Promise<LoadSummary> {
  const started = performance.now();
  const { files, skipped } = discover(paths);
  const recovered = await timed(options, 'recover', () => recoverInterrupted(db));
  const done = await doneLoads(db);
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
    const result = await loadFile(db, file, options, { index, total: files.length }, done);
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
  if (summary.loadIds.length > 0)
    await timed(options, 'refresh derived', () => refreshDerived(db, { loadIds: summary.loadIds }));
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
  done: DoneLoads,
): Promise<FileResult | undefined> {
  // A file of a size loaded before is fingerprinted first (likely a re-delivery: skip without
  // parsing). Otherwise the SHA-256 runs in Node while ClickHouse stages the file.
  const knownSize = done.sizes.has(await fileSize(file.path));
  const early = knownSize
    ? await timed(options, 'fingerprint', () => fingerprint(file.path))
    : undefined;
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

  try {
    await createScratch(db, names.bad, createBadSql(names.bad), created);
    const [fingerprinted, staged] = await settleBoth(
      early ? Promise.resolve(early) : timed(options, 'fingerprint', () => fingerprint(file.path)),
      stageFile(db, file, { scratch: names, input, created }, options),
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
    const scratch: Scratch = { ...names, clean: Number(summary?.bad ?? 0) === 0 };
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
    await writeLedger(db, { ...ledger, status: 'done', counts });
    done.sizes.add(size);
    done.hashes.add(sha256);
    step('done');
    return { loadId, counts, reasons };
  } catch (err) {
    // Undo at once what is undoable; a crash instead of an error is undone at the next start.
    await recoverInterrupted(db).catch(() => undefined);
    throw err;
  } finally {
    for (const t of created) await run(db, `DROP TABLE IF EXISTS ${t}`).catch(() => undefined);
  }
}

/**
 * Whether a line range needs no duplicate verdict: its valid event_ids are distinct and
 * none is in event_index. event_index is probed by the range's smallest and largest id
 * first (a primary-key read of at most a granule); only when that finds a stored id in
 * between does the semi-join of all the range's ids run.
 */
async function chunkKeys(
  db: Db,
  t: Scratch,
  params: Params,
): Promise<{ allNew: boolean; n: number }> {
  const [k] = await queryRows<{ n: string; distinct: string; lo: string; hi: string }>(
    db,
    chunkKeysSql(t),
    params,
  );
  const n = Number(k?.n ?? 0);
  if (n === 0) return { allNew: true, n };
  if (Number(k?.distinct) !== n) return { allNew: false, n };
  const [probe] = await queryRows<{ n: string }>(db, indexProbeSql(), {
    key_lo: k?.lo,
    key_hi: k?.hi,
  });
  if (Number(probe?.n ?? 0) === 0) return { allNew: true, n };
  const [hit] = await queryRows<{ n: string }>(db, indexHitSql(t), params);
  return { allNew: Number(hit?.n ?? 0) === 0, n };
}

/** Adds a finished line range's counts (rows, loaded, duplicates, quarantined by reason). */
async function addChunkCounts(
  db: Db,
  t: Scratch,
  allNew: boolean,
  params: Params,
  into: { counts: Mutable<LedgerCounts>; reasons: Record<string, number> },
): Promise<void> {
  const { counts, reasons } = into;
  const [c] = await queryRows<{
    rows: string;
    loaded: string;
    duplicates: string;
    conflicts: string;
    reasons: [string, string][];
  }>(db, chunkCountsSql(t, allNew), params);
  if (!c) return;
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

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A scratch table of this load, with background merges stopped: its parts are read
 * once by line range and dropped, so merging them would only cost CPU and memory.
 */
async function createScratch(db: Db, table: string, ddl: string, created: string[]): Promise<void> {
  created.push(table);
  await run(db, ddl);
  if (ddl.includes('MergeTree')) await run(db, `SYSTEM STOP MERGES ${table}`);
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
  tables: { scratch: Scratch; input: string; created: string[] },
  options: LoadOptions,
): Promise<Staged> {
  const { scratch, input, created } = tables;
  const { stage, bad } = scratch;
  if (file.format === 'csv') {
    await createScratch(db, input, createInputSql(input), created);
    const { hasPii } = await stageCsv(db, file, input, options.piiKey);
    if (hasPii) requirePiiKey(options.piiKey, file.path);
    await createScratch(db, stage, createStageSql(stage), created);
    await run(db, parseInsertSql(stage, { from: input, piiHashed: true }));
    await run(db, badInsertSql(stage, bad));
    await run(db, `DROP TABLE ${input}`);
    return { keepRaw: 'all', rawSource: '' };
  }
  // Without a key the pads are random and never used: a file with PII is refused below.
  const pads = hmacPads(options.piiKey ?? randomUUID());
  const staged = await timed(options, 'stage', () =>
    stageNdjson(db, file, { scratch, created }, pads, options.smallStageBytes ?? SMALL_STAGE_BYTES),
  );
  const pii = PII_FIELD_NAMES.filter((f) => stageFieldNames(staged.types).includes(f));
  if (!options.piiKey && pii.length > 0) {
    const [found] = await queryRows<{ n: string }>(
      db,
      `SELECT count() AS n FROM ${stage} WHERE ${pii.map((f) => `v_${f} != ''`).join(' OR ')}`,
    );
    if (Number(found?.n ?? 0) > 0) requirePiiKey(undefined, file.path);
  }
  return staged;
}

interface Staged {
  /** the event types whose fields the stage holds (undefined: all) */
  readonly types?: readonly string[];
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

/** Whether the stage has a row of a known event type whose fields it did not extract. */
async function hasUnextracted(db: Db, stage: string, types: readonly string[]): Promise<boolean> {
  const others = EVENT_TYPES.filter((t) => !types.includes(t));
  if (others.length === 0) return false;
  const [row] = await queryRows<{ n: string }>(
    db,
    `SELECT count() AS n FROM (SELECT 1 FROM ${stage} WHERE type IN {others:Array(String)} LIMIT 1)`,
    { others },
  );
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
  tables: { scratch: Scratch; created: string[] },
  pads: ReturnType<typeof hmacPads>,
  smallStageBytes: number,
): Promise<Staged> {
  const { scratch, created } = tables;
  const { stage, bad } = scratch;
  if (db.engine === 'embedded') {
    const lines = `file({path:String}, 'LineAsString', 'raw String')`;
    const from = `(SELECT _row_number + 1 AS line, raw, raw AS json, '' AS pre_reason, '' AS pre_detail FROM ${lines})`;
    const params = { path: file.path, ...pads };
    const rawSource = `(SELECT toUInt64(_row_number + 1) AS line, ${maskRawSql('raw')} AS raw FROM ${lines})`;
    let types: readonly string[] | undefined = await sampleTypes(file);
    // A gzip file's stage is kept on disk unless even 8× its size is small.
    const inMemory = (file.gzip ? 8 : 1) * (await fileSize(file.path)) <= smallStageBytes;
    await createScratch(db, stage, createStageSql(stage, types, inMemory), created);
    await run(
      db,
      parseInsertSql(stage, { from, piiHashed: false, types, keepRaw: 'invalid' }),
      params,
      FILE_READ_SETTINGS,
    );
    if (types && (await hasUnextracted(db, stage, types))) {
      // A row of a type the sample missed: stage again, extracting every type's fields.
      types = undefined;
      await run(db, `DROP TABLE ${stage}`);
      await run(db, createStageSql(stage, undefined, inMemory));
      if (!inMemory) await run(db, `SYSTEM STOP MERGES ${stage}`);
      await run(
        db,
        parseInsertSql(stage, { from, piiHashed: false, keepRaw: 'invalid' }),
        params,
        FILE_READ_SETTINGS,
      );
    }
    await run(db, badInsertSql(stage, bad, types));
    return { types, keepRaw: 'invalid', rawSource };
  }
  await createScratch(db, stage, createStageSql(stage), created);
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

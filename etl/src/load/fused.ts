/**
 * The one-pass load of an NDJSON file, or of a batch of small ones read through one
 * glob, in embedded mode (load paths one-pass.ts and batch.ts). ClickHouse reads the file once: every line is parsed, checked and hashed, and
 * materialized views write the valid rows into scratch tables of the event tables' and
 * event_index's structure, the failing lines into a small table, and the key
 * statistics of the valid rows. Afterwards the loader proves that no valid row was a
 * duplicate: the ids were distinct within the file (the batch), and no other load
 * stored an id in their range (or, when one did, none of their ids). Then the scratch
 * tables' parts are attached to the event tables and event_index (hard links, no
 * copy), and failing lines go to quarantine.
 *
 * When that proof fails (a duplicate or a re-delivered event), or a row has a type
 * the sample missed whose fields need the PII key, nothing was written but scratch
 * tables (dropped by index.ts), and the caller loads the file the careful way (stage,
 * verdicts: careful.ts). Every row carries the load_id and the ledger says `loading`
 * before the first attach (a file alone: before the pass; a batch: once proven new,
 * batch.ts), so a crash during the attaches is undone at the next start like any
 * other load.
 */
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { queryRows, type Db } from '@collections/schema';
import { EVENT_TYPES, type EventType } from '@collections/schema/domain';
import { PII_FIELD_NAMES } from '../events.ts';
import {
  fusedDdl,
  fusedHitSql,
  fusedEventsAttachSqls,
  fusedIndexAttachSql,
  fusedInsertSql,
  fusedKeysSql,
  fusedQuarantineSql,
  fusedReasonsSql,
  fusedTables,
  missedLinesSource,
  passLinesSource,
  passRawSource,
  type FusedTables,
} from './fused.sql.ts';
import { indexProbeSql, storedIdListSql } from './insert.sql.ts';
import type { LedgerCounts } from '../ledger.ts';
import type { LoadOptions } from './options.ts';
import { hmacPads } from '../pii.ts';
import { FILE_READ_SETTINGS, run, timed, type ClickHouseSettings, type Params } from './scratch.ts';
import { NOT_EXTRACTED, stageFieldNames } from '../validate/index.ts';

/**
 * The pass runs on every core: parallel insert streams, each pushing its blocks through
 * the views in parallel (with max_insert_threads alone the pass ran on one core: 3.5 s
 * against 2.1 s for 1 M lines on 2 cores).
 */
const ONE_PASS_SETTINGS: ClickHouseSettings = {
  ...FILE_READ_SETTINGS,
  max_insert_threads: String(availableParallelism()),
  parallel_view_processing: 1,
  // The views write a part per block and partition: squashing their blocks to 400 k rows
  // keeps the parts few for a file spanning many months (the demo's 452 k events over 24
  // months: the refresh after the load took 25.6 s with 100 k-row view blocks, 7.1 s with
  // these; peak RSS for 5 M lines 1.27 GB, 1.51 GB with 1 M-row view blocks).
  min_insert_block_size_rows_for_materialized_views: '400000',
  min_insert_block_size_bytes_for_materialized_views: String(128 << 20),
};

export interface OnePassResult {
  /** per file of the pass, in its order */
  readonly files: readonly {
    readonly counts: LedgerCounts;
    readonly reasons: Record<string, number>;
  }[];
  /** the event types whose tables the pass wrote into */
  readonly types: readonly EventType[];
}

/**
 * What one pass reads: `source`, the path ClickHouse reads of a file (files.ts
 * readableByClickHouse), or the glob of a batch of small files, with each file's path as
 * ClickHouse reports it (`_path`) in `paths`, in `files` order. Each file has its own
 * name and load_id.
 */
export interface PassFiles {
  readonly tag: string;
  readonly files: readonly { readonly path: string; readonly loadId: string }[];
  readonly source: string;
  readonly paths?: readonly string[];
  readonly types: readonly EventType[];
}

/**
 * Whether the sampled `types` of a file can take the one pass: it needs the key when
 * their fields include PII (without one, the careful path refuses the file with the
 * clear error, after checking that a PII value is actually present).
 */
export function onePassTypes(
  types: readonly EventType[] | undefined,
  piiKey: string | undefined,
): types is readonly EventType[] {
  if (!types) return false;
  return Boolean(piiKey) || !stageFieldNames(types).some((f) => PII_FIELD_NAMES.includes(f));
}

/**
 * The pass over the file or batch. Returns the counts per file, or undefined when the
 * files need the careful path (nothing but the scratch tables was written): the proof
 * failed, or `mayAttach` (awaited after the proof) said no.
 */
export async function loadOnePass(
  db: Db,
  load: PassFiles,
  created: string[],
  options: LoadOptions,
  mayAttach: () => Promise<boolean> = async () => true,
): Promise<OnePassResult | undefined> {
  const { files, types, paths } = load;
  const batched = paths !== undefined;
  const t = fusedTables(load.tag, types);
  const params = {
    path: load.source,
    ...(batched ? { paths: [...paths] } : {}),
    files: files.map((f) => f.path),
    load_ids: files.map((f) => f.loadId),
  };
  const lines = passLinesSource(batched);
  await pass(db, t, { types, from: lines, createShared: true }, params, created, options);
  let reasons = await reasonCounts(db, t);
  const passes = [t];
  if (reasons.some((r) => r.reason === NOT_EXTRACTED)) {
    // Rows of types the sample missed: a second pass over those lines only, extracting
    // the other types' fields, into the same key, failing-line and index tables.
    const rest = EVENT_TYPES.filter((type) => !types.includes(type));
    if (!onePassTypes(rest, options.piiKey)) return undefined;
    const second = fusedTables(randomUUID().replace(/-/g, ''), rest, t);
    const from = missedLinesSource(t, lines);
    await pass(db, second, { types: rest, from, createShared: false }, params, created, options);
    passes.push(second);
    reasons = (await reasonCounts(db, t)).filter((r) => r.reason !== NOT_EXTRACTED);
  }
  const [keys] = await queryRows<{
    files: [number, string][];
    n: string;
    distinct: string;
    lo: string;
    hi: string;
  }>(db, fusedKeysSql(t));
  const loaded = new Map((keys?.files ?? []).map(([no, n]) => [Number(no), Number(n)]));
  const perFile = files.map((_, i) => {
    const mine = reasons.filter((r) => Number(r.file_no) === i + 1);
    const quarantined = mine.reduce((sum, r) => sum + Number(r.n), 0);
    const n = loaded.get(i + 1) ?? 0;
    return {
      counts: { rows: n + quarantined, loaded: n, duplicates: 0, quarantined },
      reasons: Object.fromEntries(mine.map((r) => [r.reason, Number(r.n)])),
    };
  });
  // A line of no known file, or a batch file of which no line arrived (a glob that did
  // not match it): the careful path reads each file by its own name.
  const unread =
    loaded.has(0) ||
    reasons.some((r) => Number(r.file_no) === 0) ||
    (batched && perFile.some((f) => f.counts.rows === 0));
  const total = Number(keys?.n ?? 0);
  const careful =
    unread ||
    Number(keys?.distinct ?? 0) !== total ||
    (total > 0 &&
      (await timed(options, 'verdict', () => anyStored(db, t, keys?.lo ?? '', keys?.hi ?? ''))));
  // A pass needing the careful path has written only its scratch tables (index.ts drops them).
  if (careful || !(await mayAttach())) return undefined;
  // Proven new: the event rows, then their event_index entries and the quarantine.
  await timed(options, 'attach', async () => {
    for (const sql of passes.flatMap(fusedEventsAttachSqls)) await run(db, sql);
  });
  for (const file of files) options.onStep?.('staged', file.path);
  await timed(options, 'event_index', () => run(db, fusedIndexAttachSql(t)));
  if (reasons.length > 0)
    await timed(options, 'quarantine', () =>
      run(db, fusedQuarantineSql(t, passRawSource(batched)), params, FILE_READ_SETTINGS),
    );
  for (const file of files) options.onStep?.('chunk-written', file.path);
  return { files: perFile, types: passes.flatMap((p) => p.events.map((e) => e.type)) };
}

/** Which of `ids` event_index holds (primary-key lookups). */
export async function storedIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await queryRows<{ event_id: string }>(db, storedIdListSql('{ids:Array(String)}'), {
    ids: [...ids],
  });
  return new Set(rows.map((r) => r.event_id));
}

/** Creates a pass's sink and views (and the shared tables, for the first), then runs it. */
async function pass(
  db: Db,
  t: FusedTables,
  what: { types: readonly EventType[]; from: string; createShared: boolean },
  params: Params,
  created: string[],
  options: LoadOptions,
): Promise<void> {
  // Views after the sink they read; index.ts drops scratch tables in reverse order.
  await timed(options, 'one pass: create', async () => {
    for (const { name, sql } of fusedDdl(t, what.types, what.createShared)) {
      created.push(name);
      await run(db, sql);
    }
    // Their parts are attached as they are: merging them here would only cost CPU.
    const scratch = [...t.events.map((e) => e.table), ...(what.createShared ? [t.index] : [])];
    for (const table of scratch) await run(db, `SYSTEM STOP MERGES ${table}`);
  });
  const pads = hmacPads(options.piiKey ?? 'unused: the extracted types have no PII field');
  const source = {
    from: what.from,
    piiHashed: false,
    types: what.types,
    keepRaw: 'invalid' as const,
  };
  await timed(options, 'one pass', () =>
    run(db, fusedInsertSql(t, source), { ...params, ...pads }, ONE_PASS_SETTINGS),
  );
}

/** Failing lines per file (file_no) and reason. */
async function reasonCounts(
  db: Db,
  t: FusedTables,
): Promise<{ file_no: number; reason: string; n: string }[]> {
  return queryRows<{ file_no: number; reason: string; n: string }>(db, fusedReasonsSql(t));
}

/**
 * Whether event_index already holds one of the pass's ids: the primary-key range probe
 * between the smallest and largest id first (stops at the first row), then, when it
 * finds one, the semi-join of every id.
 */
async function anyStored(db: Db, t: FusedTables, lo: string, hi: string): Promise<boolean> {
  const [probe] = await queryRows<{ n: string }>(db, indexProbeSql(), { key_lo: lo, key_hi: hi });
  if (Number(probe?.n ?? 0) === 0) return false;
  const [hit] = await queryRows<{ n: string }>(db, fusedHitSql(t));
  return Number(hit?.n ?? 0) > 0;
}

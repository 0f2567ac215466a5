/**
 * Batches of files (docs/etl.md, "Batches of files"): a run of NDJSON files in sorted
 * path order takes one pass together (fused.ts), read through one glob, each file
 * keeping its own load_id, ledger rows, lines, counts and quarantine. The batch is
 * proven new (ids distinct across its files and none stored, no file's bytes loaded
 * before or twice) before anything is attached; otherwise its files load one by one
 * (index.ts). Large files join a run too: every pass costs its scratch tables and views
 * and one duplicate check against the whole of event_index, which grows with the
 * history loaded, so a load of many month folders runs few passes.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Db } from '@collections/schema';
import { EVENT_TYPES, type EventType } from '@collections/schema/domain';
import { fileSize, fingerprint, GLOB_CHARS, sampleFile, type InputFile } from '../files.ts';
import { loadOnePass, onePassTypes, storedIds } from './fused.ts';
import {
  nowStamp,
  recoverInterrupted,
  writeLedger,
  type DoneLoads,
  type LedgerCounts,
} from '../ledger.ts';
import type { FileResult, LoadOptions, LoadStep } from './options.ts';
import { classifyError } from '../failures.ts';
import { dropScratch, settleBoth, timed } from './scratch.ts';

/**
 * Files of one batch: at most this many bytes in all, a `.gz` counted 8× its size (a
 * batch that falls back is read twice; the pass's memory does not grow with it: 100
 * files of 1.8 MB in batches of at most 128 MiB took two passes, 0.5 s more)…
 */
const BATCH_BYTES = 1 << 30;
/** …and this many files (the glob names each). */
const BATCH_FILES = 1000;
/** Sampled ids per file of a batch looked up in event_index before the pass. */
const BATCH_SAMPLE_IDS = 64;
/**
 * Bytes sampled per file of a batch, at 4 spots of 4 KiB (100 files of 1.8 MB: 0.05 s;
 * 64 KiB at 16 spots 0.13–0.26 s; the whole file, as for a file alone, more). A type
 * the sample misses costs a second pass over its lines only (fused.ts), not a wrong
 * result.
 */
const BATCH_SAMPLE_BYTES = 16 << 10;
/** A path with these is loaded alone: the batch's glob lists paths between `{`, `,` and `}`. */
const NOT_IN_BATCH = /[,\\]/;

export interface Batch {
  /** files[start, end) are the batch's members */
  readonly end: number;
  readonly members: readonly {
    readonly index: number;
    readonly file: InputFile;
    readonly loadId: string;
    readonly size: number;
    /** '' until fingerprinted, beside the pass */
    sha256: string;
  }[];
  readonly types: readonly EventType[];
}

/**
 * The run of NDJSON files from files[start] that can take one pass together (embedded,
 * 'auto'): each not empty (file() decompresses each file of a glob by its own name),
 * its path free of glob characters, its sampled types loadable, none of its sampled
 * ids stored (a likely re-delivery), BATCH_BYTES in all. The run ends at the first file
 * that is not such, so that sorted path order still decides which of two occurrences of
 * an id is first. Undefined when fewer than two files would take the pass (a small file
 * alone takes the careful path, a large one its own pass: index.ts). Files whose bytes
 * were loaded before are found by their SHA-256 beside the pass (loadBatch).
 *
 * A large file (one staged on disk) joins the run as well: its own pass would cost the
 * same per line, plus a pass's fixed costs and a duplicate check reading every id of
 * event_index (at 100 000 accounts × 23 months, 48 passes spent together 13 CPU-s
 * creating and 13 CPU-s in those checks, the later ones reading 4.3 M ids each).
 */
export async function batchOfFiles(
  db: Db,
  files: readonly InputFile[],
  start: number,
  options: LoadOptions,
): Promise<Batch | undefined> {
  if ((options.onePass ?? 'auto') !== 'auto' || db.engine !== 'embedded') return undefined;
  const members: (Batch['members'][number] & {
    ids: readonly string[];
    types: readonly EventType[];
  })[] = [];
  let bytes = 0;
  let end = start;
  for (; end < files.length && members.length < BATCH_FILES; end++) {
    const file = files[end] as InputFile;
    if (file.format !== 'ndjson') break;
    if (GLOB_CHARS.test(file.path) || NOT_IN_BATCH.test(file.path)) break;
    const size = await fileSize(file.path);
    const weight = (file.gzip ? 8 : 1) * size;
    // an empty file loads alone (every file of a batch must deliver a line)
    if (size === 0 || bytes + weight > BATCH_BYTES) break;
    const { types: sampled, ids: all } = await timed(options, 'batch: sample', () =>
      sampleFile(file, BATCH_SAMPLE_BYTES),
    );
    if (!onePassTypes(sampled, options.piiKey)) break;
    // a few spread ids per file: the hint is for re-deliveries, the proof after the pass is exact
    const step = Math.ceil(all.length / BATCH_SAMPLE_IDS);
    const ids = all.filter((_, i) => i % step === 0);
    bytes += weight;
    members.push({ index: end, file, loadId: randomUUID(), size, sha256: '', ids, types: sampled });
  }
  // One lookup for the sampled ids of the whole run: the run ends before the first
  // file with a stored one (a likely re-delivery, loaded alone).
  const stored = await timed(options, 'batch: stored ids', () =>
    storedIds(
      db,
      members.flatMap((m) => m.ids),
    ),
  );
  const cut = members.findIndex((m) => m.ids.some((id) => stored.has(id)));
  if (cut >= 0) {
    end = members[cut]?.index ?? end;
    members.splice(cut);
  }
  if (members.length < 2) return undefined;
  const types = new Set(members.flatMap((m) => m.types));
  return { end, members, types: EVENT_TYPES.filter((t) => types.has(t)) };
}

/**
 * A batch of files in one pass through a glob (fused.ts), fingerprinted beside it:
 * once the batch is proven new the ledger says `loading` for every file, and `loaded`
 * after the attaches. Returns each file's result by its index, or undefined when the
 * batch needs the careful path (nothing was stored, no ledger row written: the files
 * load one by one).
 */
export async function loadBatch(
  db: Db,
  batch: Batch,
  options: LoadOptions,
  total: number,
  done: DoneLoads,
): Promise<Map<number, FileResult> | undefined> {
  const { members } = batch;
  const startedAt = nowStamp();
  const ledger = (status: 'loading' | 'loaded', counts?: readonly LedgerCounts[]) =>
    writeLedger(
      db,
      members.map((m, i) => ({
        loadId: m.loadId,
        path: m.file.path,
        size: m.size,
        sha256: m.sha256,
        startedAt,
        status,
        counts: counts?.[i],
      })),
    );
  const steps = (s: LoadStep) => members.forEach((m) => options.onStep?.(s, m.file.path));
  const created: string[] = [];
  let result;
  // The bar starts at the batch's first file; each file reports its lines when the pass ends.
  const first = members[0];
  if (first)
    options.onProgress?.({
      file: first.file.path,
      fileIndex: first.index,
      files: total,
      fileRowsDone: 0,
      fileRows: 0,
    });
  try {
    const dir = commonDir(members.map((m) => m.file.path));
    const rels = members.map((m) => path.relative(dir, m.file.path));
    const pass = {
      tag: (members[0]?.loadId ?? randomUUID()).replace(/-/g, ''),
      files: members.map((m) => ({ path: m.file.path, loadId: m.loadId })),
      source: `${dir === '/' ? '' : dir}/{${rels.join(',')}}`,
      paths: members.map((m) => m.file.path),
      types: batch.types,
    };
    // The members' SHA-256 beside the pass. Before anything is attached, a member whose
    // bytes were loaded before, or are another member's, sends the batch to the one by
    // one path, which skips it (a file of only invalid lines has no id for the proof
    // to find: it would be quarantined twice).
    const hashed = (async () => {
      for (const m of members)
        m.sha256 = (
          done.fingerprints.get(m.file.path) ??
          (await timed(options, 'fingerprint', () => fingerprint(m.file.path)))
        ).sha256;
      const hashes = members.map((m) => m.sha256);
      return new Set(hashes).size === hashes.length && !hashes.some((h) => done.hashes.has(h));
    })();
    // The ledger says `loading` only once the batch is proven new, right before the
    // attaches (until then only scratch tables were written, which recovery drops by
    // name): a batch that falls back leaves no ledger row.
    const mayAttach = async () => {
      if (!(await hashed)) return false;
      await ledger('loading');
      steps('ledger-loading');
      return true;
    };
    const [, passed] = await settleBoth(hashed, loadOnePass(db, pass, created, options, mayAttach));
    result = passed;
    if (!result) return undefined;
    steps('before-done');
    await ledger(
      'loaded',
      result.files.map((f) => f.counts),
    );
  } catch (err) {
    await recoverInterrupted(db).catch(() => undefined);
    // A file of the batch cannot be read: one by one, that file alone is quarantined.
    if (classifyError(err) === 'unreadable_file') return undefined;
    throw err;
  } finally {
    await dropScratch(db, created, options);
  }
  const results = new Map<number, FileResult>();
  for (const [i, m] of members.entries()) {
    done.sizes.add(m.size);
    done.hashes.add(m.sha256);
    options.onStep?.('done', m.file.path);
    const counted = result.files[i];
    if (!counted) continue;
    const { rows } = counted.counts;
    options.onProgress?.({
      file: m.file.path,
      fileIndex: m.index,
      files: total,
      fileRowsDone: rows,
      fileRows: rows,
    });
    results.set(m.index, { loadId: m.loadId, ...counted, types: result.types });
  }
  return results;
}

/** The deepest folder holding every one of `paths` (absolute). */
function commonDir(paths: readonly string[]): string {
  let dir = path.dirname(paths[0] ?? '/');
  while (!paths.every((p) => p.startsWith(dir.endsWith('/') ? dir : `${dir}/`)))
    dir = path.dirname(dir);
  return dir;
}

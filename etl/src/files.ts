/**
 * Which files a load takes (docs/etl.md): files and folders, recursively, in
 * sorted path order; .ndjson/.jsonl/.json/.csv, each optionally .gz; the
 * generator's MANIFEST.json is skipped, as is anything else (and listed).
 */
import { createHash } from 'node:crypto';
import { createReadStream, readdirSync, statSync } from 'node:fs';
import { open, stat, symlink, unlink } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { createGunzip } from 'node:zlib';
import path from 'node:path';
import { PlatformError, errorMessage } from '@collections/schema/errors';
import { EVENT_TYPES, type EventType } from '@collections/schema/domain';

export type FileFormat = 'ndjson' | 'csv';

export interface InputFile {
  readonly path: string;
  readonly format: FileFormat;
  readonly gzip: boolean;
}

const NDJSON_EXT = ['.ndjson', '.jsonl', '.json'];
const SKIPPED_NAMES = new Set(['manifest.json', 'manifest.json.gz']);

export function classify(file: string): InputFile | undefined {
  const base = path.basename(file).toLowerCase();
  if (SKIPPED_NAMES.has(base)) return undefined;
  const gzip = base.endsWith('.gz');
  const name = gzip ? base.slice(0, -3) : base;
  if (name.endsWith('.csv')) return { path: file, format: 'csv', gzip };
  if (NDJSON_EXT.some((ext) => name.endsWith(ext))) return { path: file, format: 'ndjson', gzip };
  return undefined;
}

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile()) out.push(full);
  }
}

/** Expand files and folders into the sorted list of loadable files, plus the skipped ones. */
export function discover(paths: readonly string[]): { files: InputFile[]; skipped: string[] } {
  const all: string[] = [];
  for (const p of paths) {
    const absolute = path.resolve(p);
    try {
      if (statSync(absolute).isDirectory()) walk(absolute, all);
      else all.push(absolute);
    } catch (err) {
      throw new PlatformError('PATH_UNREADABLE', `Cannot read ${p}: ${errorMessage(err)}`, {
        cause: err,
      });
    }
  }
  const sorted = [...new Set(all)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const files: InputFile[] = [];
  const skipped: string[] = [];
  for (const file of sorted) {
    const input = classify(file);
    if (input) files.push(input);
    else skipped.push(file);
  }
  return { files, skipped };
}

/** Characters ClickHouse's file() reads as a glob pattern in a path (`*`, `?`, `{a,b}`). */
export const GLOB_CHARS = /[*?{}]/;

/**
 * The file under a name ClickHouse's file() reads literally. A path with glob characters
 * is a pattern to file(): `4 {x}.ndjson` matched nothing and `a?.ndjson` read `ab.ndjson`
 * too. Such a file is read through a symbolic link in the temp folder (same extension,
 * so that .gz is still decompressed), removed by `dispose`.
 */
export async function readableByClickHouse(
  file: InputFile,
): Promise<{ readonly path: string; dispose(): Promise<void> }> {
  if (!GLOB_CHARS.test(file.path)) return { path: file.path, dispose: async () => undefined };
  const ext = file.format === 'csv' ? '.csv' : '.ndjson';
  const link = path.join(
    tmpdir(),
    `collections-etl-${randomUUID()}${ext}${file.gzip ? '.gz' : ''}`,
  );
  if (GLOB_CHARS.test(link))
    throw new PlatformError(
      'PATH_UNREADABLE',
      `Cannot read ${file.path}: its name has one of * ? { } and so has the temp folder ${tmpdir()}; rename the file or set TMPDIR`,
    );
  await symlink(file.path, link);
  return { path: link, dispose: () => unlink(link).catch(() => undefined) };
}

export async function fileSize(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch (err) {
    throw unreadable(file, err);
  }
}

function unreadable(file: string, err: unknown): PlatformError {
  return new PlatformError('PATH_UNREADABLE', `Cannot read ${file}: ${errorMessage(err)}`, {
    cause: err,
  });
}

/** SHA-256 of the file bytes (streamed) and its size: the ledger's identity of a file. */
export async function fingerprint(file: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  try {
    // 1 MiB reads: with the default 64 KiB, hashing 183 MB cost 0.31–0.46 s of CPU, with 1 MiB 0.19 s.
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
  } catch (err) {
    throw unreadable(file, err);
  }
  return { size, sha256: hash.digest('hex') };
}

/** Event type of a CSV file without a `type` column: the longest type its name starts with. */
export function csvTypeFromName(file: string): EventType | undefined {
  const base = path.basename(file).toLowerCase();
  return [...EVENT_TYPES].sort((a, b) => b.length - a.length).find((type) => base.startsWith(type));
}

const SAMPLE_BYTES = 1 << 20;
/** plain files: 1024 spots of 4 KiB (a few ms of reads) */
const SPREAD_BYTES = 4 << 20;
const SAMPLE_SPOTS = 1024;

/**
 * The event types named in a sample of an NDJSON file, or undefined when none is
 * found: a hint for which fields to extract, verified by the load (a row of
 * another type makes it extract every type). For a plain file, 4 KiB at each of
 * 1024 evenly spaced offsets, so that a concatenation of per-type files shows
 * its types (the demo's 452 k events in 250 blocks: every type found); for a
 * .gz file, its first MiB.
 */
export async function sampleTypes(file: InputFile): Promise<EventType[] | undefined> {
  return (await sampleFile(file)).types;
}

/** At most this many event ids are taken from a sample. */
const SAMPLE_IDS = 2000;

/**
 * The event types (as sampleTypes) and up to SAMPLE_IDS event ids, spread over the
 * sample, found in the same sample of an NDJSON file. The ids are a hint too: when
 * one is stored already, the file is likely a re-delivery.
 */
export async function sampleFile(
  file: InputFile,
  /** spread over at most this many bytes of a plain file (a batch's small files read less) */
  spreadBytes = SPREAD_BYTES,
): Promise<{ types: EventType[] | undefined; ids: string[] }> {
  let text: string;
  try {
    text = file.gzip ? await gzipHead(file.path) : await spreadSample(file.path, spreadBytes);
  } catch {
    return { types: undefined, ids: [] }; // unreadable or corrupt: the load itself reports it
  }
  const found = new Set<string>();
  for (const m of text.matchAll(/"type"\s*:\s*"([a-z_]+)"/g)) found.add(m[1] ?? '');
  const types = EVENT_TYPES.filter((t) => found.has(t));
  // Simple JSON strings only (no escapes); the sample is read as latin1, so only ASCII ids.
  const ids = [...text.matchAll(/"event_id"\s*:\s*"([\x21\x23-\x5b\x5d-\x7e ]{1,128})"/g)].map(
    (m) => m[1] ?? '',
  );
  const step = Math.max(1, Math.ceil(ids.length / SAMPLE_IDS));
  return {
    types: types.length > 0 ? types : undefined,
    ids: ids.filter((_, i) => i % step === 0),
  };
}

async function spreadSample(file: string, spreadBytes: number): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const spots = Math.min(SAMPLE_SPOTS, Math.max(1, Math.floor(spreadBytes / 4096)));
    const spot = Math.floor(spreadBytes / spots);
    const offsets =
      size <= spreadBytes
        ? [0]
        : Array.from({ length: spots }, (_, i) =>
            Math.floor(((size - spot) * i) / Math.max(1, spots - 1)),
          );
    const length = size <= spreadBytes ? size : spot;
    // All reads at once (libuv queues them): one after another, the 1 024 reads of a
    // large file took 66–86 ms, at once 20–24 ms.
    const parts = await Promise.all(
      offsets.map(async (offset) => {
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buffer, 0, length, offset);
        return buffer.subarray(0, bytesRead).toString('latin1');
      }),
    );
    return parts.join('\n');
  } finally {
    await handle.close();
  }
}

async function gzipHead(file: string): Promise<string> {
  const source = createReadStream(file);
  let text = '';
  try {
    for await (const chunk of source.pipe(createGunzip())) {
      text += (chunk as Buffer).toString('latin1');
      if (text.length >= SAMPLE_BYTES) break;
    }
  } finally {
    source.destroy();
  }
  return text;
}

/**
 * What a failed load tells its operator (docs/etl.md, "Errors"), decided here once: a
 * platform error keeps its own code and sentence; any other error is classified by its
 * ClickHouse error type or Node error code into
 *  - `unreadable_file`: the file's bytes cannot be decoded (corrupt or truncated
 *    compressed data). Not fatal: the loader quarantines the file and goes on (load/index.ts);
 *    reading the same bytes again fails the same way.
 *  - `PATH_UNREADABLE`: no access to a file (permissions, gone). A rerun fails the same
 *    way until someone fixes the access.
 *  - `RESOURCES`: the disk or memory ran out; a rerun helps once there is room.
 *  - `INTERNAL`: anything else (a bug, or the connection lost mid-load). Whatever the
 *    load had stored is complete or undone at the next start, so a rerun finishes it.
 * Only the last two say "run the same command again".
 */
import { PlatformError } from '@collections/schema';
import { errorMessage } from '@collections/schema/errors';
import type { LoadSummary } from './load/options.ts';

export type ErrorClass =
  'platform' | 'unreadable_file' | 'PATH_UNREADABLE' | 'RESOURCES' | 'INTERNAL';

/** ClickHouse error types of bytes that do not decompress (chdb and the server client set `type`). */
const CORRUPT_TYPES = new Set([
  'ZLIB_INFLATE_FAILED',
  'CANNOT_DECOMPRESS',
  'ZSTD_DECODER_FAILED',
  'LZMA_STREAM_DECODER_FAILED',
  'BZIP2_STREAM_DECODER_FAILED',
  'SNAPPY_UNCOMPRESS_FAILED',
]);
/** Node zlib codes of a truncated (buffer) or corrupt (data) gzip stream. */
const CORRUPT_CODES = new Set(['Z_BUF_ERROR', 'Z_DATA_ERROR']);
const ACCESS_TYPES = new Set([
  'CANNOT_OPEN_FILE',
  'FILE_DOESNT_EXIST',
  'CANNOT_READ_FROM_FILE_DESCRIPTOR',
]);
const ACCESS_CODES = new Set(['EACCES', 'EPERM', 'ENOENT', 'EISDIR', 'ENOTDIR', 'ELOOP']);
const RESOURCE_TYPES = new Set([
  'NOT_ENOUGH_SPACE',
  'MEMORY_LIMIT_EXCEEDED',
  'CANNOT_ALLOCATE_MEMORY',
]);
const RESOURCE_CODES = new Set(['ENOSPC', 'ENOMEM', 'EMFILE', 'ENFILE']);

function field(err: unknown, name: 'code' | 'type'): string {
  const value = (err as Record<string, unknown> | undefined)?.[name];
  return value === undefined || value === null ? '' : String(value);
}

export function classifyError(err: unknown): ErrorClass {
  if (err instanceof PlatformError) return 'platform';
  const type = field(err, 'type');
  const code = field(err, 'code');
  if (CORRUPT_TYPES.has(type) || CORRUPT_CODES.has(code)) return 'unreadable_file';
  if (ACCESS_TYPES.has(type) || ACCESS_CODES.has(code)) return 'PATH_UNREADABLE';
  if (RESOURCE_TYPES.has(type) || RESOURCE_CODES.has(code)) return 'RESOURCES';
  return 'INTERNAL';
}

/** The first line of an error's message, without the stack, at most 300 characters. */
export function firstLine(err: unknown): string {
  return (errorMessage(err).split('\n')[0] ?? '').slice(0, 300).trim();
}

/** Whether running the same command again can finish the job by itself. */
export function rerunHelps(err: unknown): boolean {
  const kind = classifyError(err);
  return kind === 'RESOURCES' || kind === 'INTERNAL';
}

/**
 * An error as one line for a person: its code, what happened and what to do. A
 * platform error's code and sentence as they are.
 */
export function errorLine(err: unknown): string {
  const line = firstLine(err);
  switch (classifyError(err)) {
    case 'platform':
      return `${(err as PlatformError).code}: ${(err as PlatformError).message}`;
    case 'unreadable_file':
      return `UNREADABLE_FILE: ${line}. The file's compressed data is corrupt or truncated: replace it with a good copy.`;
    case 'PATH_UNREADABLE':
      return `PATH_UNREADABLE: ${line}. Give the loader read access to the file (or remove it), then load again.`;
    case 'RESOURCES':
      return `RESOURCES: ${line}. Free disk space or memory, then run the same command again.`;
    case 'INTERNAL':
      return `INTERNAL: unexpected error: ${line}. Run the same command again to finish the load; if this repeats, report this message.`;
  }
}

/**
 * The error a load ends with when files could not be read (CLI: exit 2 after the
 * summary; inbox job: onError), or undefined. The other files were loaded.
 */
export function unreadableError(
  summary: Pick<LoadSummary, 'unreadable' | 'unreadableBefore'>,
): PlatformError | undefined {
  const { unreadable, unreadableBefore } = summary;
  if (unreadable.length + unreadableBefore.length === 0) return undefined;
  const parts: string[] = [];
  if (unreadable.length > 0)
    parts.push(
      `${unreadable.length} file(s) could not be read (corrupt or truncated compressed data) and were quarantined with reason unreadable_file: ${unreadable.join(', ')}`,
    );
  if (unreadableBefore.length > 0)
    parts.push(
      `${unreadableBefore.length} file(s) skipped: the same bytes were found unreadable before: ${unreadableBefore.join(', ')}`,
    );
  return new PlatformError(
    'UNREADABLE_FILE',
    `${parts.join('; ')}. The other files were loaded. Replace each such file with a good copy and load again; the same bytes are never read again.`,
  );
}

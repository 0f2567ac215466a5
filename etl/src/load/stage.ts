/**
 * Staging a file (the careful path, careful.ts): its lines into the stage table with
 * the fields as text, PII hashed, the envelope typed and the content hash, then the
 * checks into the table of failing lines (validate/rules.sql.ts). Embedded: ClickHouse reads
 * the file itself; server: the bytes stream over HTTP; CSV: parsed in Node.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { PlatformError, queryRows, type Db } from '@collections/schema';
import { EVENT_TYPES } from '@collections/schema/domain';
import { stageCsv, createInputSql } from '../csv.ts';
import { PII_FIELD_NAMES } from '../events.ts';
import { fileSize, sampleTypes, type InputFile } from '../files.ts';
import type { Scratch } from './insert.sql.ts';
import type { LoadOptions } from './options.ts';
import { createScratch, FILE_READ_SETTINGS, run, timed } from './scratch.ts';
import { hmacPads, maskRawSql, requirePiiKey } from '../pii.ts';
import {
  badInsertSql,
  createStageSql,
  parseInsertSql,
  SMALL_STAGE_BYTES,
  stageFieldNames,
} from '../validate/index.ts';

export const FILE_LINES = `file({path:String}, 'LineAsString', 'raw String')`;

/** The lines of the file {path} (embedded: ClickHouse reads it) as a ParseSource relation. */
export const FILE_LINES_SOURCE = `(SELECT _row_number + 1 AS line, raw, raw AS json, '' AS pre_reason, '' AS pre_detail FROM ${FILE_LINES})`;

/** The masked raw lines of the file {path}, read again for quarantine: a relation (line, raw). */
export const FILE_RAW_SOURCE = `(SELECT toUInt64(_row_number + 1) AS line, ${maskRawSql('raw')} AS raw FROM ${FILE_LINES})`;

/**
 * The file's lines into the stage table (CSV through an input table parsed in
 * Node); refuses a file with PII fields when no PII_KEY is set.
 */
export async function stageFile(
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

export interface Staged {
  /** the event types whose fields the stage holds (undefined: all) */
  readonly types?: readonly string[];
  /** which rows of the stage kept their masked raw line */
  readonly keepRaw: 'all' | 'invalid';
  /** relation (line, raw) re-reading masked raw lines from the file ('' when keepRaw is 'all') */
  readonly rawSource: string;
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
 * Whether a file's stage is kept on disk (a large file) rather than in memory. A gzip
 * file's stage is kept on disk unless even 8× its size is small.
 */
export async function stagedOnDisk(
  file: InputFile,
  options: Pick<LoadOptions, 'smallStageBytes'>,
): Promise<boolean> {
  const limit = options.smallStageBytes ?? SMALL_STAGE_BYTES;
  return (file.gzip ? 8 : 1) * (await fileSize(file.path)) > limit;
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
    const from = FILE_LINES_SOURCE;
    const params = { path: file.path, ...pads };
    const rawSource = FILE_RAW_SOURCE;
    let types: readonly string[] | undefined = await sampleTypes(file);
    const inMemory = !(await stagedOnDisk(file, { smallStageBytes }));
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
  const gunzip = file.gzip ? createGunzip() : undefined;
  const body = gunzip ? source.pipe(gunzip) : source;
  // A corrupt .gz fails the upload; its zlib error (not the aborted request) is what
  // failures.ts classifies as an unreadable file.
  let gunzipError: unknown;
  gunzip?.on('error', (err) => (gunzipError = err));
  const result = await db.client
    .exec({
      query: `${parseInsertSql(stage, { from, piiHashed: false })} FORMAT LineAsString`,
      query_params: { ...pads },
      values: body,
      clickhouse_settings: { max_threads: 1, max_insert_threads: '1' },
    })
    .catch((err: unknown) => {
      throw gunzipError ?? err;
    });
  result.stream.destroy();
  if (gunzipError) throw gunzipError;
  if (!source.readableEnded && source.errored)
    throw new PlatformError(
      'PATH_UNREADABLE',
      `Cannot read ${file.path}: ${String(source.errored)}`,
    );
  await run(db, badInsertSql(stage, bad));
  return { keepRaw: 'all', rawSource: '' };
}

/**
 * CSV files (docs/etl.md): parsed in Node with csv-parse (quoted cells with
 * embedded newlines, a UTF-8 BOM), one event type per file (a `type` column
 * or the file name). Each record becomes a JSON object of its non-empty cells
 * with PII already hashed, plus its masked raw text, and goes to an input
 * table; from there the same SQL validation as NDJSON runs. Records with the
 * wrong column count or broken quoting are kept with reason invalid_csv.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import type { Db } from '@collections/schema';
import { csvTypeFromName, type InputFile } from './files.ts';
import { PII_FIELD_NAMES } from './events.ts';
import { MASK, hmacHex } from './pii.ts';
import { MID_FILE_BOM, SCRATCH_ENGINE } from './validate/index.ts';

export interface InputRow {
  line: number;
  raw: string;
  json: string;
  pre_reason: string;
  pre_detail: string;
}

const BATCH = 50_000;

export function createInputSql(table: string): string {
  return `CREATE TABLE ${table} (line UInt64, raw String, json String, pre_reason String, pre_detail String) ${SCRATCH_ENGINE}`;
}

function csvCell(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Build the input row of one record; `hashPii` hashes a PII value (throws without a key). */
export function csvRow(
  header: readonly string[],
  cells: readonly string[],
  line: number,
  /** type from the file name; a non-empty `type` cell wins */
  fileType: string | undefined,
  hashPii: (value: string) => string,
): InputRow {
  // Header names as parsed (quotes and escapes decoded), any case: the mask follows the
  // parsed record, not the text.
  const masked = cells.map((c, i) =>
    PII_FIELD_NAMES.includes((header[i] ?? '').toLowerCase()) && c !== '' ? MASK : c,
  );
  const raw = masked.map(csvCell).join(',');
  if (cells.some((c) => c.includes('\uFFFD')))
    return {
      line,
      raw,
      json: '',
      pre_reason: 'invalid_encoding',
      pre_detail: 'the record is not valid UTF-8',
    };
  if (cells[0]?.startsWith('\uFEFF'))
    return { line, raw, json: '', pre_reason: 'invalid_encoding', pre_detail: MID_FILE_BOM };
  if (cells.length !== header.length)
    return {
      line,
      raw,
      json: '',
      pre_reason: 'invalid_csv',
      pre_detail: `expected ${header.length} columns as in the header, got ${cells.length}`,
    };
  const event: Record<string, string> = {};
  if (fileType) event.type = fileType;
  header.forEach((name, i) => {
    const cell = cells[i] ?? '';
    if (cell === '') return;
    event[name] = PII_FIELD_NAMES.includes(name) ? hashPii(cell) : cell;
  });
  return { line, raw, json: JSON.stringify(event), pre_reason: '', pre_detail: '' };
}

/** Parse a CSV file into the input table; returns whether any record carried PII. */
export async function stageCsv(
  db: Pick<Db, 'client'>,
  file: InputFile,
  table: string,
  piiKey: string | undefined,
): Promise<{ hasPii: boolean }> {
  const fileType = csvTypeFromName(file.path);
  let hasPii = false;
  const hashPii = (value: string) => {
    hasPii = true;
    return piiKey ? hmacHex(piiKey, value) : '';
  };
  const batch: InputRow[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await db.client.insert({ table, format: 'JSONEachRow', values: batch.splice(0) });
  };
  let header: string[] | undefined;
  let lastLine = 0;
  const source = createReadStream(file.path);
  const parser = parse({
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    info: true,
    raw: true,
    on_skip: (err) => {
      const line = typeof err?.lines === 'number' ? err.lines : lastLine + 1;
      batch.push({
        line,
        raw: '',
        json: '',
        pre_reason: 'invalid_csv',
        pre_detail: `unreadable CSV record: ${(err?.message ?? 'parse error').slice(0, 200)}`,
      });
      lastLine = line;
      return undefined;
    },
  });
  // A read or gunzip error ends the parse with that error (failures.ts classifies it);
  // unhandled, a truncated .gz crashed the process.
  const gunzip = file.gzip ? createGunzip() : undefined;
  (gunzip ? source.pipe(gunzip) : source).pipe(parser);
  source.on('error', (err) => parser.destroy(err));
  gunzip?.on('error', (err) => parser.destroy(err));
  for await (const item of parser as AsyncIterable<{
    record: string[];
    info: { lines: number };
    raw: string;
  }>) {
    const endLine = item.info.lines;
    const newlines = (item.raw.replace(/\r?\n$/, '').match(/\n/g) ?? []).length;
    const line = endLine - newlines;
    lastLine = endLine;
    if (!header) {
      header = item.record.map((h) => h.trim());
      continue;
    }
    batch.push(csvRow(header, item.record, line, fileType, hashPii));
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  return { hasPii };
}

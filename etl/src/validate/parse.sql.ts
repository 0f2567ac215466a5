/**
 * The validating parse (docs/etl.md): a source of raw lines becomes the stage table, one
 * row per line with the fields as text (PII already hashed), the envelope typed, a
 * reason found before parsing (or '') and a content hash of the typed, normalised
 * values. Everything here runs inside ClickHouse; Node only orchestrates.
 */
import { EVENT_SPECS, PII_FIELD_NAMES, type EventSpec, type FieldSpec } from '../events.ts';
import { hmacSql, maskRawSql } from '../pii.ts';
import { fieldNames, has, lit, n, NOT_SCALAR, specsOf, v } from './stage-layout.sql.ts';

/**
 * Detail of a line (CSV: record) after the first that starts with a UTF-8 byte order
 * mark, quarantined as invalid_encoding: a BOM is ignored at the start of a file only
 * (a BOM inside is most often two files concatenated, the second's BOM kept).
 */
export const MID_FILE_BOM =
  'the line starts with a UTF-8 byte order mark (BOM), which is allowed only at the start of a file';

/**
 * The typed value of every amount, int and date field of `specs`, converted once per
 * row and read by the checks, the content hash and the typed inserts (a decimal parse
 * costs ~60 ns: three of them per amount were ~0.27 s of CPU per 1 M bench lines). An
 * absent or malformed value gives 0 (amount, int) or NULL (date); the checks decide
 * validity from the text, as before.
 */
export function typedValuesSql(
  specs: readonly EventSpec[],
): { name: string; sql: string; type: string }[] {
  const typed = new Map<string, { name: string; sql: string; type: string }>();
  for (const field of specs.flatMap((spec) => spec.fields)) {
    const x = v(field.name);
    const [value, type] =
      field.kind === 'amount'
        ? [`toDecimal64OrZero(${x}, 2)`, 'Decimal(18, 2)']
        : field.kind === 'int'
          ? [`toInt64OrZero(${x})`, 'Int64']
          : field.kind === 'date'
            ? [`toDate32OrNull(${x})`, 'Nullable(Date32)']
            : [];
    if (value && type) typed.set(field.name, { name: n(field.name), sql: value, type });
  }
  return [...typed.values()];
}

/** `relation` (parsed rows with v_ columns) with the typed values of `specs` added. */
export function withTypedValues(relation: string, specs: readonly EventSpec[]): string {
  const typed = typedValuesSql(specs).map((t) => `${t.sql} AS ${t.name}`);
  return typed.length > 0 ? `(SELECT *, ${typed.join(', ')} FROM ${relation})` : relation;
}

/** The typed value of `field` with its default applied when absent (SQL of the value's type). */
export function typedValue(field: FieldSpec): string {
  const value = field.kind === 'date' ? `assumeNotNull(${n(field.name)})` : n(field.name);
  if (field.default === undefined) return value;
  const fallback =
    field.kind === 'amount'
      ? `toDecimal64(${lit(field.default)}, 2)`
      : field.kind === 'int'
        ? `toInt64(${lit(field.default)})`
        : `toDate32(${lit(field.default)})`;
  return `if(${has(field.name)}, ${value}, ${fallback})`;
}

function normalised(field: FieldSpec): string {
  if (field.kind === 'amount' || field.kind === 'int') return `toString(${typedValue(field)})`;
  return field.default !== undefined
    ? `if(${has(field.name)}, ${v(field.name)}, ${lit(field.default)})`
    : v(field.name);
}

/**
 * The content hash's function. cityHash64 (formerly sipHash64 of the same 7–12
 * arguments cost 0.9 s of CPU per 1 M lines, cityHash64 0.1 s); event_index rows written
 * before hold LEGACY_HASH values, which the duplicate verdict also accepts (insert.sql.ts).
 */
export type ContentHash = 'cityHash64' | 'sipHash64';
export const LEGACY_HASH: ContentHash = 'sipHash64';

/** Hash of the typed, normalised content: key order, whitespace, 12.5 vs "12.50" make no difference. */
export function contentHashSql(
  specs: readonly EventSpec[] = EVENT_SPECS,
  fn: ContentHash = 'cityHash64',
): string {
  const perType = specs.map(
    (spec) =>
      `type = ${lit(spec.type)}, ${fn}(${[`type`, `toUnixTimestamp64Milli(assumeNotNull(occurred_at))`, ...spec.fields.map(normalised)].join(', ')})`,
  );
  return `multiIf(${perType.join(',\n  ')}, toUInt64(0))`;
}

export interface ParseSource {
  /**
   * A relation with columns line UInt64 (1-based), raw String (what quarantine keeps, masked
   * below), json String (the JSON object to parse), pre_reason and pre_detail String
   * (a reason found before parsing, e.g. a CSV row with the wrong column count).
   */
  readonly from: string;
  /** true when the source's JSON already carries hashed PII (CSV rows hashed in Node) */
  readonly piiHashed: boolean;
  /**
   * Event types whose fields are extracted (default: all). Extracting fewer is the
   * fast path: JSON extraction costs per field. A row of another known type gets
   * the stage reason NOT_EXTRACTED.
   */
  readonly types?: readonly string[];
  /**
   * 'all': keep every row's masked raw line; 'invalid': only rows with a reason
   * (the loader reads the raw line of a later conflict from the file again).
   */
  readonly keepRaw?: 'all' | 'invalid';
  /** columns of `from` carried unchanged to the result, first (the one pass's file_no) */
  readonly passThrough?: readonly string[];
}

/**
 * INSERT … SELECT from a raw-line source into the stage table: the parse (fields as
 * text, PII hashed, occurred_at typed) and the content hash. The checks run in a
 * second step over the stored columns (badInsertSql): measured on 165 k lines, that
 * costs 0.36 + 0.11 s of CPU against 0.75 s for checking inside the parse.
 */
export function parseInsertSql(stage: string, source: ParseSource): string {
  const { columns, select } = parseSelectSql(source, false);
  return `INSERT INTO ${stage} (${columns.join(', ')})\n${select}`;
}

/**
 * The parse of parseInsertSql as a SELECT, and the stage columns it fills in order
 * (then raw, content_hash and, when `typed`, the typed values of typedValuesSql).
 */
export function parseSelectSql(
  source: ParseSource,
  typed: boolean,
): { columns: string[]; select: string } {
  const specs = specsOf(source.types);
  const extracted = fieldNames(specs);
  const names = ['type', 'event_id', 'occurred_at', ...extracted];
  const tuple = `Tuple(${names.map((n) => `${n} String`).join(', ')})`;
  const text = (n: string) => `tupleElement(t, ${lit(n)})`;
  const fields = extracted.map((n) =>
    PII_FIELD_NAMES.includes(n) && !source.piiHashed
      ? `if(${text(n)} = '', '', if(${NOT_SCALAR(text(n))}, '{', ${hmacSql(text(n))})) AS ${v(n)}`
      : `${text(n)} AS ${v(n)}`,
  );
  const passThrough = source.passThrough ?? [];
  const columns = [
    ...passThrough,
    'line',
    'type',
    'event_id',
    'occurred_at_text',
    'occurred_at',
    ...extracted.map(v),
    'pre_reason',
    'pre_detail',
    'utf8_ok',
    'json_ok',
  ];
  // A line that is not a JSON object keeps its raw text here; any other line that
  // fails a check later is read from the source again (the loader's rawSource).
  // CSV (piiHashed): each record's raw text was rebuilt in Node with PII cells masked.
  const masked = source.piiHashed ? 'raw' : maskRawSql('raw');
  const raw =
    source.keepRaw === 'invalid'
      ? `if(utf8_ok AND json_ok AND pre_reason = '', '', ${masked})`
      : masked;
  const typedNames = typed ? typedValuesSql(specs).map((t) => t.name) : [];
  const parsed = `(
  SELECT ${[...passThrough, 'line'].join(', ')}, raw,
    startsWith(src_json, '\\xEF\\xBB\\xBF') AS bom,
    if(src_reason = '' AND bom AND line > 1, 'invalid_encoding', src_reason) AS pre_reason,
    if(src_reason = '' AND bom AND line > 1, ${lit(MID_FILE_BOM)}, src_detail) AS pre_detail,
    if(bom AND line = 1, substring(src_json, 4), src_json) AS json,
    pre_reason != '' OR isValidUTF8(json) AS utf8_ok,
    JSONExtract(json, ${lit(tuple)}) AS t,
    ${text('type')} AS type,
    substring(${text('event_id')}, 1, 256) AS event_id,
    ${text('occurred_at')} AS occurred_at_text,
    -- a non-empty element proves the parse succeeded; otherwise ask isValidJSON
    utf8_ok AND startsWith(trimLeft(json), '{') AND (type != '' OR event_id != '' OR isValidJSON(json)) AS json_ok,
    parseDateTime64BestEffortOrNull(occurred_at_text, 3, 'UTC') AS occurred_at,
    ${fields.join(',\n    ')}
  FROM (SELECT ${[...passThrough, 'line'].join(', ')}, raw, json AS src_json, pre_reason AS src_reason,
    pre_detail AS src_detail FROM ${source.from})
  WHERE NOT empty(trimBoth(src_json)) OR pre_reason != ''
)`;
  const select = `SELECT ${[...columns, `${raw} AS raw_masked`, `${contentHashSql(specs)} AS content_hash`, ...typedNames].join(', ')}
FROM ${withTypedValues(parsed, specs)}`;
  return { columns: [...columns, 'raw', 'content_hash', ...typedNames], select };
}

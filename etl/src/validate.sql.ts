/**
 * Pure SQL builders for the validating parse (docs/etl.md): a source of raw lines
 * becomes the stage table, one row per line with the fields as a text map
 * (PII already hashed), the envelope typed, one quarantine reason (or '') and
 * a content hash of the typed, normalised values. Everything here runs inside
 * ClickHouse; Node only orchestrates.
 */
import { EVENT_TYPES } from '@collections/schema/domain';
import { EVENT_SPECS, PII_FIELD_NAMES, type EventSpec, type FieldSpec } from './events.ts';
import { hmacSql, maskRawSql } from './pii.ts';

/** The fixed, documented set of quarantine reasons (docs/etl.md). */
export const QUARANTINE_REASONS = [
  'invalid_encoding',
  'invalid_json',
  'invalid_csv',
  'unknown_type',
  'missing_field',
  'invalid_value',
  'conflicting_duplicate',
  /** the whole file: its bytes cannot be read (ledger.ts markUnreadable) */
  'unreadable_file',
] as const;
export type QuarantineReason = (typeof QUARANTINE_REASONS)[number];

/**
 * Detail of a line (CSV: record) after the first that starts with a UTF-8 byte order
 * mark, quarantined as invalid_encoding: a BOM is ignored at the start of a file only
 * (a BOM inside is most often two files concatenated, the second's BOM kept).
 */
export const MID_FILE_BOM =
  'the line starts with a UTF-8 byte order mark (BOM), which is allowed only at the start of a file';

/**
 * JSON values arrive as text: strings unquoted, numbers as written by the shortest
 * double representation (exact for amounts up to 13 integer digits), null and ""
 * as '' (absent), objects and arrays as their JSON text (rejected for every field).
 */
const NOT_SCALAR = (x: string) => `(startsWith(${x}, '{') OR startsWith(${x}, '['))`;

/** A SQL string literal of a loader-made text (event types, details, a generated id). */
export const lit = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
/** Stage column holding the text of field `name` ('' when absent). */
export const v = (name: string) => `v_${name}`;
const has = (name: string) => `(${v(name)} != '')`;
/** Column holding the typed value of an amount, int or date field (typedValuesSql). */
export const n = (name: string) => `n_${name}`;

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

/** Every field name of every event type (the envelope's are columns of their own). */
export const FIELD_NAMES: readonly string[] = fieldNames(EVENT_SPECS);

/** Field names of `specs`, in FIELD_NAMES order. */
function fieldNames(specs: readonly EventSpec[]): string[] {
  return [...new Set(specs.flatMap((s) => s.fields.map((f) => f.name)))];
}

/**
 * Internal stage reason of a row whose type's fields were not extracted (the
 * load sampled the file's types and guessed too few); never quarantined: the
 * loader stages the file again with every type.
 */
export const NOT_EXTRACTED = 'not_extracted';

/** The specs of `types` (all when undefined). */
export function specsOf(types?: readonly string[]): readonly EventSpec[] {
  return types ? EVENT_SPECS.filter((s) => types.includes(s.type)) : EVENT_SPECS;
}

/** Field names of the stage of a load that extracts `types` (all when undefined). */
export function stageFieldNames(types?: readonly string[]): string[] {
  return fieldNames(specsOf(types));
}

/**
 * Columns of a stage extracting `types`: only their fields get a column (writing the
 * 30-odd empty columns of the other types cost about a fifth of the stage's CPU).
 */
export function stageColumns(types?: readonly string[]): string {
  return `
  line UInt64,
  type LowCardinality(String),
  event_id String,
  occurred_at_text String,
  occurred_at Nullable(DateTime64(3, 'UTC')),
  ${stageFieldNames(types)
    .map((n) => `${v(n)} String`)
    .join(',\n  ')},
  raw String,
  pre_reason LowCardinality(String),
  pre_detail String,
  utf8_ok Bool,
  json_ok Bool,
  content_hash UInt64`;
}

/** Rows of the stage that fail a check, with the one reason each (the checks' second step). */
export const BAD_COLUMNS = `line UInt64, reason LowCardinality(String), field LowCardinality(String), detail String`;

/**
 * Engine of the load's scratch tables: compact parts (one file per part, not one
 * per column) make writing the wide, mostly empty stage about 30 % cheaper.
 */
function scratchEngine(orderBy: string): string {
  return `ENGINE = MergeTree ORDER BY ${orderBy} SETTINGS min_bytes_for_wide_part = 1000000000000, min_rows_for_wide_part = 1000000000000`;
}
export const SCRATCH_ENGINE = scratchEngine('line');

/**
 * Engine of the table of failing lines: in memory, so creating, writing and dropping it
 * touches no disk (creating a MergeTree table cost ~40 ms per file on the shared
 * machine). It holds a row per failing line only: about 60 bytes each.
 */
export const SMALL_SCRATCH_ENGINE = 'ENGINE = Memory';

/**
 * The stage of a small file lives in memory (SMALL_STAGE_BYTES): creating, filling and
 * dropping a MergeTree stage cost a small file ~0.1 s. A large file's stage is on disk,
 * so that the memory of a load stays flat in the file size.
 */
export const SMALL_STAGE_BYTES = 16 << 20;

export function createStageSql(stage: string, types?: readonly string[], inMemory = false): string {
  return `CREATE TABLE ${stage} (${stageColumns(types)}) ${inMemory ? SMALL_SCRATCH_ENGINE : SCRATCH_ENGINE}`;
}

export function createBadSql(bad: string): string {
  return `CREATE TABLE ${bad} (${BAD_COLUMNS}) ${SMALL_SCRATCH_ENGINE}`;
}

type Check = readonly [
  cond: string,
  reason: QuarantineReason | typeof NOT_EXTRACTED,
  field: string,
  detail: string,
];

const RFC3339 =
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$';

/** Condition that a present value of `field` is NOT acceptable, with the detail to report. */
function badValue(field: FieldSpec): [string, string][] {
  const x = v(field.name);
  switch (field.kind) {
    case 'text':
      return [
        [
          `${NOT_SCALAR(x)} OR lengthUTF8(${x}) > ${field.maxLength ?? 128}`,
          `${field.name} must be a string of 1–${field.maxLength ?? 128} characters`,
        ],
      ];
    case 'pii':
      return [[NOT_SCALAR(x), `${field.name} must be a string`]];
    case 'enum':
      return [
        [
          `${x} NOT IN (${field.values.map(lit).join(', ')})`,
          `${field.name} must be one of ${field.values.join(', ')}`,
        ],
      ];
    case 'date':
      return [
        [
          `NOT match(${x}, '^[0-9]{4}-[0-9]{2}-[0-9]{2}$') OR ifNull(toString(${n(field.name)}) != ${x}, 1)`,
          `${field.name} must be a date YYYY-MM-DD`,
        ],
      ];
    case 'amount':
      return [
        [
          `NOT match(${x}, '^-?[0-9]{1,16}([.][0-9]{1,2})?$')`,
          `${field.name} must be a decimal number with at most 2 decimal places`,
        ],
        field.positive
          ? [`${n(field.name)} <= 0`, `${field.name} must be > 0`]
          : [`${n(field.name)} < 0`, `${field.name} must be ≥ 0`],
      ];
    case 'int':
      return [
        [`NOT match(${x}, '^-?[0-9]{1,18}$')`, `${field.name} must be an integer`],
        [
          `NOT (${n(field.name)} BETWEEN ${field.min} AND ${field.max})`,
          `${field.name} must be between ${field.min} and ${field.max}`,
        ],
      ];
  }
}

function typeChecks(spec: EventSpec): Check[] {
  const checks: Check[] = [];
  for (const field of spec.fields) {
    if (field.required)
      checks.push([
        `NOT ${has(field.name)}`,
        'missing_field',
        field.name,
        `${field.name} is required for ${spec.type}`,
      ]);
    for (const [cond, detail] of badValue(field))
      checks.push([`${has(field.name)} AND (${cond})`, 'invalid_value', field.name, detail]);
  }
  for (const rule of spec.rules ?? []) {
    const ok = rule.ok.replace(/v\('(\w+)'\)/g, (_, name: string) => v(name));
    checks.push([`NOT (${ok})`, 'invalid_value', rule.field, rule.detail]);
  }
  return checks;
}

/**
 * Checks are numbered: the per-row multiIf returns a small integer (cheap to
 * evaluate) and one array lookup turns it into (reason, field, detail).
 */
class CheckTable {
  readonly entries: Check[] = [];
  multiIf(checks: readonly Check[], otherwise: string): string {
    if (checks.length === 0) return otherwise;
    const arms = checks.map((check) => {
      this.entries.push(check);
      return `${check[0]}, ${this.entries.length}`;
    });
    return `multiIf(${arms.join(',\n    ')},\n    ${otherwise})`;
  }
  /**
   * (reason, field, detail) of a check number; 0 gives ('', '', ''). `transform` over
   * constant arrays is a hash lookup; `arrayElement` of a constant array with a
   * per-row index would materialise the whole array for every row.
   */
  lookup(code: string): string {
    const codes = `[${this.entries.map((_, i) => i + 1).join(', ')}]`;
    const column = (k: 1 | 2 | 3) =>
      `transform(${code}, ${codes}, [${this.entries.map((e) => lit(e[k])).join(', ')}], '')`;
    return `(${column(1)}, ${column(2)}, ${column(3)})`;
  }
}

const OK = '0';

/**
 * The checks of a parsed row: envelope first, then the type's fields in the documented order.
 * The number of the failing check is computed once, in an inner query; the
 * (reason, field, detail) lookup reads that column (inlining the check
 * expression into each of the three lookups evaluated it three times).
 */
export function checkSql(specs: readonly EventSpec[] = EVENT_SPECS): {
  /** UInt16 number of the first failing check, 0 when the row is valid */
  readonly code: string;
  /** (reason, field, detail) of a row, given the column holding its code */
  readonly result: (codeColumn: string) => string;
} {
  const table = new CheckTable();
  const byType = `multiIf(${specs.map((spec) => `type = ${lit(spec.type)}, ${table.multiIf(typeChecks(spec), OK)}`).join(',\n  ')},\n  ${OK})`;
  const envelope: Check[] = [
    [`NOT utf8_ok`, 'invalid_encoding', '', 'the line is not valid UTF-8'],
    [`NOT json_ok`, 'invalid_json', '', 'the line is not a JSON object'],
    [`type = ''`, 'missing_field', 'type', 'type is required'],
    [
      `type NOT IN (${EVENT_TYPES.map(lit).join(', ')})`,
      'unknown_type',
      'type',
      `type must be one of ${EVENT_TYPES.join(', ')}`,
    ],
    ...(specs.length < EVENT_SPECS.length
      ? [
          [
            `type NOT IN (${specs.map((spec) => lit(spec.type)).join(', ')})`,
            NOT_EXTRACTED,
            'type',
            'fields not extracted',
          ] as const,
        ]
      : []),
    [`event_id = ''`, 'missing_field', 'event_id', 'event_id is required'],
    [
      `${NOT_SCALAR('event_id')} OR lengthUTF8(event_id) > 128`,
      'invalid_value',
      'event_id',
      'event_id must be a string of 1–128 characters',
    ],
    [`occurred_at_text = ''`, 'missing_field', 'occurred_at', 'occurred_at is required'],
    [
      `NOT match(occurred_at_text, ${lit(RFC3339)}) OR occurred_at IS NULL OR ` +
        `ifNull(toString(toDate32OrNull(substring(occurred_at_text, 1, 10))) != substring(occurred_at_text, 1, 10), 1)`,
      'invalid_value',
      'occurred_at',
      'occurred_at must be an RFC 3339 timestamp with Z or an offset',
    ],
  ];
  const code = table.multiIf(envelope, byType);
  return {
    code: `toUInt16(${code})`,
    // A reason found before parsing (CSV structure) wins over everything else.
    result: (codeColumn: string) =>
      `if(pre_reason != '', (pre_reason, '', pre_detail), ${table.lookup(codeColumn)})`,
  };
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

/**
 * The checks over the staged rows: one row in `bad` per line that fails one, with
 * its reason, field and detail (see checkSql). `types` as given to parseInsertSql.
 */
export function badInsertSql(stage: string, bad: string, types?: readonly string[]): string {
  const specs = specsOf(types);
  const check = checkSql(specs);
  return `INSERT INTO ${bad} (line, reason, field, detail)
SELECT line, chk.1, chk.2, chk.3
FROM (SELECT line, ${check.result('chk_code')} AS chk
  FROM (SELECT line, pre_reason, pre_detail, ${check.code} AS chk_code FROM ${withTypedValues(stage, specs)})
  WHERE chk_code != 0 OR pre_reason != '')`;
}

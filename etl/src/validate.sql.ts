/**
 * Pure SQL builders for the validating parse (SPEC §2): a source of raw lines
 * becomes the stage table, one row per line with the fields as a text map
 * (PII already hashed), the envelope typed, one quarantine reason (or '') and
 * a content hash of the typed, normalised values. Everything here runs inside
 * ClickHouse; Node only orchestrates.
 */
import { EVENT_TYPES } from '@collections/schema/domain';
import { EVENT_SPECS, PII_FIELD_NAMES, type EventSpec, type FieldSpec } from './events.ts';
import { hmacSql, maskRawSql } from './pii.ts';

/** The fixed, documented set of quarantine reasons (docs/ETL.md). */
export const QUARANTINE_REASONS = [
  'invalid_encoding',
  'invalid_json',
  'invalid_csv',
  'unknown_type',
  'missing_field',
  'invalid_value',
  'conflicting_duplicate',
] as const;
export type QuarantineReason = (typeof QUARANTINE_REASONS)[number];

/** Marker for a JSON object/array where a scalar was expected (the value itself is dropped). */
const NON_SCALAR = "'\\x01'";

const lit = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const v = (name: string) => `f[${lit(name)}]`;
const has = (name: string) => `mapContains(f, ${lit(name)})`;

export const STAGE_COLUMNS = `
  line UInt64,
  type LowCardinality(String),
  event_id String,
  occurred_at Nullable(DateTime64(3, 'UTC')),
  f Map(String, String),
  raw String,
  reason LowCardinality(String),
  field LowCardinality(String),
  detail String,
  content_hash UInt64`;

export function createStageSql(stage: string): string {
  return `CREATE TABLE ${stage} (${STAGE_COLUMNS}) ENGINE = MergeTree ORDER BY line`;
}

type Check = readonly [cond: string, reason: QuarantineReason, field: string, detail: string];

const RFC3339 =
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$';

/** Condition that a present value of `field` is NOT acceptable, with the detail to report. */
function badValue(field: FieldSpec): [string, string][] {
  const x = v(field.name);
  switch (field.kind) {
    case 'text':
      return [
        [
          `startsWith(${x}, ${NON_SCALAR}) OR lengthUTF8(${x}) > ${field.maxLength ?? 128}`,
          `${field.name} must be a string of 1–${field.maxLength ?? 128} characters`,
        ],
      ];
    case 'pii':
      return [[`startsWith(${x}, ${NON_SCALAR})`, `${field.name} must be a string`]];
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
          `NOT match(${x}, '^[0-9]{4}-[0-9]{2}-[0-9]{2}$') OR ifNull(toString(toDate32OrNull(${x})) != ${x}, 1)`,
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
          ? [`toDecimal64OrZero(${x}, 2) <= 0`, `${field.name} must be > 0`]
          : [`toDecimal64OrZero(${x}, 2) < 0`, `${field.name} must be ≥ 0`],
      ];
    case 'int':
      return [
        [`NOT match(${x}, '^-?[0-9]{1,18}$')`, `${field.name} must be an integer`],
        [
          `NOT (toInt64OrZero(${x}) BETWEEN ${field.min} AND ${field.max})`,
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

function multiIf(checks: readonly Check[], otherwise: string): string {
  if (checks.length === 0) return otherwise;
  const arms = checks.map(
    ([cond, reason, field, detail]) => `${cond}, (${lit(reason)}, ${lit(field)}, ${lit(detail)})`,
  );
  return `multiIf(${arms.join(',\n    ')},\n    ${otherwise})`;
}

const OK = "('', '', '')";

/** (reason, field, detail) of a parsed row: envelope first, then the type's fields in SPEC order. */
export function checkSql(): string {
  const byType = `multiIf(${EVENT_SPECS.map((spec) => `type = ${lit(spec.type)}, ${multiIf(typeChecks(spec), OK)}`).join(',\n  ')},\n  ${OK})`;
  const envelope: Check[] = [
    [`NOT utf8_ok`, 'invalid_encoding', '', 'the line is not valid UTF-8'],
    [`NOT json_ok`, 'invalid_json', '', 'the line is not a JSON object'],
    [`NOT ${has('type')}`, 'missing_field', 'type', 'type is required'],
    [
      `type NOT IN (${EVENT_TYPES.map(lit).join(', ')})`,
      'unknown_type',
      'type',
      `type must be one of ${EVENT_TYPES.join(', ')}`,
    ],
    [`NOT ${has('event_id')}`, 'missing_field', 'event_id', 'event_id is required'],
    [
      `startsWith(event_id, ${NON_SCALAR}) OR lengthUTF8(event_id) > 128`,
      'invalid_value',
      'event_id',
      'event_id must be a string of 1–128 characters',
    ],
    [`NOT ${has('occurred_at')}`, 'missing_field', 'occurred_at', 'occurred_at is required'],
    [
      `NOT match(${v('occurred_at')}, ${lit(RFC3339)}) OR occurred_at IS NULL OR ` +
        `ifNull(toString(toDate32OrNull(substring(${v('occurred_at')}, 1, 10))) != substring(${v('occurred_at')}, 1, 10), 1)`,
      'invalid_value',
      'occurred_at',
      'occurred_at must be an RFC 3339 timestamp with Z or an offset',
    ],
  ];
  // A reason found before parsing (CSV structure) wins over everything else.
  return `if(pre_reason != '', (pre_reason, '', pre_detail), ${multiIf(envelope, byType)})`;
}

function normalised(field: FieldSpec): string {
  const x =
    field.default !== undefined
      ? `if(${has(field.name)}, ${v(field.name)}, ${lit(field.default)})`
      : v(field.name);
  switch (field.kind) {
    case 'amount':
      return `toString(toDecimal64OrZero(${x}, 2))`;
    case 'int':
      return `toString(toInt64OrZero(${x}))`;
    default:
      return x;
  }
}

/** Hash of the typed, normalised content: key order, whitespace, 12.5 vs "12.50" make no difference. */
export function contentHashSql(): string {
  const perType = EVENT_SPECS.map(
    (spec) =>
      `type = ${lit(spec.type)}, sipHash64(${[`type`, `toUnixTimestamp64Milli(assumeNotNull(occurred_at))`, ...spec.fields.map(normalised)].join(', ')})`,
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
}

/** INSERT … SELECT from a raw-line source into the stage table. */
export function parseInsertSql(stage: string, source: ParseSource): string {
  const piiList = `[${PII_FIELD_NAMES.map(lit).join(', ')}]`;
  const hashed = source.piiHashed
    ? 'f0'
    : `mapApply((k, x) -> (k, if(has(${piiList}, k) AND NOT startsWith(x, ${NON_SCALAR}), ${hmacSql('x')}, x)), f0)`;
  return `INSERT INTO ${stage} (line, type, event_id, occurred_at, f, raw, reason, field, detail, content_hash)
SELECT line, type, event_id, occurred_at, f, ${maskRawSql('raw')}, chk.1, chk.2, chk.3,
  if(chk.1 = '', ${contentHashSql()}, toUInt64(0))
FROM (
  SELECT line, raw, pre_reason, pre_detail,
    if(startsWith(src_json, '\\xEF\\xBB\\xBF'), substring(src_json, 4), src_json) AS json,
    pre_reason != '' OR isValidUTF8(json) AS utf8_ok,
    utf8_ok AND isValidJSON(json) AND startsWith(trimLeft(json), '{') AS json_ok,
    arrayFilter(kv -> kv.2 NOT IN ('null', '""'), if(json_ok AND pre_reason = '', JSONExtractKeysAndValuesRaw(json), [])) AS kvs,
    mapFromArrays(
      arrayMap(kv -> kv.1, kvs),
      arrayMap(kv -> multiIf(startsWith(kv.2, '"'), JSONExtractString(kv.2), startsWith(kv.2, '{') OR startsWith(kv.2, '['), ${NON_SCALAR}, kv.2), kvs)
    ) AS f0,
    ${hashed} AS f,
    f['type'] AS type,
    substring(f['event_id'], 1, 256) AS event_id,
    parseDateTime64BestEffortOrNull(f['occurred_at'], 3, 'UTC') AS occurred_at,
    ${checkSql()} AS chk
  FROM (SELECT line, raw, json AS src_json, pre_reason, pre_detail FROM ${source.from})
  WHERE NOT empty(trimBoth(src_json)) OR pre_reason != ''
)`;
}

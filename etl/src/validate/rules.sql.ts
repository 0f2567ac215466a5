/**
 * The validation rules (docs/etl.md, "Validation rules", "Quarantine reasons"): the
 * checks of a parsed row, envelope first, then its type's fields, and the insert of
 * the failing lines with one reason each. Pure SQL text over the stage's columns.
 */
import { EVENT_TYPES } from '@collections/schema/domain';
import { EVENT_SPECS, type EventSpec, type FieldSpec } from '../events.ts';
import { withTypedValues } from './parse.sql.ts';
import { has, lit, n, NOT_EXTRACTED, NOT_SCALAR, specsOf, v } from './stage-layout.sql.ts';

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

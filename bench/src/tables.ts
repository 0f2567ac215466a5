/**
 * The event tables of docs/etl.md for PostgreSQL and DuckDB, derived from the one
 * table list in @collections/schema/tables so the engines can never drift apart.
 * PII hash columns and load ids are left out: no metric reads them, and the
 * comparison engines never see raw PII either (those fields are not loaded).
 *
 * Loading mirrors the ETL's rules closely enough for the metrics to agree
 * (docs/benchmarks.md): rows that are not JSON, have an unknown type, miss a
 * required field or carry an unparseable or negative value are skipped (the ETL
 * quarantines them), and the first occurrence of an event_id wins.
 */
import { EVENT_TABLES } from '@collections/schema/tables';

export type Dialect = 'postgres' | 'duckdb';
type Kind = 'text' | 'money' | 'instant' | 'date' | 'int';

export interface BenchColumn {
  readonly name: string;
  readonly kind: Kind;
  /** SQL literal used when the field is absent; undefined = required. */
  readonly default?: string;
  /** Amounts that must be > 0 (docs/etl.md), not just ≥ 0. */
  readonly positive?: boolean;
}

/** Optional fields of docs/etl.md and their defaults ('' for strings, documented default for numbers). */
const OPTIONAL: Record<string, Record<string, string>> = {
  account_opened: { risk_grade: "''", utc_offset_minutes: '480' },
  agent_registered: { site: "''", hired_on: 'NULL' },
  case_opened: { experiment: "''", arm_role: "''", segment: "''" },
  contact_attempt: { agent_id: "''", duration_s: '0', cost: '0' },
  promise_to_pay: { agent_id: "''" },
  payment: { case_id: "''", method: "''" },
  legal_action: { cost: '0' },
};
const POSITIVE = new Set(['promise_to_pay.amount', 'payment.amount', 'payment_plan.total_amount']);

function kindOf(chType: string): Kind {
  if (chType.startsWith('Decimal')) return 'money';
  if (chType.startsWith('DateTime64')) return 'instant';
  if (chType.includes('Date32')) return 'date';
  if (/^U?Int\d+$/.test(chType)) return 'int';
  return 'text';
}

export type TableName = keyof typeof EVENT_TABLES;
export const TABLE_NAMES = Object.keys(EVENT_TABLES) as TableName[];

export function benchColumns(table: TableName): BenchColumn[] {
  return EVENT_TABLES[table].columns
    .filter((c) => c.name !== 'load_id' && !c.name.endsWith('_hash'))
    .map((c) => {
      const def = OPTIONAL[table]?.[c.name];
      return {
        name: c.name,
        kind: kindOf(c.type),
        ...(def !== undefined ? { default: def } : {}),
        ...(POSITIVE.has(`${table}.${c.name}`) ? { positive: true } : {}),
      };
    });
}

/** Every field name that appears in any event (the staging columns). */
export function allFields(): string[] {
  const names = new Set<string>(['type']);
  for (const t of TABLE_NAMES) for (const c of benchColumns(t)) names.add(c.name);
  return [...names].sort();
}

const SQL_TYPE: Record<Kind, string> = {
  text: 'TEXT',
  money: 'NUMERIC(18, 2)',
  instant: 'TIMESTAMPTZ',
  date: 'DATE',
  int: 'BIGINT',
};

export function createTableSql(table: TableName): string {
  const cols = benchColumns(table).map((c) => `${c.name} ${SQL_TYPE[c.kind]}`);
  return `CREATE TABLE ${table} (${cols.join(', ')})`;
}

/** Indexes a PostgreSQL DBA would add for these queries (DuckDB relies on zone maps). */
export const PG_INDEXES = [
  'CREATE INDEX ON account_snapshot (account_id, as_of, occurred_at)',
  'CREATE INDEX ON account_snapshot (as_of)',
  'CREATE INDEX ON case_opened (case_id)',
  'CREATE INDEX ON case_closed (case_id)',
  'CREATE INDEX ON case_closed (occurred_at)',
  'CREATE INDEX ON case_assigned (case_id, occurred_at)',
  'CREATE INDEX ON contact_attempt (occurred_at)',
  'CREATE INDEX ON contact_attempt (case_id, occurred_at)',
  'CREATE INDEX ON promise_to_pay (case_id, occurred_at)',
  'CREATE INDEX ON payment (case_id, occurred_at)',
  'CREATE INDEX ON payment (occurred_at)',
  'CREATE INDEX ON account_opened (account_id)',
  'CREATE INDEX ON agent_registered (agent_id)',
];

/**
 * Typed value of staging column `field` (a text column of `staging`), or NULL
 * when it does not parse. Regex guards keep PostgreSQL casts from raising.
 */
function typedSql(dialect: Dialect, field: string, kind: Kind): string {
  if (dialect === 'duckdb') {
    return kind === 'text' ? field : `TRY_CAST(${field} AS ${SQL_TYPE[kind]})`;
  }
  switch (kind) {
    case 'text':
      return field;
    case 'money':
      return `CASE WHEN ${field} ~ '^-?[0-9]+(\\.[0-9]{1,2})?$' THEN ${field}::NUMERIC(18, 2) END`;
    case 'int':
      return `CASE WHEN ${field} ~ '^-?[0-9]{1,15}$' THEN ${field}::BIGINT END`;
    case 'date':
      return `CASE WHEN ${field} ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' THEN ${field}::DATE END`;
    case 'instant':
      return (
        `CASE WHEN ${field} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$' ` +
        `THEN date_trunc('milliseconds', ${field}::TIMESTAMPTZ) END`
      );
  }
}

/**
 * INSERT … SELECT from the staging relation `staging` (text columns named after
 * the fields, plus `type` and `first_seen` = first occurrence of its event_id)
 * into `table`: only rows of its type, all required fields present and valid.
 * Each typed value is computed once in an inner query (PostgreSQL: fenced with
 * OFFSET 0, or the planner would inline it and run each regex guard 2–3 times).
 */
export function insertFromStagingSql(dialect: Dialect, table: TableName, staging: string): string {
  const cols = benchColumns(table);
  const inner = cols.map(
    (c) => `${typedSql(dialect, c.name, c.kind)} AS t_${c.name}, ${c.name} AS r_${c.name}`,
  );
  const exprs = cols.map((c) =>
    c.default !== undefined ? `COALESCE(t_${c.name}, ${c.default})` : `t_${c.name}`,
  );
  const checks = cols.flatMap((c) => {
    const out: string[] = [];
    if (c.default === undefined) out.push(`t_${c.name} IS NOT NULL`);
    else out.push(`(r_${c.name} IS NULL OR t_${c.name} IS NOT NULL)`);
    if ((c.kind === 'money' || c.kind === 'int') && c.name !== 'utc_offset_minutes')
      out.push(`COALESCE(t_${c.name}, 0) ${c.positive ? '>' : '>='} 0`);
    return out;
  });
  return (
    `INSERT INTO ${table} (${cols.map((c) => c.name).join(', ')}) ` +
    `SELECT ${exprs.join(', ')} FROM (SELECT ${inner.join(', ')} FROM ${staging} ` +
    `WHERE type = '${table}' AND first_seen${dialect === 'postgres' ? ' OFFSET 0' : ''}) AS typed ` +
    `WHERE ${checks.join(' AND ')}`
  );
}

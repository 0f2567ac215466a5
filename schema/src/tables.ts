/**
 * Every table of docs/etl.md as data (see ddl.ts for rendering). Conventions:
 * - amounts are Decimal(18,2), instants DateTime64(3,'UTC'), dates Date32;
 * - an absent optional string is stored as '' (docs/metrics/README.md: "a missing value groups
 *   as the empty string"); an absent optional number has its documented default;
 * - every event row carries its envelope (event_id, occurred_at) and the
 *   load_id of the load that wrote it, so a crashed load can be undone exactly;
 * - PII columns hold HMAC-SHA-256 hex digests only (suffix `_hash`).
 */
import type { ColumnDef, SkipIndex, TableDef } from './ddl.ts';

const MONEY = 'Decimal(18, 2)';
const INSTANT = "DateTime64(3, 'UTC')";
const DICT = 'LowCardinality(String)';

const envelope: ColumnDef[] = [
  { name: 'event_id', type: 'String' },
  { name: 'occurred_at', type: INSTANT },
];
const loadColumns: ColumnDef[] = [
  { name: 'load_id', type: 'UUID', comment: 'load that wrote the row (load_ledger)' },
];

/**
 * Every event table's set of load_ids per granule: a read of the loads' rows (`load_id IN
 * …`: the refresh's bounds and key sets, recovery) skips the granules of other loads,
 * where it scanned load_id in every part (a granule holds one load's rows until merges
 * mix a few). At scale M the bounds query of one day's load read 0.55 CPU-s without it
 * and 0.17 with it.
 */
export const LOAD_INDEX: SkipIndex = {
  name: 'load_idx',
  expr: 'load_id',
  type: 'set(8)',
  granularity: 1,
};

function eventTable(
  name: string,
  fields: ColumnDef[],
  layout: Pick<TableDef, 'orderBy' | 'partitionBy' | 'shardKey' | 'why'>,
): TableDef {
  return {
    name,
    engine: 'MergeTree',
    columns: [...envelope, ...fields, ...loadColumns],
    indexes: [LOAD_INDEX],
    ...layout,
  };
}

/**
 * Cluster profile: one account's events and cases share a shard (docs/decisions/008-cluster-derived.md).
 * Case events other than case_opened carry no account: they have no shard key, and the
 * loader writes each into the `_local` table of its case's account's shard.
 */
const byAccount = 'sipHash64(account_id)';

export const EVENT_TABLES = {
  account_opened: eventTable(
    'account_opened',
    [
      { name: 'account_id', type: 'String' },
      { name: 'customer_hash', type: 'String', comment: 'HMAC-SHA-256 of customer_id' },
      { name: 'product', type: DICT },
      { name: 'portfolio', type: DICT },
      { name: 'region', type: DICT },
      { name: 'opened_on', type: 'Date32' },
      { name: 'principal', type: MONEY },
      { name: 'risk_grade', type: DICT },
      { name: 'utc_offset_minutes', type: 'Int16', default: '480' },
      { name: 'customer_name_hash', type: 'String' },
      { name: 'phone_hash', type: 'String' },
      { name: 'national_id_hash', type: 'String' },
    ],
    {
      orderBy: '(account_id, occurred_at)',
      shardKey: byAccount,
      why: 'Account dimension: looked up by account_id (joins from snapshots, cases, payments); latest occurred_at wins.',
    },
  ),
  agent_registered: eventTable(
    'agent_registered',
    [
      { name: 'agent_id', type: 'String' },
      { name: 'name', type: 'String' },
      { name: 'team', type: DICT },
      { name: 'site', type: DICT },
      { name: 'hired_on', type: 'Nullable(Date32)' },
    ],
    {
      orderBy: '(agent_id, occurred_at)',
      shardKey: 'sipHash64(agent_id)',
      why: 'Agent dimension (small): looked up by agent_id; latest occurred_at wins.',
    },
  ),
  account_snapshot: eventTable(
    'account_snapshot',
    [
      { name: 'account_id', type: 'String' },
      { name: 'as_of', type: 'Date32' },
      { name: 'dpd', type: 'UInt32' },
      { name: 'balance', type: MONEY },
      { name: 'amount_due', type: MONEY },
      { name: 'status', type: DICT },
    ],
    {
      orderBy: '(account_id, as_of, occurred_at)',
      partitionBy: 'toYYYYMM(as_of)',
      shardKey: byAccount,
      why: 'Month-end state per account (docs/metrics/README.md): monthly partitions prune by as_of; rows of one account sit together, latest (as_of, occurred_at) last.',
    },
  ),
  case_opened: eventTable(
    'case_opened',
    [
      { name: 'case_id', type: 'String' },
      { name: 'account_id', type: 'String' },
      { name: 'strategy', type: DICT },
      { name: 'experiment', type: DICT },
      { name: 'arm_role', type: DICT },
      { name: 'segment', type: DICT },
      { name: 'entry_dpd', type: 'UInt32' },
      { name: 'entry_balance', type: MONEY },
    ],
    {
      orderBy: '(case_id, occurred_at)',
      shardKey: byAccount,
      why: 'Case dimension: joined by case_id from every case event; cohorts filter by occurred_at.',
    },
  ),
  case_assigned: eventTable(
    'case_assigned',
    [
      { name: 'case_id', type: 'String' },
      { name: 'agent_id', type: 'String' },
    ],
    {
      orderBy: '(case_id, occurred_at)',
      why: 'Holder of a case over time (docs/metrics/README.md#attribution): ASOF JOIN on (case_id, occurred_at).',
    },
  ),
  contact_attempt: eventTable(
    'contact_attempt',
    [
      { name: 'case_id', type: 'String' },
      { name: 'agent_id', type: 'String', comment: "'' for automated channels" },
      { name: 'channel', type: DICT },
      { name: 'outcome', type: DICT },
      { name: 'duration_s', type: 'UInt32', default: '0' },
      { name: 'cost', type: MONEY, default: '0' },
    ],
    {
      orderBy: '(case_id, occurred_at)',
      partitionBy: 'toYYYYMM(occurred_at)',
      why: 'Largest fact table: period filters prune monthly partitions; per-case time order serves compliance windows and payment crediting.',
    },
  ),
  promise_to_pay: eventTable(
    'promise_to_pay',
    [
      { name: 'ptp_id', type: 'String' },
      { name: 'case_id', type: 'String' },
      { name: 'agent_id', type: 'String' },
      { name: 'amount', type: MONEY },
      { name: 'due_on', type: 'Date32' },
    ],
    {
      orderBy: '(case_id, occurred_at)',
      why: 'Promise windows are matched against payments of the same case: sorted by case.',
    },
  ),
  payment: eventTable(
    'payment',
    [
      { name: 'payment_id', type: 'String' },
      { name: 'account_id', type: 'String' },
      { name: 'case_id', type: 'String', comment: "'' when the payment has no case" },
      { name: 'amount', type: MONEY },
      { name: 'method', type: DICT },
    ],
    {
      orderBy: '(case_id, occurred_at)',
      partitionBy: 'toYYYYMM(occurred_at)',
      shardKey: byAccount,
      why: 'Collections by period (monthly partitions) and by case in time order (promises, recoveries, attribution).',
    },
  ),
  payment_plan: eventTable(
    'payment_plan',
    [
      { name: 'plan_id', type: 'String' },
      { name: 'case_id', type: 'String' },
      { name: 'kind', type: DICT },
      { name: 'installments', type: 'UInt32' },
      { name: 'total_amount', type: MONEY },
      { name: 'first_due_on', type: 'Date32' },
    ],
    {
      orderBy: '(case_id, occurred_at)',
      why: 'Plans joined to their case and its payments by case_id.',
    },
  ),
  legal_action: eventTable(
    'legal_action',
    [
      { name: 'case_id', type: 'String' },
      { name: 'action', type: DICT },
      { name: 'cost', type: MONEY, default: '0' },
    ],
    {
      orderBy: '(case_id, occurred_at)',
      why: 'Legal stage per case: latest action by case in time order.',
    },
  ),
  case_closed: eventTable(
    'case_closed',
    [
      { name: 'case_id', type: 'String' },
      { name: 'outcome', type: DICT },
    ],
    {
      orderBy: '(case_id, occurred_at)',
      why: 'Closures joined to cases by case_id; periods filter by occurred_at.',
    },
  ),
} as const satisfies Record<string, TableDef>;

/** Every loaded event_id with a hash of its typed content: the exactly-once and conflict check (docs/etl.md). */
export const EVENT_INDEX: TableDef = {
  name: 'event_index',
  engine: 'MergeTree',
  columns: [
    { name: 'event_id', type: 'String' },
    { name: 'type', type: DICT },
    {
      name: 'content_hash',
      type: 'UInt64',
      comment: 'hash of the typed, normalised event content',
    },
    { name: 'source_file', type: 'String' },
    { name: 'source_line', type: 'UInt64' },
    ...loadColumns,
  ],
  orderBy: 'event_id',
  shardKey: 'sipHash64(event_id)',
  why: 'Point and semi-join lookups by event_id during every load.',
};

/** Rows that could not be loaded, with why (docs/etl.md: never silently dropped). */
export const QUARANTINE: TableDef = {
  name: 'quarantine',
  engine: 'MergeTree',
  columns: [
    { name: 'source_file', type: 'String' },
    { name: 'line', type: 'UInt64', comment: '1-based line (CSV: record) number in the file' },
    { name: 'reason', type: DICT, comment: 'machine-readable reason, see docs/etl.md' },
    { name: 'field', type: DICT, comment: "offending field, '' when not field-specific" },
    { name: 'detail', type: 'String' },
    { name: 'event_id', type: 'String', comment: "'' when it could not be read" },
    { name: 'raw', type: 'String', comment: 'the raw line with PII fields masked' },
    { name: 'quarantined_at', type: INSTANT, default: 'now64(3)' },
    ...loadColumns,
  ],
  orderBy: '(source_file, line)',
  shardKey: 'sipHash64(source_file)',
  why: 'Browsed per file and line; counted by reason.',
};

/** One row per load of one file and per state change (ReplacingMergeTree keeps the latest). */
export const LOAD_LEDGER: TableDef = {
  name: 'load_ledger',
  engine: 'ReplacingMergeTree(updated_at)',
  columns: [
    { name: 'load_id', type: 'UUID' },
    { name: 'path', type: 'String' },
    { name: 'size', type: 'UInt64' },
    { name: 'content_hash', type: 'String', comment: 'SHA-256 of the file bytes' },
    { name: 'status', type: DICT, comment: 'loading | loaded | done | failed' },
    { name: 'started_at', type: INSTANT },
    { name: 'updated_at', type: INSTANT },
    { name: 'rows', type: 'UInt64', default: '0' },
    { name: 'loaded', type: 'UInt64', default: '0' },
    { name: 'duplicates', type: 'UInt64', default: '0' },
    { name: 'quarantined', type: 'UInt64', default: '0' },
    { name: 'detail', type: 'String', default: "''" },
  ],
  orderBy: 'load_id',
  shardKey: 'sipHash64(load_id)',
  why: 'Re-load detection by content hash and crash recovery by status; small.',
};

export const SCHEMA_MIGRATIONS: TableDef = {
  name: 'schema_migrations',
  engine: 'MergeTree',
  columns: [
    { name: 'version', type: 'UInt32' },
    { name: 'name', type: 'String' },
    { name: 'checksum', type: 'String' },
    { name: 'applied_at', type: INSTANT, default: 'now64(3)' },
  ],
  orderBy: 'version',
  shardKey: 'version',
  why: 'Applied migrations, one row each.',
};

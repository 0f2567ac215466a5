/**
 * `dimension_values`: every distinct value each load brought for the filter
 * dimensions of accounts (portfolio, product, region, risk_grade from
 * account_opened) and cases (segment, strategy, experiment from case_opened),
 * so that the dashboard's filter lists are a GROUP BY over a few hundred rows
 * instead of a scan of every opening.
 *
 * Semantics: a value is listed once any loaded opening carries it (not only
 * each account's latest), as the dimensions query always did. Values only
 * accumulate: events are never deleted once committed, so the union over the
 * committed loads is the set of values. Refresh: one row per (kind, value,
 * load) of the given loads, written only when the table does not hold it yet: a
 * load refreshed again (the rerun after a crash in the refresh phase) adds nothing.
 */
import type { Db } from '../../db.ts';
import type { TableDef } from '../../ddl.ts';
import type { DerivedTable, RefreshContext } from '../index.ts';
import { mayHold, PATCH_PARTS } from '../refresh-steps.ts';

export const DIMENSION_VALUES: TableDef = {
  name: 'dimension_values',
  engine: 'MergeTree',
  settings: PATCH_PARTS,
  columns: [
    {
      name: 'kind',
      type: 'LowCardinality(String)',
      comment: 'portfolios, products, regions, riskGrades, segments, strategies, experiments',
    },
    { name: 'value', type: 'String', comment: 'a non-empty value' },
    { name: 'load_id', type: 'UUID', comment: 'load that brought it' },
  ],
  orderBy: '(kind, value)',
  why: 'Filter lists of the dashboard: a few hundred rows, read whole.',
};

/** kind → [event table, column]: the only identifiers that reach SQL. */
export const DIMENSION_SOURCES = {
  portfolios: ['account_opened', 'portfolio'],
  products: ['account_opened', 'product'],
  regions: ['account_opened', 'region'],
  riskGrades: ['account_opened', 'risk_grade'],
  segments: ['case_opened', 'segment'],
  strategies: ['case_opened', 'strategy'],
  experiments: ['case_opened', 'experiment'],
} as const;

/**
 * The insert reading the openings of `kinds` (default every kind): a refresh leaves out
 * the kinds of an event table its loads hold no row of (mayHold).
 */
export function dimensionValuesInsertSql(
  kinds: readonly (keyof typeof DIMENSION_SOURCES)[] = DIMENSION_KINDS,
): string {
  return `
INSERT INTO dimension_values (kind, value, load_id)
SELECT kind, value, load_id FROM (
${kinds
  .map((kind) => {
    const [table, column] = DIMENSION_SOURCES[kind];
    return `SELECT '${kind}' AS kind, toString(${column}) AS value, load_id FROM ${table}
WHERE load_id IN {loadIds:Array(UUID)} AND value != '' GROUP BY value, load_id`;
  })
  .join('\nUNION ALL\n')}
)
-- idempotent: rows an earlier refresh of the same loads wrote are not written again
WHERE (kind, value, load_id) NOT IN (
  SELECT kind, value, load_id FROM dimension_values WHERE load_id IN {loadIds:Array(UUID)}
)`;
}

const DIMENSION_KINDS = Object.keys(DIMENSION_SOURCES) as (keyof typeof DIMENSION_SOURCES)[];

export const DIMENSION_VALUES_INSERT_SQL = dimensionValuesInsertSql();

export const dimensionValues: DerivedTable = {
  name: DIMENSION_VALUES.name,
  table: DIMENSION_VALUES,
  shard: 'partial',
  lookBack: { kind: 'none', why: 'one row per value and load' },
  reads: ['account_opened', 'case_opened'],
  async refresh(db: Pick<Db, 'client'>, context: RefreshContext): Promise<void> {
    if (context.loadIds.length === 0) return;
    const kinds = DIMENSION_KINDS.filter((kind) => mayHold(context, DIMENSION_SOURCES[kind][0]));
    if (kinds.length === 0) return;
    await db.client.command({
      query: dimensionValuesInsertSql(kinds),
      query_params: { loadIds: [...context.loadIds] },
    });
  },
};

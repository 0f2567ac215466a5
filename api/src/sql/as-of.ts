/**
 * SPEC §4 As-of: the latest `occurred_at` loaded. A scalar subquery any metric
 * can embed (maturity, pending promises). max() of the partition column is
 * answered from part metadata on the partitioned tables.
 */
import { EVENT_TYPES } from '@collections/schema';

export const AS_OF_INSTANT_SQL = `(SELECT max(t) FROM (${EVENT_TYPES.map(
  (table) => `SELECT max(occurred_at) AS t FROM ${table}`,
).join(' UNION ALL ')}))`;

/** The as-of date in the reporting time zone, given the SQL of a String time zone parameter. */
export function asOfDateSql(tzParam: string): string {
  return `toDate(${AS_OF_INSTANT_SQL}, ${tzParam})`;
}

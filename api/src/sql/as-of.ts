/**
 * docs/metrics/README.md#as-of: the latest `occurred_at` loaded. A scalar subquery any metric
 * can embed (maturity, pending promises). Read from `data_as_of` (one row per
 * committed load, written by the refresher in schema/src/derived/data-as-of/index.ts)
 * instead of a max() over all eleven event tables.
 */
export const AS_OF_INSTANT_SQL = `(SELECT max(max_occurred_at) FROM data_as_of)`;

/** The as-of date in the reporting time zone, given the SQL of a String time zone parameter. */
export function asOfDateSql(tzParam: string): string {
  return `toDate(${AS_OF_INSTANT_SQL}, ${tzParam})`;
}

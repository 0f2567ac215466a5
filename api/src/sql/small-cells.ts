/**
 * Small cells (docs/api.md "Small cells"): for the viewer role, the rows of
 * every group of fewer than {min_cases:UInt32} rows (cases, plans) are merged
 * into one group whose key values are all SUPPRESSED_KEY, so no group can
 * single out a case. The merged group is computed over its rows (medians stay
 * exact); SUPPRESSED_GROUPS_SQL counts the groups it merges.
 */
export const SUPPRESSED_KEY = '*';

/**
 * `rows` (a subquery with an Array(String) column `raw_key` and `columns`) with
 * `key` = raw_key, or all SUPPRESSED_KEY when raw_key's group is small, and `small`.
 */
export function smallCellsSql(rows: string, columns: readonly string[]): string {
  const list = columns.join(', ');
  return `
    SELECT if(small, arrayMap(x -> '${SUPPRESSED_KEY}', raw_key), raw_key) AS key, small, raw_key, ${list}
    FROM (
      SELECT raw_key, count() OVER (PARTITION BY raw_key) < {min_cases:UInt32} AS small, ${list}
      FROM (${rows})
    )`;
}

/** Aggregate over a group of smallCellsSql rows: how many small groups it merges (0 for others). */
export const SUPPRESSED_GROUPS_SQL = 'if(max(small), uniqExact(raw_key), 0)';

/** Whether to suppress: a minimum above 1 (SMALL_CELL_MIN_CASES for viewers). */
export function suppresses(minCases: number | undefined): minCases is number {
  return (minCases ?? 1) > 1;
}

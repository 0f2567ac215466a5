/**
 * Replace by partition: a refresh bounded to a few months writes the new content of
 * those months' partitions into a stage table shaped like the target (CREATE TABLE … AS:
 * same columns, sort key, partition key and projections), then swaps each partition in
 * with ALTER TABLE … REPLACE PARTITION: atomic per partition, no mutation, and a cost
 * that follows the partitions' size, not the table's (docs/decisions/001). A lightweight
 * DELETE instead is a mutation over the table's parts, and account_month's projection
 * is rebuilt for each part it touches (lightweight_mutation_projection_mode = 'rebuild').
 *
 * Crash safety: a kill before a swap leaves the target as it was (the stage is dropped
 * by the next refresh of the table); a kill between two swaps leaves some months new
 * and some old, and the rerun of the loads' refresh rewrites them all again.
 */
import type { Db } from '../db.ts';

/** First days of the months from `from` to `to` (YYYY-MM-DD strings), both included. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const [y0, m0] = from.split('-').map(Number) as [number, number];
  const [y1, m1] = to.split('-').map(Number) as [number, number];
  for (let i = y0 * 12 + m0 - 1; i <= y1 * 12 + m1 - 1; i += 1)
    out.push(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`);
  return out;
}

/**
 * Fill a stage table like `table` (`fill` gets its name and writes every row the months
 * must hold), then replace the partitions `toYYYYMM(month)` of `months` in `table` by
 * the stage's. The stage is dropped at the end, and first if a crash left one.
 */
export async function replaceMonthPartitions(
  db: Pick<Db, 'client'>,
  table: string,
  months: readonly string[],
  fill: (stage: string) => Promise<void>,
): Promise<void> {
  const stage = `${table}_stage`;
  const run = (query: string) => db.client.command({ query });
  await run(`DROP TABLE IF EXISTS ${stage}`);
  await run(`CREATE TABLE ${stage} AS ${table}`);
  try {
    await fill(stage);
    for (const month of months) {
      const id = month.slice(0, 7).replace('-', '');
      // computed from dates above, never from input: six digits or nothing reaches SQL
      if (!/^\d{6}$/.test(id)) throw new Error(`not a month partition: ${month}`);
      // a month left without rows (every row was a rewritten account's, none recomputed)
      // must be emptied: ClickHouse refuses an empty source unless told
      await db.client.command({
        query: `ALTER TABLE ${table} REPLACE PARTITION ID '${id}' FROM ${stage}`,
        clickhouse_settings: { allow_replace_partition_from_empty_source: 1 },
      });
    }
  } finally {
    await run(`DROP TABLE IF EXISTS ${stage}`);
  }
}

/**
 * Per line range of the careful path (careful.ts): whether the range needs a duplicate
 * verdict, and its counts once written.
 */
import { queryRows, type Db } from '@collections/schema';
import {
  chunkCountsSql,
  chunkKeysSql,
  indexHitSql,
  indexProbeSql,
  quarantinedCountSql,
  type Scratch,
} from './insert.sql.ts';
import type { LedgerCounts } from '../ledger.ts';
import type { Params } from './scratch.ts';

/**
 * Whether a line range needs no duplicate verdict: its valid event_ids are distinct and
 * none is in event_index. event_index is probed by the range's smallest and largest id
 * first (a primary-key read of at most a granule); only when that finds a stored id in
 * between does the semi-join of all the range's ids run.
 */
export async function chunkKeys(
  db: Db,
  t: Scratch,
  params: Params,
): Promise<{ allNew: boolean; n: number }> {
  const [k] = await queryRows<{ n: string; distinct: string; lo: string; hi: string }>(
    db,
    chunkKeysSql(t),
    params,
  );
  const n = Number(k?.n ?? 0);
  if (n === 0) return { allNew: true, n };
  if (Number(k?.distinct) !== n) return { allNew: false, n };
  const [probe] = await queryRows<{ n: string }>(db, indexProbeSql(), {
    key_lo: k?.lo,
    key_hi: k?.hi,
  });
  if (Number(probe?.n ?? 0) === 0) return { allNew: true, n };
  const [hit] = await queryRows<{ n: string }>(db, indexHitSql(t), params);
  return { allNew: Number(hit?.n ?? 0) === 0, n };
}

/** Adds a finished line range's counts (rows, loaded, duplicates, quarantined by reason). */
export async function addChunkCounts(
  db: Db,
  t: Scratch,
  allNew: boolean,
  params: Params,
  into: { counts: Mutable<LedgerCounts>; reasons: Record<string, number> },
): Promise<void> {
  const { counts, reasons } = into;
  const [c] = await queryRows<{
    rows: string;
    loaded: string;
    duplicates: string;
    conflicts: string;
    reasons: [string, string][];
  }>(db, chunkCountsSql(t, allNew), params);
  if (!c) return;
  counts.rows += Number(c.rows);
  counts.loaded += Number(c.loaded);
  counts.duplicates += Number(c.duplicates);
  const conflicts = Number(c.conflicts);
  if (conflicts > 0)
    reasons.conflicting_duplicate = (reasons.conflicting_duplicate ?? 0) + conflicts;
  counts.quarantined += conflicts;
  for (const [reason, n] of c.reasons) {
    reasons[reason] = (reasons[reason] ?? 0) + Number(n);
    counts.quarantined += Number(n);
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Whether a line range has rows for quarantine (invalid, or conflicting duplicates). */
export async function hasQuarantined(db: Db, t: Scratch, params: Params): Promise<boolean> {
  const [row] = await queryRows<{ n: string }>(db, quarantinedCountSql(t), params);
  return Number(row?.n ?? 0) > 0;
}

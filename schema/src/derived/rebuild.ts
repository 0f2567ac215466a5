/**
 * Rebuild of every derived table from the base tables (`pnpm etl rebuild`): after a
 * derived table's definition changes, or to check that the refreshes after each load
 * left what one refresh of everything gives. Every derived table is emptied, then
 * refreshed once for every committed load (ledger `loaded` or `done`; an interrupted
 * load's rows are not counted). Killed half-way, the tables are incomplete until the
 * rebuild is run again: it starts from empty tables each time.
 */
import { queryRows, type Db } from '../db.ts';
import { DERIVED_TABLES, refreshDerived, type RefreshContext } from './index.ts';

/** Load ids whose latest ledger state says their events are stored. */
const COMMITTED_LOADS_SQL = `
SELECT toString(load_id) AS id FROM load_ledger
GROUP BY load_id HAVING argMax(status, updated_at) IN ('loaded', 'done')`;

/** `options.rowsPerSlice`: the refresh's slices (tests make them small). */
export async function rebuildDerived(
  db: Pick<Db, 'client'>,
  options: Pick<RefreshContext, 'rowsPerSlice'> = {},
): Promise<{ loads: number }> {
  const loads = (await queryRows<{ id: string }>(db, COMMITTED_LOADS_SQL)).map((r) => r.id);
  const names = DERIVED_TABLES.map((t) => t.name);
  for (const name of names) await db.client.command({ query: `TRUNCATE TABLE ${name}` });
  await refreshDerived(db, { ...options, loadIds: loads, emptyTables: new Set(names) });
  return { loads: loads.length };
}

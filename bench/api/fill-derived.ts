/**
 * `pnpm exec tsx bench/api/fill-derived.ts <chdb-dir> [table…]`: migrate a COPY of a
 * loaded database and refresh the named derived tables (default: all) over every
 * finished load in its ledger, timing each. Used to bring a database loaded by an
 * older version (e.g. the scale-M snapshot) up to date before timing queries.
 */
import { loadEnv, migrate, openDb, queryRows } from '@collections/schema';
import { DERIVED_TABLES } from '@collections/schema/derived';

const [dir, ...names] = process.argv.slice(2);
if (!dir) throw new Error('usage: fill-derived.ts <chdb-dir> [table…]');
const db = await openDb(loadEnv({ CHDB_PATH: dir }));
await migrate(db);
const loadIds = (
  await queryRows<{ id: string }>(
    db,
    "SELECT toString(load_id) AS id FROM load_ledger GROUP BY load_id HAVING argMax(status, updated_at) IN ('loaded', 'done')",
  )
).map((r) => r.id);
for (const table of DERIVED_TABLES.filter((t) => names.length === 0 || names.includes(t.name))) {
  const t0 = performance.now();
  await table.refresh(db, { loadIds });
  console.log(
    `${table.name}: ${((performance.now() - t0) / 1000).toFixed(1)} s over ${loadIds.length} loads`,
  );
}
await db.close();

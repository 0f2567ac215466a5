/**
 * Test helper run as a child process by crash.test.ts (args KILL_AT CHUNK_ROWS ONE_PASS
 * PATHS...): loads PATHS into the
 * embedded database in CHDB_PATH and, when KILL_AT is `step#n`, SIGKILLs itself
 * right after the n-th occurrence of that load step, or, when it is
 * `insert:<table>`, right after the first INSERT into that derived table (inside
 * its refresh, before the stale rows are deleted), `delete:<table>` right after its
 * first DELETE, `replace:<table>` after its first REPLACE PARTITION: a crash, not an
 * error, so nothing gets to clean up. Otherwise prints the summary, the event tables'
 * counts and a fingerprint of every derived table as JSON.
 * Each step is announced on stderr (`step:name#n`) for kills timed from a step.
 */
import { EVENT_TABLES, loadEnv, migrate, openDb, queryRows } from '@collections/schema';
import { derivedFingerprints } from '@collections/schema/testing';
import { loadPaths, type LoadOptions } from '../load/index.ts';

const [killAt = 'none', chunk = '4', onePass = 'always', ...paths] = process.argv.slice(2);
const env = loadEnv();
const db = await openDb(env);
await migrate(db);
/** The statement a `<verb>:<table>` kill point follows (the table's name is checked below). */
const STATEMENTS: Record<string, (table: string) => string> = {
  insert: (t) => `INSERT INTO ${t}\\b`,
  delete: (t) => `DELETE FROM ${t}\\b`,
  // one month swapped in, the next ones not yet
  replace: (t) => `ALTER TABLE ${t} REPLACE PARTITION`,
};
const [verb = '', table = ''] = killAt.split(':');
const kill = STATEMENTS[verb];
if (kill && /^\w+$/.test(table)) {
  const statement = new RegExp(`^\\s*${kill(table)}`);
  const command = db.client.command.bind(db.client);
  db.client.command = async (params) => {
    const result = await command(params);
    if (statement.test(params.query)) process.kill(process.pid, 'SIGKILL');
    return result;
  };
}
const seen = new Map<string, number>();
const summary = await loadPaths(db, paths, {
  piiKey: env.PII_KEY,
  chunkRows: Number(chunk),
  // 'always': every file tries the one pass (a.ndjson and b.ndjson fall back to the
  // careful path); 'auto': small files take it together (a batch); 'never'
  onePass: onePass as LoadOptions['onePass'],
  onStep: (step) => {
    const n = (seen.get(step) ?? 0) + 1;
    seen.set(step, n);
    process.stderr.write(`step:${step}#${n}\n`);
    if (`${step}#${n}` === killAt) process.kill(process.pid, 'SIGKILL');
  },
});
const counts: Record<string, string> = {};
for (const t of [...Object.keys(EVENT_TABLES), 'event_index', 'quarantine']) {
  const [row] = await queryRows<{ n: string; ids: string }>(
    db,
    `SELECT count() AS n, uniqExact(${t === 'quarantine' ? 'source_file, line' : 'event_id'}) AS ids FROM ${t}`,
  );
  counts[t] = `${row?.n}/${row?.ids}`;
}
// Derived tables: row count and sum of row hashes (derivedFingerprints).
Object.assign(counts, await derivedFingerprints(db));
// Scratch tables and views left behind (recovery drops those of a crashed load).
const [scratch] = await queryRows<{ n: string }>(
  db,
  "SELECT count() AS n FROM system.tables WHERE database = currentDatabase() AND name LIKE 'etl\\_%'",
);
counts.scratch = String(scratch?.n);
await db.close();
process.stdout.write(JSON.stringify({ summary, counts }) + '\n');

/**
 * Test helper run as a child process by crash.test.ts: loads PATHS into the
 * embedded database in CHDB_PATH and, when KILL_AT is `step#n`, SIGKILLs itself
 * right after the n-th occurrence of that load step (a crash, not an error:
 * nothing gets to clean up). Otherwise prints the summary and table counts as JSON.
 * Each step is announced on stderr (`step:name#n`) for kills timed from a step.
 */
import { EVENT_TABLES, loadEnv, migrate, openDb, queryRows } from '@collections/schema';
import { loadPaths } from '../load.ts';

const [killAt = 'none', chunk = '4', ...paths] = process.argv.slice(2);
const env = loadEnv();
const db = await openDb(env);
await migrate(db);
const seen = new Map<string, number>();
const summary = await loadPaths(db, paths, {
  piiKey: env.PII_KEY,
  chunkRows: Number(chunk),
  // every file tries the one pass (a.ndjson and b.ndjson fall back to the careful path)
  onePass: 'always',
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
// Scratch tables and views left behind (recovery drops those of a crashed load).
const [scratch] = await queryRows<{ n: string }>(
  db,
  "SELECT count() AS n FROM system.tables WHERE database = currentDatabase() AND name LIKE 'etl\\_%'",
);
counts.scratch = String(scratch?.n);
await db.close();
process.stdout.write(JSON.stringify({ summary, counts }) + '\n');

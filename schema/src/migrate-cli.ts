/** `pnpm migrate`: apply pending migrations and say what was done. */
import { loadEnv } from './env.ts';
import { openDb } from './db.ts';
import { migrate } from './migrate.ts';
import { PlatformError } from './errors.ts';

try {
  const env = loadEnv();
  const db = await openDb(env);
  try {
    const topology = env.CLICKHOUSE_CLUSTER
      ? { kind: 'cluster' as const, cluster: env.CLICKHOUSE_CLUSTER }
      : undefined;
    const result = await migrate(db, topology ? { topology } : {});
    const where = `${db.engine} ClickHouse at ${db.location}`;
    if (result.applied.length === 0) {
      console.log(`Schema is up to date (${result.alreadyApplied} migrations) in the ${where}.`);
    } else {
      for (const m of result.applied) console.log(`applied migration ${m.version}: ${m.name}`);
      console.log(`Applied ${result.applied.length} migration(s) to the ${where}.`);
    }
  } finally {
    await db.close();
  }
} catch (err) {
  console.error(err instanceof PlatformError ? err.message : err);
  process.exit(1);
}

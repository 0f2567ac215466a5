/**
 * `pnpm api` (docs/api.md#running): migrate, then serve the GraphQL API, /healthz,
 * /metrics and the built dashboard, and run the inbox job (INBOX_DIR) in this
 * process: with the embedded engine the API owns the database, so loads go
 * through it, and each committed load moves the API's data version.
 */
import { assertSafeBinding, createApiServer } from '@collections/api';
import { loadEnv, migrate, openDb, PlatformError, type Db, type Env } from '@collections/schema';
import { startInbox } from './inbox.ts';
import { dashboardFiles } from './static.ts';

/** Serve on env.HOST:env.PORT until SIGINT/SIGTERM; prints the URL. */
export async function serve(env: Env, db: Db): Promise<string> {
  const api = await createApiServer({ db, env, fallback: dashboardFiles() });
  const url = await api.listen();
  const stopInbox = await startInbox(db, env, console.log, () => api.serving.version.changed());
  console.log(
    `Collections analytics on ${url}  (dashboard ${url}/, GraphQL ${url}/graphql, health ${url}/healthz; ` +
      `${env.API_KEYS ? `${env.API_KEYS.size} API key(s)` : 'no API keys: loopback only'}; database ${db.location})`,
  );
  const stop = async () => {
    await stopInbox();
    await api.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  return url;
}

/** Check the configuration and open + migrate the database. */
export async function prepare(): Promise<{ env: Env; db: Db }> {
  const env = loadEnv();
  assertSafeBinding(env);
  const db = await openDb(env);
  await migrate(db);
  return { env, db };
}

/** Print a PlatformError's sentence (no stack) and exit non-zero. */
export function exitOnError(err: unknown): never {
  console.error(err instanceof PlatformError ? err.message : err);
  process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const { env, db } = await prepare();
    await serve(env, db);
  } catch (err) {
    exitOnError(err);
  }
}

/**
 * `pnpm start` (docs/api.md#running): the whole product on the embedded engine —
 * migrate, seed a demo portfolio when the database is empty, then serve API +
 * dashboard and run the inbox job.
 */
import { seedDemoIfEmpty } from './demo.ts';
import { exitOnError, prepare, serve } from './main.ts';

try {
  const { env, db } = await prepare();
  const seed = await seedDemoIfEmpty(db, env);
  if (seed.seeded) console.log('Demo portfolio loaded.');
  else console.log(`No demo data loaded: ${seed.reason}.`);
  await serve(env, db);
} catch (err) {
  exitOnError(err);
}

/**
 * The inbox job: watch INBOX_DIR while the product serves and load each new file
 * (with the embedded engine the serving process owns the database, so it runs
 * the loads). After each committed load `onCommit` runs: the API moves its data
 * version, so cached answers go and the next answer reflects the load.
 */
import { watchInbox } from '@collections/etl';
import type { Db, Env } from '@collections/schema';

/** Start watching INBOX_DIR when set; returns a stop function. */
export async function startInbox(
  db: Db,
  env: Env,
  say: (line: string) => void = console.log,
  onCommit: () => unknown = () => undefined,
): Promise<() => Promise<void>> {
  if (!env.INBOX_DIR) return async () => undefined;
  const watcher = watchInbox(db, env.INBOX_DIR, {
    piiKey: env.PII_KEY,
    onLoad: (s) => {
      void onCommit();
      say(`Inbox: loaded ${s.loaded} rows, quarantined ${s.quarantined}.`);
    },
    onError: (err) =>
      say(`Inbox: load failed: ${err instanceof Error ? err.message : String(err)}`),
  });
  say(`Watching ${env.INBOX_DIR} for event files.`);
  return () => watcher.stop();
}

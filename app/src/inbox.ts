/**
 * The inbox job: watch INBOX_DIR while the product serves and load each new file
 * (with the embedded engine the serving process owns the database, so it runs
 * the loads). After each committed load `onCommit` runs: the API moves its data
 * version, so cached answers go and the next answer reflects the load. Then the
 * published propensity models re-score the open cases (no retraining) and
 * `onCommit` runs again.
 */
import { refreshLine, refreshScores, watchInbox } from '@collections/etl';
import type { Db, Env } from '@collections/schema';

/** Start watching INBOX_DIR when set; returns a stop function. */
export async function startInbox(
  db: Db,
  env: Env,
  say: (line: string) => void = console.log,
  onCommit: () => unknown = () => undefined,
): Promise<() => Promise<void>> {
  if (!env.INBOX_DIR) return async () => undefined;
  // Another loader of the same server holds the database: wait for it (docs/etl.md).
  const lease = { seconds: env.ETL_WAIT_SECONDS, say: (line: string) => say(`Inbox: ${line}`) };
  const watcher = watchInbox(db, env.INBOX_DIR, {
    piiKey: env.PII_KEY,
    lease,
    onLoad: async (s) => {
      void onCommit();
      say(`Inbox: loaded ${s.loaded} rows, quarantined ${s.quarantined}.`);
      if (s.loaded === 0) return;
      // The work queue follows the data: the published models re-score the open
      // cases at the new as-of (docs/models.md#scores-after-a-load), then the
      // data version moves again so cached queue answers go.
      const scores = await refreshScores(db, lease);
      if (scores.some((r) => r.cases > 0)) void onCommit();
      for (const r of scores) say(`Inbox: ${refreshLine(r)}`);
    },
    onError: (err) =>
      say(`Inbox: load failed: ${err instanceof Error ? err.message : String(err)}`),
  });
  say(`Watching ${env.INBOX_DIR} for event files.`);
  return () => watcher.stop();
}

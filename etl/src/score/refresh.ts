/**
 * Keeping scores current after a load (docs/models.md#scores-after-a-load): every
 * target's newest published run (a newer refused one does not stop it) re-scores
 * the cases open at the data's new as-of instant. Scoring only — no training: the model stays the validated one
 * until `pnpm etl score` trains a new run. Re-scoring at an instant already
 * scored (a load of late events that did not move the as-of) replaces those
 * scores, so the work queue never holds a case twice.
 */
import { queryRows, type Db } from '@collections/schema';
import { withLease, type LeaseWait } from '../lease.ts';
import { TARGETS, type Target } from './model.ts';
import { latestRun, scoreOpenCases } from './score.ts';
import { chTime } from './scratch.ts';
import { dataAsOf } from './train.ts';

export interface RefreshedScores {
  readonly target: Target;
  /** The run that scored; null when the target has no run yet. */
  readonly runId: string | null;
  /** Cases scored; 0 when skipped. */
  readonly cases: number;
  readonly seconds: number;
  /** Why nothing was scored: no run, or no run was ever published. */
  readonly skipped: string | null;
  readonly scoredAt: string | null;
}

/**
 * Re-score the open cases with the newest published runs, holding the ETL lease (two
 * re-scorings at one as-of would each insert its rows): waits like a load (`wait`).
 */
export async function refreshScores(
  db: Pick<Db, 'client' | 'engine' | 'database'>,
  wait: LeaseWait = {},
): Promise<RefreshedScores[]> {
  return withLease(db, 'score', wait, () => refreshHeld(db));
}

async function refreshHeld(db: Pick<Db, 'client'>): Promise<RefreshedScores[]> {
  const asOf = await dataAsOf(db);
  const at = asOf === null ? null : new Date(Date.parse(asOf)).toISOString();
  const out: RefreshedScores[] = [];
  for (const target of TARGETS) {
    // The newest published run re-scores, even when a newer training was refused: the
    // work queue ranks by it then (docs/models.md "Work queue").
    const newest = await latestRun(db, target);
    const run =
      newest && !newest.published ? await latestRun(db, target, { publishedOnly: true }) : newest;
    const skip = (why: string) =>
      out.push({
        target,
        runId: run?.runId ?? newest?.runId ?? null,
        cases: 0,
        seconds: 0,
        skipped: why,
        scoredAt: null,
      });
    if (at === null) skip('no data loaded');
    else if (!newest) skip('no model run yet (pnpm etl score)');
    else if (!run) skip(`no run was ever published; the newest is not: ${newest.verdict}`);
    else {
      const params = { runId: run.runId, at: chTime(at) };
      const [had] = await queryRows<{ n: string }>(
        db,
        `SELECT count() AS n FROM case_score WHERE run_id = {runId:UUID} AND scored_at = {at:DateTime64(3, 'UTC')}`,
        params,
      );
      if (Number(had?.n ?? 0) > 0)
        await db.client.command({
          query: `DELETE FROM case_score WHERE run_id = {runId:UUID} AND scored_at = {at:DateTime64(3, 'UTC')}`,
          query_params: params,
        });
      const { cases, seconds } = await scoreOpenCases(db, run, at);
      out.push({ target, runId: run.runId, cases, seconds, skipped: null, scoredAt: at });
    }
  }
  return out;
}

/** One line per target for logs: "cure_30d: 356 open cases re-scored by run … in 1.8 s". */
export function refreshLine(r: RefreshedScores): string {
  return r.skipped
    ? `${r.target}: not re-scored (${r.skipped})`
    : `${r.target}: ${r.cases} open cases re-scored by run ${r.runId} in ${r.seconds.toFixed(1)} s`;
}

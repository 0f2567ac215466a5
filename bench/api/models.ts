/**
 * Propensity models at a scale (docs/models.md "Measured"): on a COPY of a loaded
 * database, trains both targets out of time, scores the open cases at the as-of
 * instant with each run (published or not, to time it), then times the work
 * queue page query and the contact-windows query (median of `runs`). Prints one
 * JSON object. Measured, never asserted.
 *
 *   CHDB_PATH=COPY nice -n 10 pnpm exec tsx bench/api/models.ts [runs=5]
 */
import { latestRun, scoreOpenCases, trainModel, TARGETS } from '@collections/etl';
import { contactWindowsQuery, workQueueQuery } from '@collections/api/queries';
import { loadEnv, migrate, openDb, queryRows } from '@collections/schema';

const runs = Number(process.argv[2] ?? 5);
const env = loadEnv();
const db = await openDb(env);
await migrate(db);

async function median(fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push((performance.now() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

const out: Record<string, unknown> = {};
try {
  for (const target of TARGETS) {
    const run = await trainModel(db, { target });
    const stored = (await latestRun(db, target))!;
    const scored = await scoreOpenCases(db, stored, run.asOf, { allowUnpublished: true });
    const m = run.metrics;
    out[target] = {
      runId: run.runId,
      cutoff: run.cutoff,
      asOf: run.asOf,
      trainSamples: run.trainSamples,
      testSamples: run.testSamples,
      published: run.published,
      verdict: run.verdict,
      model: {
        auc: m.model.auc,
        aucCI: [m.model.aucLow, m.model.aucHigh],
        brier: m.model.brier,
        positives: m.model.positives,
      },
      baseline: {
        auc: m.baseline.auc,
        aucCI: [m.baseline.aucLow, m.baseline.aucHigh],
        brier: m.baseline.brier,
      },
      deciles: m.model.deciles,
      baselineDeciles: m.baseline.deciles,
      evalConsistency: m.evalConsistency,
      trainSeconds: run.seconds,
      scoredCases: scored.cases,
      scoreSeconds: scored.seconds,
    };
    if (target === 'cure_30d') {
      const page = workQueueQuery({
        runId: run.runId,
        filters: { teams: [], agents: [], segments: [], buckets: [] },
        limit: 50,
        offset: 0,
      });
      const filtered = workQueueQuery({
        runId: run.runId,
        filters: { teams: [], agents: [], segments: ['willing_able'], buckets: ['M2'] },
        limit: 50,
        offset: 0,
      });
      out.workQueueSeconds = await median(() => queryRows(db, page.query, page.query_params));
      out.workQueueFilteredSeconds = await median(() =>
        queryRows(db, filtered.query, filtered.query_params),
      );
      const end = run.asOf.slice(0, 10);
      const from = new Date(Date.parse(run.asOf) - 365 * 86_400_000).toISOString().slice(0, 10);
      const windows = contactWindowsQuery({ from, to: end, tz: env.REPORT_TZ, channels: [] });
      out.contactWindowsSeconds = await median(() =>
        queryRows(db, windows.query, windows.query_params),
      );
    }
  }
  console.log(JSON.stringify(out, null, 1));
} finally {
  await db.close();
}

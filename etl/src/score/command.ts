/**
 * `pnpm etl score [--cutoff DATE] [--at INSTANT] [--json]`: trains the two
 * propensity models out of time, stores each run, and scores the cases open at
 * the as-of instant with every run that beats the baseline (docs/models.md).
 * A run that does not is stored with its verdict and scores nothing.
 */
import type { Command } from 'commander';
import { withDb, errorLine, leaseWait } from '../commands.ts';
import { withLease } from '../lease.ts';
import { TARGETS } from './model.ts';
import { scoreOpenCases } from './score.ts';
import { dataAsOf, trainModel } from './train.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `YYYY-MM-DD` (midnight UTC) or an RFC 3339 instant → ISO, or an error sentence. */
export function parseInstant(name: string, value: string): string {
  const text = DATE.test(value) ? `${value}T00:00:00Z` : value;
  const ms = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(ms))
    throw new Error(`--${name} must be a date YYYY-MM-DD or an RFC 3339 instant, got "${value}"`);
  return new Date(ms).toISOString();
}

export function registerScore(program: Command): void {
  program
    .command('score')
    .description('train the cure and payment propensity models out of time and score open cases')
    .option(
      '--cutoff <date>',
      'train on cases opened before it, test on those after (default: as-of − 120 days)',
    )
    .option('--at <instant>', 'scoring instant (default: the data as-of instant)')
    .option('--json', 'print the summary as JSON')
    .action(async (opts: { cutoff?: string; at?: string; json?: boolean }) => {
      let cutoff: string | undefined;
      let atArg: string | undefined;
      try {
        cutoff = opts.cutoff ? parseInstant('cutoff', opts.cutoff) : undefined;
        atArg = opts.at ? parseInstant('at', opts.at) : undefined;
      } catch (err) {
        console.error(`BAD_ARGUMENT: ${(err as Error).message}`);
        process.exit(2);
      }
      try {
        const results = await withDb(async (db, env) => {
          const asOf = await dataAsOf(db);
          if (asOf === null) {
            console.error('NO_DATA: nothing is loaded; load events before scoring');
            process.exit(1);
          }
          // Training and scoring hold the ETL lease: no load, and no other scoring, meanwhile.
          return withLease(db, 'score', leaseWait(env, undefined), async () => {
            // the as-of once the lease is held: a load finished while waiting moves it
            const held = (await dataAsOf(db)) ?? asOf;
            const at = atArg ?? new Date(Date.parse(held)).toISOString();
            const out = [];
            for (const target of TARGETS) {
              const run = await trainModel(db, { target, cutoff });
              const scored = run.published ? await scoreOpenCases(db, run, at) : null;
              out.push({
                target,
                runId: run.runId,
                published: run.published,
                verdict: run.verdict,
                trainSamples: run.trainSamples,
                testSamples: run.testSamples,
                auc: run.metrics.model.auc,
                baselineAuc: run.metrics.baseline.auc,
                brier: run.metrics.model.brier,
                baselineBrier: run.metrics.baseline.brier,
                trainSeconds: run.seconds,
                scoredCases: scored?.cases ?? 0,
                scoreSeconds: scored?.seconds ?? 0,
                scoredAt: at,
              });
            }
            return out;
          });
        });
        if (opts.json) console.log(JSON.stringify(results));
        else
          for (const r of results)
            console.log(
              `${r.target}: run ${r.runId} — ${r.verdict}; trained in ${r.trainSeconds.toFixed(1)} s; ` +
                `${r.scoredCases} open cases scored in ${r.scoreSeconds.toFixed(1)} s`,
            );
      } catch (err) {
        console.error(errorLine(err));
        process.exit(1);
      }
    });
}

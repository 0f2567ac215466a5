/**
 * Before/after bench of caseOutcomes, strategyComparison and legalPipeline
 * (issues #4/#5). "Before" is the SQL of a baseline commit (default 5b42618,
 * imported from its `git archive`: bench/api/baseline.ts;
 * per-case joins of payments, assignments, accounts, attempts and legal actions
 * at query time); "after" is the current builders over case_outcome_facts and
 * legal_case_facts. Both run interleaved in one process on a COPY of a loaded
 * database whose derived tables are filled (bench/api/fill-derived.ts), and the
 * rows of both forms are compared (floats to 1e-9 relative).
 *
 *   nice -n 10 pnpm exec tsx bench/api/perf-case-outcomes.ts <chdbDir> [runs=5] [nameFilter] [baseline=5b42618]
 *
 * Measured, never asserted (STYLE.md).
 */
import { performance } from 'node:perf_hooks';
import { loadEnv, openDb, queryRows } from '@collections/schema';
import {
  type SqlQuery,
  caseOutcomesQuery,
  strategyArmsQuery,
  legalQuery,
} from '@collections/api/queries';
import { baselineModule, removeBaselines } from './baseline.ts';
import { median } from '../src/stats.ts';

const [dir, runsArg, filter = '', baseline = '5b42618'] = process.argv.slice(2);
if (!dir) throw new Error('usage: perf-case-outcomes.ts <chdbDir> [runs] [filter] [baseline]');
const { caseOutcomesQuery: legacyCaseOutcomesQuery } = await baselineModule<{
  caseOutcomesQuery: typeof caseOutcomesQuery;
}>(baseline, 'metrics/case-outcomes/case-outcomes.sql.ts');
const { strategyArmsQuery: legacyStrategyArmsQuery } = await baselineModule<{
  strategyArmsQuery: typeof strategyArmsQuery;
}>(baseline, 'metrics/strategy-comparison/strategy-comparison.sql.ts');
const { legalQuery: legacyLegalQuery } = await baselineModule<{ legalQuery: typeof legalQuery }>(
  baseline,
  'metrics/legal/legal.sql.ts',
);
const runs = Number(runsArg ?? 5);
const env = loadEnv({ CHDB_PATH: dir });
const db = await openDb(env);
const tz = env.REPORT_TZ;

const [{ experiment } = { experiment: '' }] = await queryRows<{ experiment: string }>(
  db,
  "SELECT experiment FROM case_facts WHERE experiment != '' GROUP BY experiment ORDER BY count() DESC LIMIT 1",
);
const year = { from: '2025-11-01', to: '2026-10-31', tz };
const month = { from: '2026-10-01', to: '2026-10-31', tz };

const PAIRS: [string, SqlQuery, SqlQuery][] = [
  [
    'caseOutcomes by strategy, 1 year',
    legacyCaseOutcomesQuery({ ...year, groupBy: ['strategy'] }),
    caseOutcomesQuery({ ...year, groupBy: ['strategy'] }),
  ],
  [
    'caseOutcomes by team, product, 1 year',
    legacyCaseOutcomesQuery({ ...year, groupBy: ['team', 'product'] }),
    caseOutcomesQuery({ ...year, groupBy: ['team', 'product'] }),
  ],
  [
    'caseOutcomes by region, filter retail, 1 year',
    legacyCaseOutcomesQuery({ ...year, groupBy: ['region'], filter: { portfolios: ['retail'] } }),
    caseOutcomesQuery({ ...year, groupBy: ['region'], filter: { portfolios: ['retail'] } }),
  ],
  [
    'caseOutcomes, no groupBy, last month',
    legacyCaseOutcomesQuery({ ...month, groupBy: [] }),
    caseOutcomesQuery({ ...month, groupBy: [] }),
  ],
  [
    'strategyComparison 30 d, 1 year',
    legacyStrategyArmsQuery({ ...year, experiment, cureWithinDays: 30 }),
    strategyArmsQuery({ ...year, experiment, cureWithinDays: 30 }),
  ],
  [
    'strategyComparison 90 d, 1 year',
    legacyStrategyArmsQuery({ ...year, experiment, cureWithinDays: 90 }),
    strategyArmsQuery({ ...year, experiment, cureWithinDays: 90 }),
  ],
  ['legalPipeline, 1 year', legacyLegalQuery(year), legalQuery(year)],
  ['legalPipeline, last month', legacyLegalQuery(month), legalQuery(month)],
];

/** Same rows, numbers equal to 1e-9 relative (sums of floats may differ in the last bits). */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number')
    return a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return same(ka, kb) && ka.every((k) => same((a as never)[k], (b as never)[k]));
  }
  return a === b;
}

const run = async (q: SqlQuery) => {
  const t0 = performance.now();
  const rows = await queryRows(db, q.query, q.query_params);
  return { ms: performance.now() - t0, rows };
};

console.log(`${dir}: ${runs} interleaved runs after 1 warm-up, ms (experiment ${experiment})`);
console.log('query | before | after | ratio | same rows');
for (const [name, before, after] of PAIRS.filter(([n]) =>
  n.toLowerCase().includes(filter.toLowerCase()),
)) {
  const tb: number[] = [];
  const ta: number[] = [];
  let equal = true;
  for (let i = 0; i <= runs; i += 1) {
    const b = await run(before);
    const a = await run(after);
    if (i === 0) equal = same(b.rows, a.rows);
    if (i === 0 && !equal)
      console.log(
        JSON.stringify(b.rows).slice(0, 2000),
        '\n',
        JSON.stringify(a.rows).slice(0, 2000),
      );
    if (i > 0) {
      tb.push(b.ms);
      ta.push(a.ms);
    }
  }
  const [mb, ma] = [median(tb), median(ta)];
  console.log(
    `${name} | ${mb.toFixed(0)} | ${ma.toFixed(0)} | ${(mb / ma).toFixed(1)}× | ${equal ? 'yes' : 'NO'}`,
  );
}
await db.close();
removeBaselines();

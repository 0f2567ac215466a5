/**
 * `pnpm exec tsx bench/api/time-dir.ts <chdb-dir> [runs=5] [filter]`: times every API query
 * (or those whose name contains `filter`, case-insensitive)
 * through the real Apollo server (resolver, SQL, mapping) on a COPY of a loaded
 * database (e.g. the scale-M snapshot after bench/api/fill-derived.ts) and prints
 * medians. Each operation selects `__typename` only (kpis: its comparisons, which it
 * computes only when selected): the top-level resolver runs
 * its whole SQL. Measures, never asserts.
 */
import { loadEnv, openDb, queryRows } from '@collections/schema';
import { adminApi } from './admin-api.ts';
import { addMonths, lastDayOfMonth } from '@collections/api/queries';
import { median } from '../src/stats.ts';

const [dir, runsArg, filter = ''] = process.argv.slice(2);
if (!dir) throw new Error('usage: time-dir.ts <chdb-dir> [runs] [filter]');
const runs = Number(runsArg ?? 5);
const env = loadEnv({ CHDB_PATH: dir });
const db = await openDb(env);
const { apollo, context } = await adminApi(db, env);

const [{ last } = { last: '2026-10' }] = await queryRows<{ last: string }>(
  db,
  "SELECT formatDateTime(max(month), '%Y-%m') AS last FROM account_month",
);
const [{ experiment } = { experiment: '' }] = await queryRows<{ experiment: string }>(
  db,
  "SELECT experiment FROM case_facts WHERE experiment != '' GROUP BY experiment ORDER BY count() DESC LIMIT 1",
);
const [{ caseId } = { caseId: '' }] = await queryRows<{ caseId: string }>(
  db,
  'SELECT case_id AS caseId FROM case_facts LIMIT 1',
);
const month = (n: number) => addMonths(last, -n);
const year = { from: `${month(11)}-01`, to: lastDayOfMonth(last) };
const lastMonth = { from: `${last}-01`, to: lastDayOfMonth(last) };

const OPS: [string, string][] = [
  [
    'rollRates 24 months',
    `{ rollRates(fromMonth: "${month(23)}", toMonth: "${last}") { __typename } }`,
  ],
  ['lossForecast h=12 k=6', '{ lossForecast(months: 12, lookbackMonths: 6) { __typename } }'],
  // kpis computes only the comparison periods selected: `previous` keeps these timings
  // comparable with the runs before yearAgo existed (period + previous).
  [
    'kpis last month',
    `{ kpis(from: "${lastMonth.from}", to: "${lastMonth.to}") { kpis { previous } } }`,
  ],
  [
    'kpis last month + yearAgo',
    `{ kpis(from: "${lastMonth.from}", to: "${lastMonth.to}") { kpis { previous yearAgo } } }`,
  ],
  [
    'agentPerformance 1 year',
    `{ agentPerformance(from: "${year.from}", to: "${year.to}") { __typename } }`,
  ],
  [
    'agentPerformance last month',
    `{ agentPerformance(from: "${lastMonth.from}", to: "${lastMonth.to}") { __typename } }`,
  ],
  [
    'teamPerformance 1 year',
    `{ teamPerformance(from: "${year.from}", to: "${year.to}") { __typename } }`,
  ],
  [
    'caseOutcomes by strategy 1 year',
    `{ caseOutcomes(from: "${year.from}", to: "${year.to}", dimensions: [STRATEGY]) { __typename } }`,
  ],
  [
    'strategyComparison 1 year',
    `{ strategyComparison(experiment: "${experiment}", from: "${year.from}", to: "${year.to}") { __typename } }`,
  ],
  [
    'cureCurve by month 1 year',
    `{ cureCurve(from: "${year.from}", to: "${year.to}") { __typename } }`,
  ],
  [
    'channelEffectiveness last month',
    `{ channelEffectiveness(from: "${lastMonth.from}", to: "${lastMonth.to}") { __typename } }`,
  ],
  [
    'complianceReport last month',
    `{ complianceReport(from: "${lastMonth.from}", to: "${lastMonth.to}") { __typename } }`,
  ],
  [
    'complianceReport + offending attempts',
    `{ complianceReport(from: "${lastMonth.from}", to: "${lastMonth.to}") { offendingAttempts { __typename } } }`,
  ],
  [
    'kpis last month, portfolio filter',
    `{ kpis(from: "${lastMonth.from}", to: "${lastMonth.to}", filter: { portfolios: ["retail"] }) { kpis { previous } } }`,
  ],
  [
    'caseOutcomes by team, product 1 year',
    `{ caseOutcomes(from: "${year.from}", to: "${year.to}", dimensions: [TEAM, PRODUCT]) { __typename } }`,
  ],
  [
    'vintages 24 months',
    `{ vintages(fromMonth: "${month(23)}", toMonth: "${last}") { __typename } }`,
  ],
  [
    'postCureRelapse 1 year',
    `{ postCureRelapse(from: "${year.from}", to: "${year.to}") { __typename } }`,
  ],
  [
    'repaymentPlans 1 year',
    `{ repaymentPlans(from: "${year.from}", to: "${year.to}") { __typename } }`,
  ],
  [
    'legalPipeline 1 year',
    `{ legalPipeline(from: "${year.from}", to: "${year.to}") { __typename } }`,
  ],
  ['cases page 1', '{ cases { __typename } }'],
  ['caseTimeline', `{ caseTimeline(caseId: "${caseId}") { __typename } }`],
  ['dimensions', '{ dimensions { __typename } }'],
  ['asOf', '{ asOf { __typename } }'],
];

console.log(
  `${dir}: ${runs} runs after 1 warm-up, ms (last month ${last}, experiment ${experiment})`,
);
for (const [name, query] of OPS.filter(([n]) => n.toLowerCase().includes(filter.toLowerCase()))) {
  const times: number[] = [];
  let error = '';
  for (let i = 0; i <= runs; i += 1) {
    const t0 = performance.now();
    const res = await apollo.executeOperation({ query }, { contextValue: context() });
    if (i > 0) times.push(performance.now() - t0);
    if (res.body.kind === 'single' && res.body.singleResult.errors)
      error = res.body.singleResult.errors[0]?.message ?? 'error';
  }
  console.log(
    `${name.padEnd(34)} ${error ? `ERROR ${error}` : `${median(times).toFixed(0).padStart(7)} (${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)})`}`,
  );
}
await apollo.stop();
await db.close();

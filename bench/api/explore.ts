/**
 * `pnpm bench:explore --db DIR [--runs R]`: times explore (docs/metrics/explore.md)
 * on a loaded database (e.g. the demo's scale S, or a copy of scale M) through
 * the real Apollo server, side by side with the requests it replaces (the
 * overview's 12 aliased kpis), round-robin so machine noise hits every case
 * alike. The year ends at the data's last whole month. Prints medians; never asserts.
 * `--set cohort`: the cohort measures side by side with the named metrics they equal
 * (cureCurve, postCureRelapse, legalPipeline, vintages) instead.
 */
import { parseArgs } from 'node:util';
import { timeRoundRobin } from './round-robin.ts';
import { addMonths, lastDayOfMonth } from '@collections/api/queries';
import { loadEnv, migrate, openDb, queryRows } from '@collections/schema';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    runs: { type: 'string', default: '9' },
    set: { type: 'string', default: 'overview' },
  },
});
if (!values.db) throw new Error('--db DIR is required (a loaded embedded database)');
const runs = Number(values.runs);
const env = loadEnv({ CHDB_PATH: values.db });
const db = await openDb(env);
await migrate(db);

// The last whole month of data and the 12 months ending with it.
const [{ last } = { last: '' }] = await queryRows<{ last: string }>(
  db,
  `SELECT formatDateTime(addMonths(toStartOfMonth(toDate(max(max_occurred_at))), -1), '%Y-%m') AS last FROM data_as_of`,
);
const month = (back: number) => addMonths(last, -back);
const from = `${month(11)}-01`;
const to = lastDayOfMonth(month(0));
const OVERVIEW =
  '[CASES_OPENED, CASES_CLOSED, AMOUNT_COLLECTED, CURE_RATE_30D, RPC_RATE, KEPT_RATE]';
const MONTH_END = '[DELINQUENCY_RATE, DELINQUENT_ACCOUNTS, ROLL_FORWARD_RATE, CHARGE_OFFS]';
const OVERVIEW_AND_STATE =
  '[CASES_OPENED, CASES_CLOSED, AMOUNT_COLLECTED, CURE_RATE_30D, RPC_RATE, KEPT_RATE, DELINQUENCY_RATE, DELINQUENT_ACCOUNTS, CHARGE_OFFS, COLLECTION_COST]';
const explore = (dims: string, measures = OVERVIEW) =>
  `{ explore(from: "${from}", to: "${to}", grain: MONTH, dimensions: [${dims}], measures: ${measures}) { rows { period key values { value numerator denominator } } } }`;
const trend = `{ ${Array.from({ length: 12 }, (_, i) => `m${i}: kpis(from: "${month(11 - i)}-01", to: "${lastDayOfMonth(month(11 - i))}") { kpis { name value } }`).join(' ')} }`;

const CASES: { name: string; query: string }[] = [
  { name: 'explore overview trend, no dimension', query: explore('') },
  { name: 'kpis × 12 aliases (the trend today)', query: trend },
  { name: 'explore by REGION (1 dimension)', query: explore('REGION') },
  { name: 'explore by REGION, RISK_GRADE (2 dims)', query: explore('REGION, RISK_GRADE') },
  {
    name: 'explore cases by STRATEGY, SEGMENT',
    query: explore('STRATEGY, SEGMENT', '[CASES_OPENED, CURE_RATE_30D, RECOVERY_RATE, KEPT_RATE]'),
  },
  // month-end measures (state at month ends, roll rates, charge-offs)
  { name: 'overview trend + delinquency (dashboard)', query: explore('', OVERVIEW_AND_STATE) },
  { name: 'month-end, no dimension', query: explore('', MONTH_END) },
  { name: 'month-end by REGION', query: explore('REGION', MONTH_END) },
  { name: 'month-end by REGION, RISK_GRADE', query: explore('REGION, RISK_GRADE', MONTH_END) },
  {
    name: 'roll rate by RISK_GRADE, MONTH_END_BUCKET',
    query: explore('RISK_GRADE, MONTH_END_BUCKET', '[ROLL_FORWARD_RATE, CURE_TO_M0_RATE]'),
  },
  // attempts read event by event: by channel (the reference), by team, by agent
  { name: 'explore attempts by CHANNEL', query: explore('CHANNEL', '[ATTEMPTS, RPC_RATE]') },
  { name: 'explore attempts by TEAM', query: explore('TEAM', '[ATTEMPTS, RPC_RATE]') },
  { name: 'explore attempts by AGENT', query: explore('AGENT', '[ATTEMPTS, RPC_RATE]') },
  { name: 'explore cases closed by TEAM', query: explore('TEAM', '[CASES_CLOSED, RECOVERY_RATE]') },
  {
    name: 'explore plans by PLAN_KIND',
    query: explore('PLAN_KIND', '[PLANS_CREATED, PLAN_AMOUNT]'),
  },
  { name: 'explore legal cost by LEGAL_STAGE', query: explore('LEGAL_STAGE', '[LEGAL_COST]') },
];

const period = `from: "${from}", to: "${to}"`;
const COHORT: { name: string; query: string }[] = [
  {
    name: 'explore cure points 7/30/60/90 by STRATEGY',
    query: explore('STRATEGY', '[CURE_RATE_7D, CURE_RATE_30D, CURE_RATE_60D, CURE_RATE_90D]'),
  },
  {
    name: 'cureCurve by STRATEGY, maxDays 90',
    query: `{ cureCurve(${period}, cohortBy: STRATEGY, maxDays: 90) { cohorts { cohort points { cureRate } } } }`,
  },
  { name: 'explore relapse by month', query: explore('', '[RELAPSE_RATE, IMMATURE_RELAPSES]') },
  { name: 'explore relapse by STRATEGY', query: explore('STRATEGY', '[RELAPSE_RATE]') },
  {
    name: 'postCureRelapse',
    query: `{ postCureRelapse(${period}) { months { month relapseRate immatureRelapsed } } }`,
  },
  {
    name: 'explore legal cases by LEGAL_STAGE',
    query: explore(
      'LEGAL_STAGE',
      '[LEGAL_CASES, LEGAL_RECOVERED_PER_COST, MEAN_DAYS_TO_FIRST_ACTION]',
    ),
  },
  {
    name: 'legalPipeline',
    query: `{ legalPipeline(${period}) { stages { stage cases costToCollect meanDaysToFirstAction } } }`,
  },
  {
    name: 'explore vintages by MONTHS_ON_BOOK',
    query: explore('MONTHS_ON_BOOK', '[EVER_30_RATE, EVER_60_RATE, EVER_90_RATE]'),
  },
  {
    name: 'vintages',
    query: `{ vintages(fromMonth: "${month(11)}", toMonth: "${month(0)}") { vintage points { ever30Rate ever60Rate ever90Rate } } }`,
  },
  {
    name: 'explore vintages by REGION (as-of month)',
    query: explore('REGION', '[EVER_30_RATE, EVER_90_RATE]'),
  },
];
const SETS: Record<string, typeof CASES> = { overview: CASES, cohort: COHORT };
const chosen = SETS[values.set ?? 'overview'];
if (!chosen) throw new Error(`--set must be one of ${Object.keys(SETS).join(', ')}`);

await timeRoundRobin(db, env, chosen, {
  runs,
  warmups: 2,
  title: `${from} … ${to}, grain MONTH`,
});
await db.close();

/**
 * Bench of the analytics-a queries (cureCurve, vintages, postCureRelapse,
 * repaymentPlans, legalPipeline) on a portfolio synthesized directly in
 * ClickHouse (INSERT … SELECT FROM numbers(…)), in a fresh embedded database.
 *
 *   pnpm exec tsx bench/api/analytics-a.ts [accounts=100000] [runs=7]
 *
 * Scale: `accounts` accounts × 24 month-end snapshots, 2 cases per account,
 * 4 payments per case, plans on 10 % and legal actions on 5 % of the cases.
 * Prints the median (and min/max) milliseconds of each query over `runs` runs.
 * Measured, never asserted (STYLE.md).
 */
import { performance } from 'node:perf_hooks';
import { queryRows } from '@collections/schema/db';
import { refreshDerived } from '@collections/schema/derived';
import { openTempDb } from '@collections/schema/testing';
import {
  type SqlQuery,
  AS_OF_INSTANT_SQL,
  cureCurveQuery,
  CureCohortBy,
  vintagesQuery,
  relapseQuery,
  repaymentPlansQuery,
  legalQuery,
} from '@collections/api/queries';
import { median } from '../src/stats.ts';

const accounts = Number(process.argv[2] ?? 100_000);
const runs = Number(process.argv[3] ?? 7);
const cases = accounts * 2;
const tz = 'UTC';
const LOAD_ID = '00000000-0000-4000-8000-0000000000b1';

const FILL: readonly string[] = [
  // Accounts opened over 2023-01 … 2025-12.
  `INSERT INTO account_opened (event_id, occurred_at, account_id, customer_hash, product, portfolio, region, opened_on, principal, risk_grade, load_id)
   SELECT concat('ao', toString(number)), toDateTime64('2023-01-01 00:00:00', 3, 'UTC') + toIntervalDay(number % 1095),
          concat('A', toString(number)), 'h', ['credit_card', 'personal_loan', 'auto_loan', 'sme_loan'][number % 4 + 1],
          ['retail', 'sme'][number % 2 + 1], ['north', 'south', 'east', 'west'][number % 4 + 1],
          toDate32('2023-01-01') + number % 1095, 1000, ['A', 'B', 'C', 'D', 'E'][number % 5 + 1], {load:UUID}
   FROM numbers(${accounts})`,
  // 24 month-end snapshots per account (2024-01 … 2025-12); about 20 % delinquent, 0.5 % charged off.
  `INSERT INTO account_snapshot (event_id, occurred_at, account_id, as_of, dpd, balance, amount_due, status, load_id)
   SELECT concat('as', toString(number)), toDateTime64(as_of, 3, 'UTC') + toIntervalHour(23), concat('A', toString(a)), as_of,
          multiIf(h % 100 < 80, 0, h % 100 < 90, 15, h % 100 < 95, 45, h % 100 < 98, 75, 130),
          toDecimal64(500 + h % 500, 2), toDecimal64(0, 2),
          multiIf(h % 1000 < 5, 'charged_off', h % 1000 < 10, 'closed', 'open'), {load:UUID}
   FROM (SELECT number, intDiv(number, 24) AS a, toLastDayOfMonth(addMonths(toDate32('2024-01-01'), number % 24)) AS as_of,
                cityHash64(number) AS h FROM numbers(${accounts * 24}))`,
  `INSERT INTO case_opened (event_id, occurred_at, case_id, account_id, strategy, experiment, arm_role, segment, entry_dpd, entry_balance, load_id)
   SELECT concat('co', toString(number)), toDateTime64('2024-01-01 00:00:00', 3, 'UTC') + toIntervalSecond(cityHash64(number, 1) % 63072000),
          concat('K', toString(number)), concat('A', toString(number % ${accounts})),
          ['sms_first', 'early_call', 'hardship_offer'][number % 3 + 1], '', '',
          ['willing_able', 'willing_unable', 'unwilling_able', 'unwilling_unable'][number % 4 + 1],
          cityHash64(number, 2) % 120, toDecimal64(100 + cityHash64(number, 3) % 5000, 2), {load:UUID}
   FROM numbers(${cases})`,
  // 70 % of cases close 0–120 days after opening.
  `INSERT INTO case_closed (event_id, occurred_at, case_id, outcome, load_id)
   SELECT concat('cc', toString(number)),
          toDateTime64('2024-01-01 00:00:00', 3, 'UTC') + toIntervalSecond(cityHash64(number, 1) % 63072000 + cityHash64(number, 4) % 10368000),
          concat('K', toString(number)),
          ['cured', 'cured', 'paid_in_full', 'settled', 'plan_completed', 'charged_off', 'written_off', 'legal_closed'][cityHash64(number, 5) % 8 + 1],
          {load:UUID}
   FROM numbers(${cases}) WHERE cityHash64(number, 6) % 10 < 7`,
  `INSERT INTO payment (event_id, occurred_at, payment_id, account_id, case_id, amount, method, load_id)
   SELECT concat('py', toString(number)),
          toDateTime64('2024-01-01 00:00:00', 3, 'UTC') + toIntervalSecond(cityHash64(k, 1) % 63072000 + cityHash64(number, 7) % 7776000),
          concat('Y', toString(number)), concat('A', toString(k % ${accounts})), concat('K', toString(k)),
          toDecimal64(10 + cityHash64(number, 8) % 300, 2), 'app', {load:UUID}
   FROM (SELECT number, intDiv(number, 4) AS k FROM numbers(${cases * 4}))`,
  `INSERT INTO payment_plan (event_id, occurred_at, plan_id, case_id, kind, installments, total_amount, first_due_on, load_id)
   SELECT concat('pp', toString(number)), opened + toIntervalDay(5), concat('PL', toString(number)), concat('K', toString(number)),
          ['installment', 'settlement', 'hardship'][number % 3 + 1], 1 + number % 12, toDecimal64(200 + number % 3000, 2),
          toDate32(opened) + 30, {load:UUID}
   FROM (SELECT number, toDateTime64('2024-01-01 00:00:00', 3, 'UTC') + toIntervalSecond(cityHash64(number, 1) % 63072000) AS opened
         FROM numbers(${cases})) WHERE number % 10 = 0`,
  `INSERT INTO legal_action (event_id, occurred_at, case_id, action, cost, load_id)
   SELECT concat('la', toString(number)), opened + toIntervalDay(40 + 20 * step), concat('K', toString(k)),
          if(step = 2 AND k % 7 = 0, 'withdrawn', ['demand_letter', 'filed', 'judgment'][step + 1]), toDecimal64(10 + 100 * step, 2), {load:UUID}
   FROM (SELECT number, intDiv(number, 3) * 20 AS k, number % 3 AS step,
                toDateTime64('2024-01-01 00:00:00', 3, 'UTC') + toIntervalSecond(cityHash64(intDiv(number, 3) * 20, 1) % 63072000) AS opened
         FROM numbers(${(cases / 20) * 3}))
   WHERE step <= cityHash64(k, 9) % 3`,
];

const QUERIES: Record<string, SqlQuery> = {
  'as-of instant alone (inside every query)': {
    query: `SELECT ${AS_OF_INSTANT_SQL}`,
    query_params: {},
  },
  'cureCurve MONTH maxDays 90, 2025': cureCurveQuery({
    from: '2025-01-01',
    to: '2025-12-31',
    cohortBy: CureCohortBy.MONTH,
    maxDays: 90,
    tz,
  }),
  'cureCurve STRATEGY maxDays 180, 2024-2025': cureCurveQuery({
    from: '2024-01-01',
    to: '2025-12-31',
    cohortBy: CureCohortBy.STRATEGY,
    maxDays: 180,
    tz,
  }),
  'vintages 2023-01..2025-12': vintagesQuery({ fromMonth: '2023-01', toMonth: '2025-12', tz }),
  'vintages 2024 retail': vintagesQuery({
    fromMonth: '2024-01',
    toMonth: '2024-12',
    filter: { portfolios: ['retail'] },
    tz,
  }),
  'postCureRelapse 2025': relapseQuery({ from: '2025-01-01', to: '2025-12-31', tz }),
  'repaymentPlans by kind, 2025': repaymentPlansQuery({
    from: '2025-01-01',
    to: '2025-12-31',
    groupBy: ['kind'],
    tz,
  }),
  'repaymentPlans by kind, product, 2024-2025': repaymentPlansQuery({
    from: '2024-01-01',
    to: '2025-12-31',
    groupBy: ['kind', 'product'],
    tz,
  }),
  'legalPipeline 2024-2025': legalQuery({ from: '2024-01-01', to: '2025-12-31', tz }),
};

const db = await openTempDb();
try {
  const t0 = performance.now();
  for (const statement of FILL)
    await db.client.command({ query: statement, query_params: { load: LOAD_ID } });
  await db.client.command({ query: 'OPTIMIZE TABLE account_snapshot FINAL' });
  const counts = await queryRows<{ t: string; n: string }>(
    db,
    `SELECT 'snapshots' AS t, count() AS n FROM account_snapshot UNION ALL SELECT 'cases', count() FROM case_opened
     UNION ALL SELECT 'payments', count() FROM payment UNION ALL SELECT 'plans', count() FROM payment_plan
     UNION ALL SELECT 'legal actions', count() FROM legal_action`,
  );
  const t1 = performance.now();
  await refreshDerived(db, { loadIds: [LOAD_ID] });
  const refreshSeconds = ((performance.now() - t1) / 1000).toFixed(1);
  console.log(
    `accounts ${accounts}: ${counts.map((c) => `${c.t} ${c.n}`).join(', ')} (filled in ${((t1 - t0) / 1000).toFixed(1)} s, derived tables refreshed in ${refreshSeconds} s)`,
  );
  for (const [name, sql] of Object.entries(QUERIES)) {
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      rows = (await queryRows(db, sql.query, sql.query_params)).length;
      times.push(performance.now() - start);
    }
    console.log(
      `${name.padEnd(45)} median ${median(times).toFixed(0).padStart(6)} ms  (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}; ${rows} rows)`,
    );
  }
} finally {
  await db.dispose();
}

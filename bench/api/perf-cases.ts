/**
 * Before/after bench of the case metrics (issues #4/#5): the same queries run
 * once with the per-query derivations they used to embed (case facts
 * aggregated from case_opened/case_closed, as-of = max over the 11 event
 * tables) and once with the derived tables `case_facts` and `data_as_of`,
 * interleaved in the same process so that load on the shared machine hits
 * both alike. Also times the refresh of the derived tables and checks that
 * both forms return the same rows.
 *
 *   pnpm exec tsx bench/api/perf-cases.ts [accounts=200000] [runs=7]
 *
 * Scale: `accounts` accounts × 12 month-end snapshots, 0.4 cases per account
 * (scale M: 1 M accounts, 400 k cases), 70 % closed, 1 assignment, 4 contact
 * attempts and 2 payments per case, promises on 30 %, plans on 10 % and legal
 * actions on 5 % of the cases. Measured, never asserted (STYLE.md).
 */
// type-graphql decorators (imported with the types) need the metadata polyfill first.
import '../../api/src/test-setup.ts';
import { performance } from 'node:perf_hooks';
import { CURE_OUTCOMES, EVENT_TYPES } from '../../schema/src/domain.ts';
import { queryRows } from '../../schema/src/db.ts';
import { caseFacts } from '../../schema/src/derived/case-facts.ts';
import { dataAsOf } from '../../schema/src/derived/data-as-of.ts';
import { openTempDb } from '../../schema/src/testing.ts';
import type { SqlQuery } from '../../api/src/query.ts';
import { AS_OF_INSTANT_SQL } from '../../api/src/sql/as-of.ts';
import { CASES_SQL } from '../../api/src/sql/cases.ts';
import { cureCurveQuery } from '../../api/src/metrics/cure-curve/cure-curve.sql.ts';
import { CureCohortBy } from '../../api/src/metrics/cure-curve/cure-curve.types.ts';
import { caseOutcomesQuery } from '../../api/src/metrics/case-outcomes/case-outcomes.sql.ts';
import { strategyArmsQuery } from '../../api/src/metrics/strategy-comparison/strategy-comparison.sql.ts';
import { kpiQuery } from '../../api/src/metrics/kpis/kpis.sql.ts';
import { repaymentPlansQuery } from '../../api/src/metrics/repayment-plans/repayment-plans.sql.ts';
import { legalQuery } from '../../api/src/metrics/legal/legal.sql.ts';

const accounts = Number(process.argv[2] ?? 200_000);
const runs = Number(process.argv[3] ?? 7);
const cases = Math.round(accounts * 0.4);
const tz = 'UTC';
const LOAD_ID = '00000000-0000-4000-8000-0000000000c5';

const cureList = CURE_OUTCOMES.map((o) => `'${o}'`).join(', ');
/** CASES_SQL as it was before case_facts (the baseline). */
const LEGACY_CASES_SQL = `(
  SELECT o.case_id AS case_id, o.account_id AS account_id, o.opened_at AS opened_at,
         o.strategy AS strategy, o.experiment AS experiment, o.arm_role AS arm_role, o.segment AS segment,
         o.entry_dpd AS entry_dpd, o.entry_balance AS entry_balance,
         c.n > 0 AS is_closed, c.closed_at AS closed_at, c.last_outcome AS outcome,
         c.cures > 0 AS is_cured, c.cured_at AS cured_at
  FROM (
    SELECT case_id, min(occurred_at) AS opened_at,
           argMin(account_id, occurred_at) AS account_id, argMin(strategy, occurred_at) AS strategy,
           argMin(experiment, occurred_at) AS experiment, argMin(arm_role, occurred_at) AS arm_role,
           argMin(segment, occurred_at) AS segment, argMin(entry_dpd, occurred_at) AS entry_dpd,
           argMin(entry_balance, occurred_at) AS entry_balance
    FROM case_opened GROUP BY case_id
  ) AS o
  LEFT JOIN (
    SELECT case_id, count() AS n, max(occurred_at) AS closed_at, argMax(outcome, occurred_at) AS last_outcome,
           countIf(outcome IN (${cureList})) AS cures, minIf(occurred_at, outcome IN (${cureList})) AS cured_at
    FROM case_closed GROUP BY case_id
  ) AS c ON c.case_id = o.case_id
)`;
/** AS_OF_INSTANT_SQL as it was before data_as_of (the baseline). */
const LEGACY_AS_OF_SQL = `(SELECT max(t) FROM (${EVENT_TYPES.map(
  (table) => `SELECT max(occurred_at) AS t FROM ${table}`,
).join(' UNION ALL ')}))`;

function legacy(sql: SqlQuery): SqlQuery {
  const query = sql.query
    .split(CASES_SQL)
    .join(LEGACY_CASES_SQL)
    .split(AS_OF_INSTANT_SQL)
    .join(LEGACY_AS_OF_SQL);
  if (query === sql.query) throw new Error('query embeds neither CASES_SQL nor AS_OF_INSTANT_SQL');
  return { ...sql, query };
}

const START = `toDateTime64('2025-01-01 00:00:00', 3, 'UTC')`;
const OPENED = `${START} + toIntervalSecond(cityHash64(c, 1) % 57024000)`; // 2025-01 … 2026-10
const CASE = `concat('K', toString(c))`;
const FILL: readonly string[] = [
  `INSERT INTO account_opened (event_id, occurred_at, account_id, customer_hash, product, portfolio, region, opened_on, principal, risk_grade, load_id)
   SELECT concat('ao', toString(number)), toDateTime64('2023-01-01 00:00:00', 3, 'UTC') + toIntervalDay(number % 700),
          concat('A', toString(number)), 'h', ['credit_card', 'personal_loan', 'auto_loan', 'sme_loan'][number % 4 + 1],
          ['retail', 'sme'][number % 2 + 1], ['north', 'south', 'east', 'west'][number % 4 + 1],
          toDate32('2023-01-01') + number % 700, 1000, ['A', 'B', 'C', 'D', 'E'][number % 5 + 1], {load:UUID}
   FROM numbers(${accounts})`,
  `INSERT INTO account_snapshot (event_id, occurred_at, account_id, as_of, dpd, balance, amount_due, status, load_id)
   SELECT concat('as', toString(number)), toDateTime64(as_of, 3, 'UTC') + toIntervalHour(23), concat('A', toString(a)), as_of,
          multiIf(h % 100 < 80, 0, h % 100 < 90, 15, h % 100 < 95, 45, h % 100 < 98, 75, 130),
          toDecimal64(500 + h % 500, 2), toDecimal64(0, 2),
          multiIf(h % 1000 < 5, 'charged_off', h % 1000 < 10, 'closed', 'open'), {load:UUID}
   FROM (SELECT number, intDiv(number, 12) AS a, toLastDayOfMonth(addMonths(toDate32('2025-11-01'), number % 12)) AS as_of,
                cityHash64(number) AS h FROM numbers(${accounts * 12}))`,
  `INSERT INTO case_opened (event_id, occurred_at, case_id, account_id, strategy, experiment, arm_role, segment, entry_dpd, entry_balance, load_id)
   SELECT concat('co', toString(c)), ${OPENED}, ${CASE}, concat('A', toString(cityHash64(c, 2) % ${accounts})),
          ['sms_first', 'early_call', 'hardship_offer'][c % 3 + 1], if(c % 3 < 2, 'exp1', ''),
          ['champion', 'challenger', ''][c % 3 + 1],
          ['willing_able', 'willing_unable', 'unwilling_able', 'unwilling_unable'][c % 4 + 1],
          cityHash64(c, 3) % 120, toDecimal64(100 + cityHash64(c, 4) % 5000, 2), {load:UUID}
   FROM (SELECT number AS c FROM numbers(${cases}))`,
  `INSERT INTO case_closed (event_id, occurred_at, case_id, outcome, load_id)
   SELECT concat('cc', toString(c)), ${OPENED} + toIntervalSecond(cityHash64(c, 5) % 10368000), ${CASE},
          ['cured', 'cured', 'paid_in_full', 'settled', 'plan_completed', 'charged_off', 'written_off', 'legal_closed'][cityHash64(c, 6) % 8 + 1],
          {load:UUID}
   FROM (SELECT number AS c FROM numbers(${cases})) WHERE cityHash64(c, 7) % 10 < 7`,
  `INSERT INTO case_assigned (event_id, occurred_at, case_id, agent_id, load_id)
   SELECT concat('ca', toString(c)), ${OPENED} + toIntervalHour(1), ${CASE}, concat('G', toString(c % 200)), {load:UUID}
   FROM (SELECT number AS c FROM numbers(${cases}))`,
  `INSERT INTO agent_registered (event_id, occurred_at, agent_id, name, team, site, load_id)
   SELECT concat('ag', toString(number)), toDateTime64('2024-01-01 00:00:00', 3, 'UTC'), concat('G', toString(number)),
          concat('Agent ', toString(number)), concat('team-', toString(number % 10)), 'hq', {load:UUID}
   FROM numbers(200)`,
  `INSERT INTO contact_attempt (event_id, occurred_at, case_id, agent_id, channel, outcome, duration_s, cost, load_id)
   SELECT concat('ct', toString(number)), ${OPENED} + toIntervalDay(k * 7), ${CASE}, concat('G', toString(c % 200)),
          ['call', 'sms', 'email', 'call'][k + 1], ['no_answer', 'right_party_contact', 'promise_to_pay', 'delivered'][cityHash64(c, k) % 4 + 1],
          60, toDecimal64(1, 2), {load:UUID}
   FROM (SELECT number, intDiv(number, 4) AS c, number % 4 AS k FROM numbers(${cases * 4}))`,
  `INSERT INTO promise_to_pay (event_id, occurred_at, ptp_id, case_id, agent_id, amount, due_on, load_id)
   SELECT concat('pt', toString(c)), ${OPENED} + toIntervalDay(3), concat('P', toString(c)), ${CASE}, concat('G', toString(c % 200)),
          toDecimal64(50 + c % 300, 2), toDate32(${OPENED}) + 10, {load:UUID}
   FROM (SELECT number AS c FROM numbers(${cases})) WHERE c % 10 < 3`,
  `INSERT INTO payment (event_id, occurred_at, payment_id, account_id, case_id, amount, method, load_id)
   SELECT concat('py', toString(number)), ${OPENED} + toIntervalDay(5 + k * 30), concat('Y', toString(number)),
          concat('A', toString(cityHash64(c, 2) % ${accounts})), ${CASE}, toDecimal64(10 + cityHash64(number, 8) % 300, 2), 'app', {load:UUID}
   FROM (SELECT number, intDiv(number, 2) AS c, number % 2 AS k FROM numbers(${cases * 2}))`,
  `INSERT INTO payment_plan (event_id, occurred_at, plan_id, case_id, kind, installments, total_amount, first_due_on, load_id)
   SELECT concat('pp', toString(c)), ${OPENED} + toIntervalDay(5), concat('PL', toString(c)), ${CASE},
          ['installment', 'settlement', 'hardship'][c % 3 + 1], 1 + c % 12, toDecimal64(200 + c % 3000, 2),
          toDate32(${OPENED}) + 30, {load:UUID}
   FROM (SELECT number AS c FROM numbers(${cases})) WHERE c % 10 = 0`,
  `INSERT INTO legal_action (event_id, occurred_at, case_id, action, cost, load_id)
   SELECT concat('la', toString(number)), ${OPENED} + toIntervalDay(40 + 20 * step), ${CASE},
          ['demand_letter', 'filed', 'judgment'][step + 1], toDecimal64(10 + 100 * step, 2), {load:UUID}
   FROM (SELECT number, intDiv(number, 3) * 20 AS c, number % 3 AS step FROM numbers(${Math.round(cases / 20) * 3}))
   WHERE step <= cityHash64(c, 9) % 3`,
];

const QUERIES: Record<string, SqlQuery> = {
  'cureCurve MONTH 90d, 2025': cureCurveQuery({
    from: '2025-01-01',
    to: '2025-12-31',
    cohortBy: CureCohortBy.MONTH,
    maxDays: 90,
    tz,
  }),
  'cureCurve STRATEGY 180d, 2025-2026': cureCurveQuery({
    from: '2025-01-01',
    to: '2026-10-31',
    cohortBy: CureCohortBy.STRATEGY,
    maxDays: 180,
    tz,
  }),
  'caseOutcomes by strategy, 2025': caseOutcomesQuery({
    from: '2025-01-01',
    to: '2025-12-31',
    tz,
    groupBy: ['strategy'],
  }),
  'caseOutcomes by strategy, team, 2025-2026': caseOutcomesQuery({
    from: '2025-01-01',
    to: '2026-10-31',
    tz,
    groupBy: ['strategy', 'team'],
  }),
  'strategyComparison exp1 30d, 2025': strategyArmsQuery({
    experiment: 'exp1',
    from: '2025-01-01',
    to: '2025-12-31',
    tz,
    cureWithinDays: 30,
  }),
  'kpis 2026-09': kpiQuery({ from: '2026-09-01', to: '2026-09-30', tz, graceDays: 3 }),
  'repaymentPlans by kind, 2025': repaymentPlansQuery({
    from: '2025-01-01',
    to: '2025-12-31',
    groupBy: ['kind'],
    tz,
  }),
  'legalPipeline 2025-2026': legalQuery({ from: '2025-01-01', to: '2026-10-31', tz }),
};

/**
 * cureCurve without the `case_id IN (SELECT … FROM case_opened …)` pushdown it
 * carried for the old CASES_SQL, against the current query on the old CASES_SQL
 * (only while the builder still has it: session 2 removed it).
 */
const PUSHDOWN = /\s*AND case_id IN \(SELECT case_id FROM case_opened WHERE [^\n]*\)/;
const curve = QUERIES['cureCurve STRATEGY 180d, 2025-2026']!;
const PAIRS: [string, SqlQuery, SqlQuery][] = [
  ...Object.entries(QUERIES).map(([name, after]): [string, SqlQuery, SqlQuery] => [
    name,
    legacy(after),
    after,
  ]),
  ...(PUSHDOWN.test(curve.query)
    ? [
        [
          'cureCurve STRATEGY 180d, without pushdown',
          legacy(curve),
          { ...curve, query: curve.query.replace(PUSHDOWN, '') },
        ] as [string, SqlQuery, SqlQuery],
      ]
    : []),
];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1);
/** Rows as a canonical string: floats rounded (summation order may differ), rows sorted. */
const canonical = (rows: unknown[]) =>
  rows
    .map((r) =>
      JSON.stringify(r, (_, v: unknown) => (typeof v === 'number' ? Number(v.toPrecision(9)) : v)),
    )
    .sort()
    .join('\n');

const db = await openTempDb();
try {
  const t0 = performance.now();
  for (const statement of FILL)
    await db.client.command({ query: statement, query_params: { load: LOAD_ID } });
  const fillSeconds = seconds(t0);
  // Only the derived tables these queries read (account_month/account_vintage are not).
  for (const table of [caseFacts, dataAsOf]) {
    const t = performance.now();
    await table.refresh(db, { loadIds: [LOAD_ID] });
    console.log(`refreshed ${table.name} for the whole load in ${seconds(t)} s`);
  }
  const counts = await queryRows<{ t: string; n: string }>(
    db,
    `SELECT 'case_opened' AS t, toString(count()) AS n FROM case_opened
     UNION ALL SELECT 'case_facts', toString(count()) FROM case_facts
     UNION ALL SELECT 'account_snapshot', toString(count()) FROM account_snapshot`,
  );
  console.log(
    `accounts ${accounts}: ${counts.map((c) => `${c.t} ${c.n}`).join(', ')}; filled in ${fillSeconds} s`,
  );
  const overhead: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await queryRows(db, 'SELECT 1');
    overhead.push(performance.now() - start);
  }
  console.log(`per-query overhead (SELECT 1): median ${median(overhead).toFixed(0)} ms`);

  console.log(
    `\n${'query'.padEnd(45)} ${'before ms'.padStart(10)} ${'after ms'.padStart(10)}  ratio  same rows`,
  );
  for (const [name, before, after] of PAIRS) {
    const times = { before: [] as number[], after: [] as number[] };
    const results = { before: '', after: '' };
    for (let i = 0; i < runs; i++)
      for (const [form, sql] of [
        ['before', before],
        ['after', after],
      ] as const) {
        const start = performance.now();
        const rows = await queryRows(db, sql.query, sql.query_params);
        times[form].push(performance.now() - start);
        results[form] = canonical(rows);
      }
    const b = median(times.before);
    const a = median(times.after);
    console.log(
      `${name.padEnd(45)} ${b.toFixed(0).padStart(10)} ${a.toFixed(0).padStart(10)}  ${(b / a).toFixed(1).padStart(5)}×  ${results.before === results.after ? 'yes' : 'NO'}`,
    );
  }
} finally {
  await db.dispose();
}

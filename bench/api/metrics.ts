/**
 * `pnpm exec tsx bench/api/metrics.ts [--accounts N] [--runs R]`: synthesizes
 * the case-side events (agents, cases, assignments, attempts, promises,
 * payments, closures, snapshots) directly in ClickHouse with
 * `INSERT … SELECT FROM numbers(…)` in a fresh temp database, then times the
 * queries of agentPerformance, teamPerformance, caseOutcomes,
 * strategyComparison and kpis through the real Apollo server and prints
 * medians. Per account: 1 case, ~20 attempts, 2 promises, 3 payments, 12
 * monthly snapshots. Measures, never asserts.
 */
import { parseArgs } from 'node:util';
import { loadEnv, queryRows } from '@collections/schema';
import { openTempDb } from '@collections/schema/testing';
import { adminApi } from './admin-api.ts';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '7' },
  },
});
const accounts = Number(values.accounts);
const runs = Number(values.runs);
const db = await openTempDb();
const env = loadEnv({ CHDB_PATH: db.dir, REPORT_TZ: 'Asia/Shanghai' });
const run = (query: string) => db.client.command({ query, query_params: { n: accounts } });

const START = "toDateTime64('2025-11-01 00:00:00', 3, 'UTC')";
const SPAN_S = 365 * 86400;
const t0 = performance.now();
await run(`INSERT INTO agent_registered (event_id, occurred_at, agent_id, name, team)
  SELECT concat('ag', toString(number)), ${START}, concat('AG', toString(number)), concat('Agent ', toString(number)),
         ['alpha', 'bravo', 'charlie', 'delta'][1 + number % 4]
  FROM numbers(greatest(12, intDiv({n:UInt64}, 400)))`);
await run(`INSERT INTO account_opened (event_id, occurred_at, account_id, product, portfolio, region, opened_on, principal, risk_grade)
  SELECT concat('ao', toString(number)), ${START}, concat('A', toString(number)),
         ['credit_card', 'personal_loan', 'auto_loan', 'sme_loan'][1 + cityHash64(number, 1) % 4],
         ['retail', 'cards', 'sme'][1 + cityHash64(number, 2) % 3], ['north', 'south', 'east'][1 + cityHash64(number, 3) % 3],
         toDate('2024-01-01'), 1000 + cityHash64(number, 4) % 9000, ['A', 'B', 'C', 'D', 'E'][1 + cityHash64(number, 5) % 5]
  FROM numbers({n:UInt64})`);
await run(`INSERT INTO account_snapshot (event_id, occurred_at, account_id, as_of, dpd, balance, amount_due, status)
  SELECT concat('as', toString(number)), toDateTime64(as_of, 3, 'UTC') + 3600, concat('A', toString(intDiv(number, 12))),
         as_of, dpd, 100 + cityHash64(number, 6) % 5000, 0,
         if(cityHash64(intDiv(number, 12), 7) % 50 = 0 AND number % 12 > 8, 'charged_off', 'open')
  FROM (SELECT number, addMonths(toDate('2025-11-30'), toInt32(number % 12)) AS as_of,
               if(cityHash64(number, 8) % 4 = 0, cityHash64(number, 9) % 200, 0) AS dpd
        FROM numbers({n:UInt64} * 12))`);
const caseOpenAt = `${START} + toIntervalSecond(cityHash64(number, 10) % ${SPAN_S - 40 * 86400})`;
await run(`INSERT INTO case_opened (event_id, occurred_at, case_id, account_id, strategy, experiment, arm_role, segment, entry_dpd, entry_balance)
  SELECT concat('co', toString(number)), ${caseOpenAt}, concat('K', toString(number)), concat('A', toString(number)),
         ['sms_first', 'early_call', 'hardship_offer'][1 + number % 3], if(number % 3 < 2, 'exp', ''),
         ['champion', 'challenger', ''][1 + number % 3],
         ['willing_able', 'willing_unable', 'unwilling_able', 'unwilling_unable'][1 + cityHash64(number, 11) % 4],
         cityHash64(number, 12) % 120, 500 + cityHash64(number, 13) % 5000
  FROM numbers({n:UInt64})`);
const agents = 'greatest(12, intDiv({n:UInt64}, 400))';
await run(`INSERT INTO case_assigned (event_id, occurred_at, case_id, agent_id)
  SELECT concat('ca', toString(number)), ${caseOpenAt}, concat('K', toString(number)),
         concat('AG', toString(cityHash64(number, 14) % ${agents}))
  FROM numbers({n:UInt64})`);
await run(`INSERT INTO case_closed (event_id, occurred_at, case_id, outcome)
  SELECT concat('cc', toString(number)), ${caseOpenAt} + toIntervalSecond(86400 + cityHash64(number, 15) % (40 * 86400)),
         concat('K', toString(number)), ['cured', 'paid_in_full', 'settled', 'charged_off'][1 + cityHash64(number, 16) % 4]
  FROM numbers({n:UInt64}) WHERE number % 5 < 3`);
/** Per-case events at offsets after the case's opening (case = intDiv(number, per)). */
const perCase = (per: number, salt: number) =>
  `${START} + toIntervalSecond(cityHash64(intDiv(number, ${per}), 10) % ${SPAN_S - 40 * 86400} + cityHash64(number, ${salt}) % (35 * 86400))`;
await run(`INSERT INTO contact_attempt (event_id, occurred_at, case_id, agent_id, channel, outcome, duration_s, cost)
  SELECT concat('ct', toString(number)), ${perCase(20, 17)}, concat('K', toString(intDiv(number, 20))),
         if(number % 4 = 0, '', concat('AG', toString(cityHash64(intDiv(number, 20), 14) % ${agents}))),
         ['call', 'sms', 'call', 'email', 'call', 'ivr'][1 + cityHash64(number, 18) % 6],
         ['no_answer', 'right_party_contact', 'busy', 'promise_to_pay', 'delivered'][1 + cityHash64(number, 19) % 5],
         cityHash64(number, 20) % 600, (cityHash64(number, 21) % 300) / 100
  FROM numbers({n:UInt64} * 20)`);
await run(`INSERT INTO promise_to_pay (event_id, occurred_at, ptp_id, case_id, agent_id, amount, due_on)
  SELECT concat('pp', toString(number)), at, concat('P', toString(number)), concat('K', toString(intDiv(number, 2))),
         concat('AG', toString(cityHash64(intDiv(number, 2), 14) % ${agents})), 50 + cityHash64(number, 22) % 500,
         toDate(at) + 7
  FROM (SELECT number, ${perCase(2, 23)} AS at FROM numbers({n:UInt64} * 2))`);
await run(`INSERT INTO payment (event_id, occurred_at, payment_id, account_id, case_id, amount)
  SELECT concat('py', toString(number)), ${perCase(3, 24)}, concat('Y', toString(number)),
         concat('A', toString(intDiv(number, 3))), concat('K', toString(intDiv(number, 3))), 10 + cityHash64(number, 25) % 400
  FROM numbers({n:UInt64} * 3)`);
const [{ attempts } = { attempts: '0' }] = await queryRows<{ attempts: string }>(
  db,
  'SELECT count() AS attempts FROM contact_attempt',
);
console.log(
  `synthesized ${accounts} accounts (${attempts} attempts) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

const { apollo, context } = await adminApi(db, env);
const PERIOD = { from: '2026-07-01', to: '2026-09-30' };
const CASES: { name: string; query: string; variables?: Record<string, unknown> }[] = [
  {
    name: 'agentPerformance 3 months, page of 50',
    query: `query ($from: String!, $to: String!) { agentPerformance(from: $from, to: $to) { total rows { agentId attempts rpcRate keptRate amountCollected violations } } }`,
    variables: PERIOD,
  },
  {
    name: 'teamPerformance 3 months',
    query: `query ($from: String!, $to: String!) { teamPerformance(from: $from, to: $to) { team agents keptRate amountCollected } }`,
    variables: PERIOD,
  },
  {
    name: 'caseOutcomes 3 months by strategy, team',
    query: `query ($from: String!, $to: String!) { caseOutcomes(from: $from, to: $to, dimensions: [STRATEGY, TEAM]) { key cases medianDaysToClose recoveryRate } }`,
    variables: PERIOD,
  },
  {
    name: 'strategyComparison 12 months',
    query: `{ strategyComparison(experiment: "exp", from: "2025-11-01", to: "2026-10-31") { verdict arms { strategy cureRate pValue } } }`,
  },
  {
    name: 'kpis 3 months (+ previous)',
    query: `query ($from: String!, $to: String!) { kpis(from: $from, to: $to) { kpis { name value previous } } }`,
    variables: PERIOD,
  },
];

for (const c of CASES) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const response = await apollo.executeOperation(
      { query: c.query, variables: c.variables },
      { contextValue: context() },
    );
    times.push(performance.now() - t);
    if (response.body.kind === 'single' && response.body.singleResult.errors)
      throw new Error(`${c.name}: ${JSON.stringify(response.body.singleResult.errors)}`);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  console.log(
    `${c.name.padEnd(42)} median ${median.toFixed(0).padStart(6)} ms  (min ${times[0]?.toFixed(0)} ms, ${runs} runs)`,
  );
}
await apollo.stop();
await db.dispose();

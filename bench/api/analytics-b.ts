/**
 * `pnpm tsx bench/api/analytics-b.ts [--accounts N] [--runs R]`: synthesizes
 * accounts, cases, assignments, agents, contact attempts (60 per case),
 * payments and closures directly in ClickHouse (INSERT … SELECT FROM numbers(),
 * no files, no loader) in bench/out/ab-chdb-<N> (reused between runs), then
 * times channelEffectiveness, complianceReport, cases and caseTimeline through
 * the real Apollo server and prints medians. Measures, never asserts.
 *
 * Default scale M: 1 M accounts, 400 k cases over 24 months, 24 M attempts.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadEnv, migrate, openDb, queryRows, type Db } from '@collections/schema';
import { adminApi } from './admin-api.ts';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '11' },
  },
});
const accounts = Number(values.accounts);
const runs = Number(values.runs);
const cases = Math.round(accounts * 0.4);
const ATTEMPTS_PER_CASE = 60;
const END = '2026-10-31';

async function synthesize(db: Db): Promise<void> {
  const params = { accounts, cases, per: ATTEMPTS_PER_CASE, end: END };
  const run = (query: string) => db.client.command({ query, query_params: params });
  await run(`
    INSERT INTO agent_registered (event_id, occurred_at, agent_id, name, team, site)
    SELECT concat('ag-', toString(number)), toDateTime64('2024-01-01 00:00:00', 3, 'UTC'),
           concat('G', toString(number)), concat('Agent ', toString(number)),
           concat('team-', toString(number % 10)), 'hq'
    FROM numbers(400)`);
  await run(`
    INSERT INTO account_opened (event_id, occurred_at, account_id, customer_hash, product, portfolio,
                                region, opened_on, principal, risk_grade, utc_offset_minutes)
    SELECT concat('ao-', toString(number)), toDateTime64('2024-01-01 00:00:00', 3, 'UTC'),
           concat('A', leftPad(toString(number), 8, '0')), hex(cityHash64(number)),
           ['credit_card', 'personal_loan', 'auto_loan', 'sme_loan'][1 + cityHash64(number, 1) % 4],
           ['retail', 'cards', 'sme'][1 + cityHash64(number, 2) % 3], 'north', '2023-01-01',
           toDecimal64(1000 + cityHash64(number, 3) % 50000, 2), 'B',
           [480, 480, 480, 420, 540, -300, 0, 60][1 + cityHash64(number, 4) % 8]
    FROM numbers({accounts:UInt64})`);
  // Cases: opened uniformly over the 24 months before END.
  const opened = `toDateTime64(toDate({end:Date}) - toIntervalDay(cityHash64(c, 10) % 720), 3, 'UTC') + toIntervalSecond(cityHash64(c, 11) % 86400)`;
  await run(`
    INSERT INTO case_opened (event_id, occurred_at, case_id, account_id, strategy, experiment, arm_role,
                             segment, entry_dpd, entry_balance)
    SELECT concat('co-', toString(c)), ${opened}, concat('K', leftPad(toString(c), 8, '0')),
           concat('A', leftPad(toString(cityHash64(c, 12) % {accounts:UInt64}), 8, '0')),
           ['sms_first', 'early_call', 'hardship_offer', 'late_stage_call'][1 + cityHash64(c, 13) % 4], '', '',
           ['willing_able', 'willing_unable', 'unwilling_able', 'unwilling_unable'][1 + cityHash64(c, 14) % 4],
           toUInt32(1 + cityHash64(c, 15) % 120), toDecimal64(500 + cityHash64(c, 16) % 20000, 2)
    FROM (SELECT number AS c FROM numbers({cases:UInt64}))`);
  await run(`
    INSERT INTO case_assigned (event_id, occurred_at, case_id, agent_id)
    SELECT concat('ca-', toString(c), '-', toString(k)), ${opened} + toIntervalHour(1 + k * 360),
           concat('K', leftPad(toString(c), 8, '0')), concat('G', toString(cityHash64(c, k, 20) % 400))
    FROM (SELECT intDiv(number, 2) AS c, number % 2 AS k FROM numbers({cases:UInt64} * 2))
    WHERE k = 0 OR cityHash64(c, 21) % 10 < 3`);
  // Attempts: about one a day for 60 days, at a random time of day (some out of hours, some bursts).
  await run(`
    INSERT INTO contact_attempt (event_id, occurred_at, case_id, agent_id, channel, outcome, duration_s, cost)
    SELECT concat('ct-', toString(number)),
           ${opened} + toIntervalSecond(k * 86400 - (cityHash64(c, k, 33) % 3) * 30000 + cityHash64(c, k, 30) % 50000),
           concat('K', leftPad(toString(c), 8, '0')),
           if(channel IN ('call', 'field_visit'), concat('G', toString(cityHash64(c, 20) % 400)), ''),
           channel,
           ['no_answer', 'busy', 'voicemail', 'failed', 'delivered', 'opened', 'right_party_contact',
            'promise_to_pay', 'refused_to_pay', 'wrong_number'][1 + cityHash64(c, k, 31) % 10],
           if(channel = 'call', toUInt32(cityHash64(c, k, 32) % 600), 0),
           toDecimal64(multiIf(channel = 'field_visit', 25, channel = 'call', 1.2, channel = 'letter', 0.8, 0.05), 2)
    FROM (SELECT number, intDiv(number, {per:UInt32}) AS c, number % {per:UInt32} AS k,
                 ['call', 'call', 'call', 'call', 'sms', 'sms', 'email', 'app_push', 'ivr', 'letter',
                  'field_visit', 'sms'][1 + cityHash64(intDiv(number, {per:UInt32}), number % {per:UInt32}, 34) % 12] AS channel
          FROM numbers({cases:UInt64} * {per:UInt32}))`);
  await run(`
    INSERT INTO payment (event_id, occurred_at, payment_id, account_id, case_id, amount, method)
    SELECT concat('py-', toString(number)), ${opened} + toIntervalSecond(cityHash64(c, k, 40) % (70 * 86400)),
           concat('py-', toString(number)),
           concat('A', leftPad(toString(cityHash64(c, 12) % {accounts:UInt64}), 8, '0')),
           concat('K', leftPad(toString(c), 8, '0')), toDecimal64(10 + cityHash64(c, k, 41) % 2000, 2), 'app'
    FROM (SELECT number, intDiv(number, 3) AS c, number % 3 AS k FROM numbers({cases:UInt64} * 3))`);
  await run(`
    INSERT INTO case_closed (event_id, occurred_at, case_id, outcome)
    SELECT concat('cc-', toString(c)), ${opened} + toIntervalDay(10 + cityHash64(c, 50) % 80),
           concat('K', leftPad(toString(c), 8, '0')),
           ['cured', 'paid_in_full', 'settled', 'charged_off', 'written_off'][1 + cityHash64(c, 51) % 5]
    FROM (SELECT number AS c FROM numbers({cases:UInt64}))
    WHERE cityHash64(c, 52) % 10 < 6
      AND ${opened} + toIntervalDay(10 + cityHash64(c, 50) % 80) <= toDateTime64({end:Date}, 3, 'UTC')`);
}

const dir = path.resolve(import.meta.dirname, `../out/ab-chdb-${accounts}`);
const env = loadEnv({ CHDB_PATH: dir });
const db = await openDb(env);
await migrate(db);
const count = async (table: string) =>
  Number((await queryRows<{ n: string }>(db, `SELECT count() AS n FROM ${table}`))[0]?.n ?? 0);
if ((await count('contact_attempt')) !== cases * ATTEMPTS_PER_CASE) {
  for (const t of [
    'agent_registered',
    'account_opened',
    'case_opened',
    'case_assigned',
    'contact_attempt',
    'payment',
    'case_closed',
  ])
    await db.client.command({ query: `TRUNCATE TABLE ${t}` });
  const t0 = performance.now();
  await synthesize(db);
  console.log(
    `synthesized ${accounts} accounts, ${cases} cases, ${cases * ATTEMPTS_PER_CASE} attempts in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}

const { apollo, context } = await adminApi(db, env);

const QUERIES: { name: string; query: string; variables?: Record<string, unknown> }[] = [
  {
    name: 'channelEffectiveness 1 month',
    query: `{ channelEffectiveness(from: "2026-09-01", to: "2026-09-30") { channel attempts contactRate rpcRate promises payments amountCollected cost costToCollect } }`,
  },
  {
    name: 'channelEffectiveness 3 months, portfolio filter',
    query: `{ channelEffectiveness(from: "2026-07-01", to: "2026-09-30", filter: { portfolios: ["sme"] }) { channel attempts payments amountCollected } }`,
  },
  {
    name: 'complianceReport 1 month (agents, teams)',
    query: `{ complianceReport(from: "2026-09-01", to: "2026-09-30") { voiceAttempts violations agents { agentId violations } teams { team violations } } }`,
  },
  {
    name: 'complianceReport 1 month + offending page',
    query: `{ complianceReport(from: "2026-09-01", to: "2026-09-30", filter: { teams: ["team-3"] }, limit: 50, offset: 100) { violations offendingAttempts { total rows { eventId caseId rules localTime } } } }`,
  },
  {
    name: 'cases page 1, no filter',
    query: `{ cases(limit: 50) { total rows { caseId accountMasked agentId team outcome paid } } }`,
  },
  {
    name: 'cases filtered (strategy, team, open)',
    query: `{ cases(filter: { strategies: ["early_call"], teams: ["team-2"], outcomes: ["open"] }, limit: 50, offset: 50) { total rows { caseId paid } } }`,
  },
  {
    name: 'caseTimeline',
    query: `{ caseTimeline(caseId: "K00012345") { summary { caseId paid } events { type occurredAt outcome amount } } }`,
  },
];

for (const q of QUERIES) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const res = await apollo.executeOperation(
      { query: q.query, variables: q.variables },
      { contextValue: context() },
    );
    times.push(performance.now() - t);
    if (res.body.kind === 'single' && res.body.singleResult.errors) {
      console.error(q.name, JSON.stringify(res.body.singleResult.errors));
      break;
    }
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? NaN;
  console.log(
    `${q.name.padEnd(48)} median ${median.toFixed(0).padStart(6)} ms  (min ${times[0]?.toFixed(0)} ms, ${times.length} runs)`,
  );
}
await apollo.stop();
await db.close();

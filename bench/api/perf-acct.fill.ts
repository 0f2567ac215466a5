/**
 * Synthetic scale-M data for bench/api/perf-acct.ts, filled directly in
 * ClickHouse at the generator's per-account rates (docs/generator.md): see the
 * bench's header for the rates. Months 2024-11 … 2026-10; every event at or
 * before 2026-10-31 23:00 UTC (the as-of instant).
 */
export const SYNTH_LOAD_ID = '00000000-0000-4000-8000-0000000acc70';

const END = `toDateTime64('2026-10-31 23:00:00', 3, 'UTC')`;
const START = `toDateTime64('2025-01-01 00:00:00', 3, 'UTC')`;
/** Case c opens between 2025-01-01 and 2026-10-22 (a case opens on any day here). */
const OPENED = `(${START} + toIntervalSecond(cityHash64(c, 1) % 56160000))`;
const CASE = `concat('K', toString(c))`;

/**
 * One row per account and month m (0 = 2024-11) it is on book: 20 % of accounts
 * open inside the window; ~25 % fall delinquent at a random month and roll 30 DPD
 * a month, most cure after 1–8 months, 6 % roll on to charge-off (and stay on book
 * charged off); 10 % close (pay off) at a random month and have no later snapshot.
 */
function accountMonths(accounts: number): string {
  return `(
    SELECT number AS n, a, m, status, dpd, balance FROM (
      SELECT number, intDiv(number, 24) AS a, number % 24 AS m,
             if(cityHash64(a, 20) % 5 = 0, cityHash64(a, 21) % 24, 0) AS start_m,
             cityHash64(a, 1) % 1000 AS r, cityHash64(a, 2) % 24 AS ep, 1 + cityHash64(a, 3) % 8 AS dur,
             cityHash64(a, 4) % 24 AS close_at, toInt64(m) - toInt64(ep) AS k,
             multiIf(r >= 900 AND m >= close_at, 'closed', r < 60 AND k >= 7, 'charged_off', 'open') AS status,
             multiIf(status = 'closed', 0,
                     r < 250 AND k >= 0 AND (r < 60 OR k < dur), toUInt32(1 + k * 30 + r % 29), 0) AS dpd,
             if(status = 'closed', toDecimal64(0, 2),
                toDecimal64((1000 + cityHash64(a, 5) % 50000) * (1 - m / 48), 2)) AS balance
      FROM numbers(${accounts * 24})
    )
    WHERE m >= start_m AND NOT (r >= 900 AND m > close_at) AND cityHash64(number, 22) % 200 != 0
  )`;
}

function snapshotInsert(accounts: number, midMonth: boolean): string {
  const asOf = midMonth
    ? `addDays(toStartOfMonth(addMonths(toDate32('2024-11-01'), toInt32(m))), 14)`
    : `toLastDayOfMonth(addMonths(toDate32('2024-11-01'), toInt32(m)))`;
  return `INSERT INTO account_snapshot (event_id, occurred_at, account_id, as_of, dpd, balance, amount_due, status, load_id)
    SELECT concat(${midMonth ? "'sm'" : "'se'"}, toString(n)), toDateTime64(as_of, 3, 'UTC') + toIntervalHour(22),
           concat('A', toString(a)), ${asOf} AS as_of, dpd, balance,
           if(dpd > 0, toDecimal64(balance * 0.05, 2), toDecimal64(0, 2)), status, {load:UUID}
    FROM ${accountMonths(accounts)}
    WHERE toDateTime64(as_of, 3, 'UTC') + toIntervalHour(22) <= ${END}
      ${midMonth ? 'AND cityHash64(n, 23) % 25 = 0' : ''}`;
}

export function synthStatements(accounts: number): string[] {
  const cases = Math.round(accounts * 0.4);
  return [
    `INSERT INTO account_opened (event_id, occurred_at, account_id, customer_hash, product, portfolio, region, opened_on, principal, risk_grade, utc_offset_minutes, load_id)
     SELECT concat('ao', toString(number)), toDateTime64(opened, 3, 'UTC') + toIntervalHour(9), concat('A', toString(number)), 'h',
            ['credit_card', 'credit_card', 'personal_loan', 'auto_loan', 'sme_loan'][cityHash64(number, 11) % 5 + 1],
            ['retail', 'retail', 'cards', 'sme'][cityHash64(number, 12) % 4 + 1],
            ['north', 'south', 'east', 'west', 'central', 'overseas'][cityHash64(number, 13) % 6 + 1],
            opened, toDecimal64(1000 + cityHash64(number, 5) % 50000, 2),
            if(cityHash64(number, 14) % 20 = 0, '', ['A', 'B', 'C', 'D', 'E'][cityHash64(number, 14) % 5 + 1]),
            if(cityHash64(number, 15) % 50 = 0, 60, 480), {load:UUID}
     FROM (SELECT number,
                  if(cityHash64(number, 20) % 5 = 0,
                     addMonths(toDate32('2024-11-01'), toInt32(cityHash64(number, 21) % 24)),
                     toDate32('2020-11-01') + cityHash64(number, 16) % 1460) AS opened
           FROM numbers(${accounts}))`,
    snapshotInsert(accounts, false),
    snapshotInsert(accounts, true),
    `INSERT INTO agent_registered (event_id, occurred_at, agent_id, name, team, site, load_id)
     SELECT concat('ag', toString(number)), toDateTime64('2024-01-01 00:00:00', 3, 'UTC'), concat('G', toString(number)),
            concat('Agent ', toString(number)), ['alpha', 'bravo', 'charlie', 'delta', 'echo'][number % 5 + 1], 'hq', {load:UUID}
     FROM numbers(200)`,
    `INSERT INTO case_opened (event_id, occurred_at, case_id, account_id, strategy, experiment, arm_role, segment, entry_dpd, entry_balance, load_id)
     SELECT concat('co', toString(c)), ${OPENED}, ${CASE}, concat('A', toString(cityHash64(c, 2) % ${accounts})),
            ['sms_first', 'early_call', 'hardship_offer', 'late_stage_call'][c % 4 + 1], if(c % 4 < 2, 'exp1', ''),
            ['champion', 'challenger', '', ''][c % 4 + 1],
            if(cityHash64(c, 8) % 25 = 0, '', ['willing_able', 'willing_unable', 'unwilling_able', 'unwilling_unable'][c % 4 + 1]),
            1 + cityHash64(c, 3) % 120, toDecimal64(100 + cityHash64(c, 4) % 5000, 2), {load:UUID}
     FROM (SELECT number AS c FROM numbers(${cases}))`,
    `INSERT INTO case_closed (event_id, occurred_at, case_id, outcome, load_id)
     SELECT concat('cc', toString(c)), t, ${CASE},
            ['cured', 'cured', 'paid_in_full', 'settled', 'plan_completed', 'charged_off', 'written_off', 'legal_closed'][cityHash64(c, 6) % 8 + 1],
            {load:UUID}
     FROM (SELECT number AS c, ${OPENED} + toIntervalSecond(cityHash64(c, 5) % 10368000) AS t FROM numbers(${cases}))
     WHERE cityHash64(c, 7) % 10 < 7 AND t <= ${END}`,
    `INSERT INTO case_assigned (event_id, occurred_at, case_id, agent_id, load_id)
     SELECT concat('ca', toString(number)), ${OPENED} + toIntervalHour(1 + k * 24 * (7 + c % 14)), ${CASE},
            concat('G', toString(cityHash64(c, k) % 200)), {load:UUID}
     FROM (SELECT number, intDiv(number, 2) AS c, number % 2 AS k FROM numbers(${cases * 2}))
     WHERE k = 0 OR cityHash64(c, 9) % 100 < 15`,
    `INSERT INTO contact_attempt (event_id, occurred_at, case_id, agent_id, channel, outcome, duration_s, cost, load_id)
     SELECT concat('ct', toString(number)), t, ${CASE}, if(ch = 'call', concat('G', toString(c % 200)), ''), ch,
            ['no_answer', 'right_party_contact', 'promise_to_pay', 'delivered', 'busy'][cityHash64(c, k) % 5 + 1],
            60, toDecimal64(0.5, 2), {load:UUID}
     FROM (SELECT number, intDiv(number, 10) AS c, number % 10 AS k, ['call', 'sms', 'email', 'call', 'push'][k % 5 + 1] AS ch,
                  ${OPENED} + toIntervalHour(2 + k * 72) AS t FROM numbers(${cases * 10}))
     WHERE t <= ${END}`,
    `INSERT INTO promise_to_pay (event_id, occurred_at, ptp_id, case_id, agent_id, amount, due_on, load_id)
     SELECT concat('pt', toString(c)), ${OPENED} + toIntervalDay(3), concat('P', toString(c)), ${CASE}, concat('G', toString(c % 200)),
            toDecimal64(50 + c % 300, 2), toDate32(${OPENED}) + 10, {load:UUID}
     FROM (SELECT number AS c FROM numbers(${cases})) WHERE c % 10 < 3 AND ${OPENED} + toIntervalDay(3) <= ${END}`,
    `INSERT INTO payment (event_id, occurred_at, payment_id, account_id, case_id, amount, method, load_id)
     SELECT concat('py', toString(number)), t, concat('Y', toString(number)),
            concat('A', toString(cityHash64(c, 2) % ${accounts})), if(k < 2, ${CASE}, ''),
            toDecimal64(10 + cityHash64(number, 8) % 300, 2), 'app', {load:UUID}
     FROM (SELECT number, intDiv(number, 3) AS c, number % 3 AS k, ${OPENED} + toIntervalDay(5 + k * 30) AS t
           FROM numbers(${cases * 3}))
     WHERE t <= ${END}`,
    `INSERT INTO payment_plan (event_id, occurred_at, plan_id, case_id, kind, installments, total_amount, first_due_on, load_id)
     SELECT concat('pp', toString(c)), ${OPENED} + toIntervalDay(5), concat('PL', toString(c)), ${CASE},
            ['installment', 'settlement', 'hardship'][c % 3 + 1], 1 + c % 12, toDecimal64(200 + c % 3000, 2),
            toDate32(${OPENED}) + 30, {load:UUID}
     FROM (SELECT number AS c FROM numbers(${cases})) WHERE c % 10 = 0 AND ${OPENED} + toIntervalDay(5) <= ${END}`,
    `INSERT INTO legal_action (event_id, occurred_at, case_id, action, cost, load_id)
     SELECT concat('la', toString(number)), ${OPENED} + toIntervalDay(40 + 20 * step), ${CASE},
            ['demand_letter', 'filed', 'judgment'][step + 1], toDecimal64(10 + 100 * step, 2), {load:UUID}
     FROM (SELECT number, intDiv(number, 3) * 20 AS c, number % 3 AS step FROM numbers(${Math.round(cases / 20) * 3}))
     WHERE step <= cityHash64(c, 9) % 3 AND ${OPENED} + toIntervalDay(40 + 20 * step) <= ${END}`,
  ];
}

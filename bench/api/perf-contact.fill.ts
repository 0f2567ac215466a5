/**
 * Synthetic contact-side data for bench/api/perf-contact.ts, written directly
 * in ClickHouse (INSERT … SELECT FROM numbers()) at the generator's per-case
 * rates of scale M (docs/GENERATOR.md): per 1 M accounts, 384 k cases opened
 * over 700 days (2024-11 … 2026-10), 1.5 assignments, 45 contact attempts
 * (about half voice), 3.25 promises and 4.5 payments per case (10 % of payments
 * without a case), 2 500 agents in 25 teams. Local offsets: 85 % UTC+8, 10 %
 * UTC+7, 5 % UTC−5; attempt hours spread so that some fall outside 08–22 local.
 */
export const CONTACT_LOAD_ID = '00000000-0000-4000-8000-00000000c0c7';

export function CONTACT_FILL(scale: number): string[] {
  const accounts = Math.round(1_000_000 * scale);
  const cases = Math.round(384_000 * scale);
  const OPENED = `toDateTime64('2024-11-01 00:00:00', 3, 'UTC') + toIntervalSecond(cityHash64(c, 1) % 60480000)`;
  const CASE = `concat('K', toString(c))`;
  const AGENT = `concat('G', toString(cityHash64(c, 10) % 2500))`;
  return [
    `INSERT INTO account_opened (event_id, occurred_at, account_id, customer_hash, product, portfolio, region, opened_on, principal, risk_grade, utc_offset_minutes, load_id)
     SELECT concat('ao', toString(number)), toDateTime64('2023-01-01 00:00:00', 3, 'UTC') + toIntervalDay(number % 600),
            concat('A', toString(number)), 'h', ['credit_card', 'personal_loan', 'auto_loan', 'sme_loan'][number % 4 + 1],
            ['retail', 'sme'][number % 2 + 1], ['north', 'south', 'east', 'west'][number % 4 + 1],
            toDate32('2023-01-01') + number % 600, 1000, ['A', 'B', 'C', 'D', 'E'][number % 5 + 1],
            multiIf(cityHash64(number, 3) % 100 < 85, 480, cityHash64(number, 3) % 100 < 95, 420, -300), {load:UUID}
     FROM numbers(${accounts})`,
    `INSERT INTO case_opened (event_id, occurred_at, case_id, account_id, strategy, experiment, arm_role, segment, entry_dpd, entry_balance, load_id)
     SELECT concat('co', toString(c)), ${OPENED}, ${CASE}, concat('A', toString(cityHash64(c, 2) % ${accounts})),
            ['sms_first', 'early_call', 'hardship_offer'][c % 3 + 1], if(c % 3 < 2, 'exp1', ''),
            ['champion', 'challenger', ''][c % 3 + 1],
            ['willing_able', 'willing_unable', 'unwilling_able', 'unwilling_unable'][c % 4 + 1],
            cityHash64(c, 3) % 120, toDecimal64(100 + cityHash64(c, 4) % 5000, 2), {load:UUID}
     FROM (SELECT number AS c FROM numbers(${cases}))`,
    `INSERT INTO case_closed (event_id, occurred_at, case_id, outcome, load_id)
     SELECT concat('cc', toString(c)), ${OPENED} + toIntervalSecond(cityHash64(c, 5) % 10368000), ${CASE},
            ['cured', 'paid_in_full', 'settled', 'charged_off'][cityHash64(c, 6) % 4 + 1], {load:UUID}
     FROM (SELECT number AS c FROM numbers(${cases})) WHERE cityHash64(c, 7) % 10 < 9`,
    `INSERT INTO agent_registered (event_id, occurred_at, agent_id, name, team, site, load_id)
     SELECT concat('ag', toString(number)), toDateTime64('2024-01-01 00:00:00', 3, 'UTC'), concat('G', toString(number)),
            concat('Agent ', toString(number)), concat('team-', toString(number % 25)), 'hq', {load:UUID}
     FROM numbers(2500)`,
    `INSERT INTO case_assigned (event_id, occurred_at, case_id, agent_id, load_id)
     SELECT concat('ca', toString(number)), ${OPENED} + toIntervalHour(1 + k * 480), ${CASE},
            if(k = 0, ${AGENT}, concat('G', toString(cityHash64(c, 11) % 2500))), {load:UUID}
     FROM (SELECT number, intDiv(number, 2) AS c, number % 2 AS k FROM numbers(${cases * 2}))
     WHERE k = 0 OR c % 2 = 0`,
    `INSERT INTO contact_attempt (event_id, occurred_at, case_id, agent_id, channel, outcome, duration_s, cost, load_id)
     SELECT concat('ct', toString(number)), ${OPENED} + toIntervalHour(k * 48) + toIntervalMinute(cityHash64(number, 1) % 900),
            ${CASE}, if(channel IN ('ivr', 'app_push', 'letter'), '', ${AGENT}), channel,
            ['no_answer', 'busy', 'voicemail', 'right_party_contact', 'promise_to_pay', 'refused_to_pay', 'delivered', 'wrong_number'][cityHash64(number, 2) % 8 + 1],
            if(channel = 'call', cityHash64(number, 3) % 600, 0), toDecimal64(0.5, 2), {load:UUID}
     FROM (SELECT number, intDiv(number, 45) AS c, number % 45 AS k,
                  ['call', 'call', 'call', 'call', 'call', 'call', 'call', 'call', 'call', 'sms', 'sms', 'sms', 'sms', 'sms',
                   'email', 'email', 'app_push', 'ivr', 'field_visit', 'letter'][cityHash64(number, 4) % 20 + 1] AS channel
           FROM numbers(${cases * 45}))`,
    `INSERT INTO promise_to_pay (event_id, occurred_at, ptp_id, case_id, agent_id, amount, due_on, load_id)
     SELECT concat('pt', toString(number)), ${OPENED} + toIntervalHour(k * 480 + 3), concat('P', toString(number)), ${CASE},
            ${AGENT}, toDecimal64(50 + cityHash64(number, 1) % 300, 2), toDate32(${OPENED} + toIntervalHour(k * 480 + 3)) + 7, {load:UUID}
     FROM (SELECT number, intDiv(number, 4) AS c, number % 4 AS k FROM numbers(${cases * 4}))
     WHERE k < 3 OR c % 4 = 0`,
    `INSERT INTO payment (event_id, occurred_at, payment_id, account_id, case_id, amount, method, load_id)
     SELECT concat('py', toString(number)), ${OPENED} + toIntervalHour(k * 360 + 100) + toIntervalMinute(cityHash64(number, 1) % 600),
            concat('Y', toString(number)), concat('A', toString(cityHash64(c, 2) % ${accounts})),
            if(cityHash64(number, 9) % 10 = 0, '', ${CASE}), toDecimal64(10 + cityHash64(number, 8) % 300, 2), 'app', {load:UUID}
     FROM (SELECT number, intDiv(number, 5) AS c, number % 5 AS k FROM numbers(${cases * 5}))
     WHERE k < 4 OR c % 2 = 0`,
  ];
}

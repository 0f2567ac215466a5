/**
 * Synthesizes account_opened + account_snapshot directly in ClickHouse for the
 * API benchmark (no files, no loader): `accounts` accounts × `months` monthly
 * snapshots with a Markov-ish walk — ~25 % of accounts fall delinquent at a
 * random month and roll forward 30 DPD a month; most cure after 1–8 months,
 * the worst roll on to charge-off after 7; ~10 % close (pay off) at a random month.
 */
import type { Db } from '@collections/schema';

export const BENCH_LOAD_ID = '00000000-0000-4000-8000-00000000be0c';

export async function synthesize(
  db: Pick<Db, 'client'>,
  accounts: number,
  months: number,
  endMonth = '2026-10',
): Promise<void> {
  const params = { accounts, months, end: `${endMonth}-01`, load: BENCH_LOAD_ID };
  await db.client.command({
    query: `
      INSERT INTO account_opened
        (event_id, occurred_at, account_id, customer_hash, product, portfolio, region, opened_on,
         principal, risk_grade, load_id)
      SELECT
        concat('bo-', toString(number)),
        toDateTime64(opened, 3, 'UTC'),
        concat('A', leftPad(toString(number), 8, '0')),
        hex(cityHash64(number)),
        ['credit_card', 'personal_loan', 'auto_loan', 'sme_loan'][1 + cityHash64(number, 11) % 4],
        ['retail', 'cards', 'sme'][1 + cityHash64(number, 12) % 3],
        ['north', 'south', 'east', 'west', 'central', 'coast'][1 + cityHash64(number, 13) % 6],
        opened,
        toDecimal64(1000 + cityHash64(number, 5) % 50000, 2),
        ['A', 'B', 'C', 'D', 'E'][1 + cityHash64(number, 14) % 5],
        {load:UUID}
      FROM (
        SELECT number,
          addMonths(toDate({end:Date}), -{months:UInt32} - toInt32(cityHash64(number, 6) % 24)) AS opened
        FROM numbers({accounts:UInt64})
      )`,
    query_params: params,
  });
  await db.client.command({
    query: `
      INSERT INTO account_snapshot
        (event_id, occurred_at, account_id, as_of, dpd, balance, amount_due, status, load_id)
      SELECT
        concat('bs-', toString(n)),
        toDateTime64(as_of, 3, 'UTC') + toIntervalHour(20),
        concat('A', leftPad(toString(a), 8, '0')),
        as_of,
        dpd,
        balance,
        if(dpd > 0, toDecimal64(balance * 0.05, 2), toDecimal64(0, 2)),
        status,
        {load:UUID}
      FROM (
        SELECT
          number AS n,
          intDiv(number, {months:UInt32}) AS a,
          number % {months:UInt32} AS m,
          toLastDayOfMonth(addMonths(toDate({end:Date}), toInt32(m) - {months:UInt32} + 1)) AS as_of,
          cityHash64(a, 1) % 1000 AS r,
          cityHash64(a, 2) % {months:UInt32} AS start,
          1 + cityHash64(a, 3) % 8 AS dur,
          cityHash64(a, 4) % {months:UInt32} AS close_at,
          toInt64(m) - toInt64(start) AS k,
          multiIf(
            r >= 900 AND m >= close_at, 'closed',
            r < 60 AND k >= 7, 'charged_off',
            'open') AS status,
          multiIf(
            status = 'closed', 0,
            r < 250 AND k >= 0 AND (r < 60 OR k < dur), toUInt32(1 + k * 30 + r % 29),
            0) AS dpd,
          if(status = 'closed', toDecimal64(0, 2),
             toDecimal64((1000 + cityHash64(a, 5) % 50000) * (1 - m / ({months:UInt32} * 2)), 2)) AS balance
        FROM numbers({accounts:UInt64} * {months:UInt32})
      )`,
    query_params: params,
  });
}

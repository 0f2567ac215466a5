/**
 * Account dimensions, resolved at query time (SPEC §2: late dimensions are not
 * rejected): the latest `account_opened` of each account.
 *
 * Columns: account_id, product, portfolio, region, risk_grade, opened_on, principal, utc_offset_minutes.
 */
export const ACCOUNTS_SQL = `(
  SELECT account_id,
         argMax(product, occurred_at) AS product, argMax(portfolio, occurred_at) AS portfolio,
         argMax(region, occurred_at) AS region, argMax(risk_grade, occurred_at) AS risk_grade,
         argMax(opened_on, occurred_at) AS opened_on, argMax(principal, occurred_at) AS principal,
         argMax(utc_offset_minutes, occurred_at) AS utc_offset_minutes
  FROM account_opened GROUP BY account_id
)`;

/**
 * Account dimensions (docs/etl.md#event-format: late dimensions are not rejected): the latest
 * `account_opened` of each account.
 *
 * Columns: account_id, product, portfolio, region, risk_grade, opened_on, principal, utc_offset_minutes.
 *
 * Reads the derived table `account_dims` (schema/src/derived/account-dims/index.ts),
 * one row per account that the ETL refreshes after every load, instead of an
 * argMax over every account_opened on each query (docs/schema.md#derived-tables).
 */
export const ACCOUNTS_SQL = `(
  SELECT account_id, product, portfolio, region, risk_grade, opened_on, principal, utc_offset_minutes
  FROM account_dims WHERE has_opened
)`;

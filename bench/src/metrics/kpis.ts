/**
 * docs/metrics/kpis.md, KpiSummary figures over [from, to] and over the previous period
 * (docs/metrics/kpis.md: previous calendar months or equal length, $3, $4): delinquency at period end (latest snapshot on or
 * before `to`), cases opened and closed, amount collected, 30-day cure rate of
 * the cases opened in the period (mature ones), RPC rate, kept rate of the
 * promises made in the period, and first charge-offs in the period.
 */
// docs/metrics/kpis.md, KpiSummary.previous: one definition, the API's.
import { previousPeriod } from '@collections/api/queries';
import {
  AS_OF_SQL,
  CASES_SQL,
  EFFECTIVE_SNAPSHOTS_SQL,
  inPeriod,
  plusDays,
  promisesSql,
  RPC_SQL,
} from './common.ts';
import { cents, num, sortBy, type Canonical, type ComparisonSql } from './types.ts';

export const KPI_NAMES = [
  'delinquent_balance',
  'delinquent_accounts',
  'delinquency_rate',
  'cases_opened',
  'cases_closed',
  'amount_collected',
  'cure_rate_30d',
  'rpc_rate',
  'kept_rate',
  'charge_offs',
] as const;

function periodSql(label: string, from: string, to: string): string {
  return `SELECT '${label}' AS period,
    (SELECT COALESCE(sum(balance) FILTER (WHERE status = 'open' AND dpd > 0), 0) FROM latest_${label}) AS delinquent_balance,
    (SELECT count(*) FILTER (WHERE status = 'open' AND dpd > 0) FROM latest_${label}) AS delinquent_accounts,
    (SELECT COALESCE(sum(balance) FILTER (WHERE status = 'open'), 0) FROM latest_${label}) AS open_balance,
    (SELECT count(*) FROM cases WHERE ${inPeriod('opened_at', from, to)}) AS cases_opened,
    (SELECT count(*) FROM cases WHERE closed_at IS NOT NULL AND ${inPeriod('closed_at', from, to)}) AS cases_closed,
    (SELECT COALESCE(sum(amount), 0) FROM payment WHERE ${inPeriod('occurred_at', from, to)}) AS amount_collected,
    (SELECT count(*) FROM cases WHERE ${inPeriod('opened_at', from, to)}
       AND ${plusDays('opened_at', '30')} <= (SELECT as_of FROM as_of)) AS cure_mature,
    (SELECT count(*) FROM cases WHERE ${inPeriod('opened_at', from, to)}
       AND ${plusDays('opened_at', '30')} <= (SELECT as_of FROM as_of)
       AND cured_at IS NOT NULL AND cured_at <= ${plusDays('opened_at', '30')}) AS cure_cured,
    (SELECT count(*) FROM contact_attempt WHERE ${inPeriod('occurred_at', from, to)}) AS attempts,
    (SELECT count(*) FROM contact_attempt WHERE ${RPC_SQL} AND ${inPeriod('occurred_at', from, to)}) AS rpcs,
    (SELECT count(*) FILTER (WHERE status = 'kept') FROM promises WHERE ${inPeriod('made_at', from, to)}) AS kept,
    (SELECT count(*) FILTER (WHERE status <> 'pending') FROM promises WHERE ${inPeriod('made_at', from, to)}) AS matured,
    (SELECT count(*) FROM first_co WHERE first_co BETWEEN CAST(${from} AS DATE) AND CAST(${to} AS DATE)) AS charge_offs`;
}

function latestSql(to: string): string {
  return `(SELECT status, dpd, balance FROM (
     SELECT status, dpd, balance,
            row_number() OVER (PARTITION BY account_id ORDER BY as_of DESC, occurred_at DESC, event_id DESC) AS rn
     FROM account_snapshot WHERE as_of <= CAST(${to} AS DATE)) AS s WHERE rn = 1)`;
}

export const kpisSql: ComparisonSql = {
  name: 'kpis',
  sql: () => `
    WITH as_of AS (SELECT ${AS_OF_SQL} AS as_of),
    cases AS ${CASES_SQL},
    promises AS ${promisesSql('$5')},
    first_co AS (SELECT min(as_of) AS first_co FROM ${EFFECTIVE_SNAPSHOTS_SQL} AS e
                 WHERE status = 'charged_off' GROUP BY account_id),
    latest_current AS ${latestSql('$2')},
    latest_previous AS ${latestSql('$4')}
    ${periodSql('current', '$1', '$2')}
    UNION ALL
    ${periodSql('previous', '$3', '$4')}`,
  params: (a) => {
    const prev = previousPeriod(a.from, a.to);
    return [a.from, a.to, prev.from, prev.to, a.graceDays];
  },
  canonical(rows): Canonical {
    // docs/metrics/README.md#zero-denominators: `value` is non-nullable (0), `previous` nullable (null).
    const values = (r: Record<string, unknown> | undefined, zero: number | null) => {
      if (!r) return undefined;
      const rate = (n: unknown, d: unknown) =>
        Number(d) === 0 ? zero : num(Number(n) / Number(d));
      return {
        delinquent_balance: cents(r.delinquent_balance),
        delinquent_accounts: Number(r.delinquent_accounts),
        delinquency_rate: rate(r.delinquent_balance, r.open_balance),
        cases_opened: Number(r.cases_opened),
        cases_closed: Number(r.cases_closed),
        amount_collected: cents(r.amount_collected),
        cure_rate_30d: rate(r.cure_cured, r.cure_mature),
        rpc_rate: rate(r.rpcs, r.attempts),
        kept_rate: rate(r.kept, r.matured),
        charge_offs: Number(r.charge_offs),
      } satisfies Record<(typeof KPI_NAMES)[number], number | null>;
    };
    const cur = values(
      rows.find((r) => r.period === 'current'),
      0,
    );
    const prev = values(
      rows.find((r) => r.period === 'previous'),
      null,
    );
    return sortBy(
      KPI_NAMES.map((name) => ({
        name,
        value: cur?.[name] ?? null,
        previous: prev?.[name] ?? null,
      })),
      'name',
    );
  },
};

export { previousPeriod };

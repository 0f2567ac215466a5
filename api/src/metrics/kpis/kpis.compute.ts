/** The KPIs of docs/metrics/kpis.md from the counted row of kpiQuery. Pure. */
import { cents, rateOrNull } from '../../stats/ratios.ts';
import type { KpiRow } from './kpis.sql.ts';

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
  'collection_cost',
  'cost_to_collect',
] as const;
export type KpiName = (typeof KPI_NAMES)[number];

/** Each KPI; a rate is null here when its denominator is 0 (the resolver maps value null → 0). */
export function kpiValues(row: KpiRow): Record<KpiName, number | null> {
  const n = (v: number | string) => Number(v);
  return {
    delinquent_balance: cents(n(row.delinquent_balance)),
    delinquent_accounts: n(row.delinquent_accounts),
    delinquency_rate: rateOrNull(n(row.delinquent_balance), n(row.open_balance)),
    cases_opened: n(row.cases_opened),
    cases_closed: n(row.cases_closed),
    amount_collected: cents(n(row.amount_collected)),
    cure_rate_30d: rateOrNull(n(row.cure_cured), n(row.cure_mature)),
    rpc_rate: rateOrNull(n(row.rpcs), n(row.attempts)),
    kept_rate: rateOrNull(n(row.kept), n(row.matured_promises)),
    charge_offs: n(row.charge_offs),
    // docs/metrics/kpis.md, costs (sql/costs.ts): contact + legal cost of the period, and per unit collected.
    collection_cost: cents(n(row.contact_cost) + n(row.legal_cost)),
    cost_to_collect: rateOrNull(n(row.contact_cost) + n(row.legal_cost), n(row.amount_collected)),
  };
}

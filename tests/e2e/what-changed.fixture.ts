/**
 * A planted jump for the overview's "What changed" panel: the 13 monthly KPI
 * rows (one explore answer) and 13 months of roll-rate transitions the overview
 * asks for, as GraphQL answers. Every KPI and flow cycles −2 %, 0, +2 % around its
 * level (so its latest month, at the level, has z = 0) except the planted one
 * (`amount_collected` unless another is given), whose latest month is 1.5 × its
 * level (z ≈ 30): the panel must list that one KPI and nothing else. Rates carry
 * their numerator and denominator (RATE_BASES: the denominator's level).
 */
import { addMonths } from '@collections/dashboard/requests';

export const PLANTED = 'amount_collected';

const LEVELS: Record<string, number> = {
  delinquent_balance: 5_000_000,
  delinquent_accounts: 900,
  delinquency_rate: 0.12,
  cases_opened: 300,
  cases_closed: 280,
  amount_collected: 1_200_000,
  cure_rate_30d: 0.35,
  rpc_rate: 0.22,
  kept_rate: 0.6,
  charge_offs: 40,
  collection_cost: 90_000,
  cost_to_collect: 0.075,
};

/** −2 %, 0, +2 % by month index; the latest (index 12) is 12 % 3 = 0 → cycle 0. */
const wobble = (i: number) => 1 + 0.02 * (((i + 1) % 3) - 1);

/** Denominators of the rates (delinquency_rate: the open balance, CNY 5 000 000). */
const RATE_BASES: Record<string, number> = {
  delinquency_rate: 5_000_000,
  cure_rate_30d: 1_000,
  rpc_rate: 10_000,
  kept_rate: 500,
  cost_to_collect: 1_200_000,
};

/** The OverviewTrend answer: explore rows of months latest − 12 … latest. */
export function kpiTrendAnswer(latest: string, planted = PLANTED): Record<string, unknown> {
  const rows = Array.from({ length: 13 }, (_, i) => ({
    period: addMonths(latest, i - 12),
    values: Object.entries(LEVELS).map(([name, level]) => {
      const value = i === 12 && name === planted ? level * 1.5 : level * wobble(i);
      const base = RATE_BASES[name];
      return {
        measure: name.toUpperCase(),
        value,
        numerator: base === undefined ? null : Math.round(value * base),
        denominator: base ?? null,
      };
    }),
  }));
  return { data: { explore: { rows } } };
}

const FLOWS: [string, string, number][] = [
  ['M0', 'M1', 0.05],
  ['M1', 'M2', 0.3],
  ['M2', 'M3', 0.5],
  ['M3', 'M4', 0.6],
  ['M4', 'M5', 0.7],
  ['M5', 'M6', 0.75],
  ['M6', 'M7_PLUS', 0.8],
  ['M7_PLUS', 'CHARGED_OFF', 0.4],
];

/** The RollRates answer for origin months fromMonth … fromMonth + 12 (1 000 accounts per origin bucket). */
export function rollRatesAnswer(fromMonth: string): Record<string, unknown> {
  const months = Array.from({ length: 13 }, (_, i) => {
    const transitions = FLOWS.flatMap(([from, to, rate]) => {
      const r = rate * wobble(i);
      const rolled = Math.round(1000 * r);
      return [
        {
          from,
          to,
          accounts: rolled,
          balance: rolled * 100,
          accountRate: rolled / 1000,
          balanceRate: rolled / 1000,
        },
        {
          from,
          to: from === 'M0' ? 'CLOSED' : 'M0',
          accounts: 1000 - rolled,
          balance: (1000 - rolled) * 100,
          accountRate: (1000 - rolled) / 1000,
          balanceRate: (1000 - rolled) / 1000,
        },
      ];
    });
    return {
      month: addMonths(fromMonth, i),
      unobserved: 0,
      unobservedBalance: 0,
      flows: [],
      transitions,
    };
  });
  return {
    data: {
      rollRates: { months, pooledUnobserved: 0, pooledFlows: [], pooled: months[12]!.transitions },
    },
  };
}

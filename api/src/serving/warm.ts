/**
 * The dashboard's default requests, run after each load so that the first
 * visitor after a commit gets cached answers. The defaults mirror
 * dashboard/src: App (asOf, dimensions), lib/periods.ts (each page opens on
 * whole months ending with the last complete month M): overview (kpis of M
 * with its comparisons, and "what changed"'s roll rates of origin months
 * M−13 … M−1; its trend is one explore request, not warmed), roll rates (origin months M−12 … M−1),
 * agents (M; page of 1 000 + teams) and strategies (each experiment, the last
 * 12 complete months, 30 days, 95 %). The cache is keyed by field and
 * arguments, not by selection, so selecting `__typename` warms the whole answer.
 */
import { addMonths, lastDayOfMonth } from '../sql/period.ts';

export interface WarmRequest {
  readonly query: string;
  readonly variables: Record<string, unknown>;
}

const KPIS = 'query($from: String!, $to: String!) { kpis(from: $from, to: $to) { __typename } }';
const ROLL =
  'query($a: String!, $b: String!) { rollRates(fromMonth: $a, toMonth: $b) { __typename } }';

/** The requests a dashboard visitor makes first, for data as of `asOf` (YYYY-MM-DD). */
export function dashboardDefaults(asOf: string, experiments: readonly string[]): WarmRequest[] {
  const asOfMonth = asOf.slice(0, 7);
  const last = lastDayOfMonth(asOfMonth) === asOf ? asOfMonth : addMonths(asOfMonth, -1);
  const month = (m: string) => ({ from: `${m}-01`, to: lastDayOfMonth(m) });
  const year = { from: `${addMonths(last, -11)}-01`, to: lastDayOfMonth(last) };
  return [
    { query: KPIS, variables: month(last) },
    { query: ROLL, variables: { a: addMonths(last, -13), b: addMonths(last, -1) } },
    { query: ROLL, variables: { a: addMonths(last, -12), b: addMonths(last, -1) } },
    {
      query:
        'query($from: String!, $to: String!) { agentPerformance(from: $from, to: $to, limit: 1000, offset: 0) { __typename } teamPerformance(from: $from, to: $to) { __typename } }',
      variables: month(last),
    },
    ...experiments.map((experiment) => ({
      query:
        'query($e: String!, $from: String!, $to: String!) { strategyComparison(experiment: $e, from: $from, to: $to, cureWithinDays: 30, confidence: 0.95) { __typename } }',
      variables: { e: experiment, ...year },
    })),
  ];
}

/** First request of a warm-up: what the dashboard asks before anything else. */
export const WARM_START: WarmRequest = {
  query: '{ asOf { date } dimensions { experiments } }',
  variables: {},
};

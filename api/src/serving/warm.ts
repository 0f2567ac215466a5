/**
 * The dashboard's default requests, run after each load so that the first
 * visitor after a commit gets cached answers. The defaults mirror
 * dashboard/src: App (asOf, dimensions), lib/filters.ts `defaultRange` (the
 * three calendar months ending at the as-of date), overview (kpis and the
 * 12-month trend of features/overview/trend.ts), roll rates
 * (lib/dates.ts `rollRateMonths`), agents (page of 1 000 + teams) and
 * strategies (each experiment, 30 days, 95 %). The cache is keyed by field and
 * arguments, not by selection, so selecting `__typename` warms the whole answer.
 */
import { addMonths, lastDayOfMonth } from '../sql/period.ts';

export interface WarmRequest {
  readonly query: string;
  readonly variables: Record<string, unknown>;
}

/** The requests a dashboard visitor makes first, for data as of `asOf` (YYYY-MM-DD). */
export function dashboardDefaults(asOf: string, experiments: readonly string[]): WarmRequest[] {
  const month = asOf.slice(0, 7);
  const from = `${addMonths(month, -2)}-01`;
  const to = asOf;
  const trend = Array.from({ length: 12 }, (_, i) => {
    const m = addMonths(month, i - 11);
    const end = lastDayOfMonth(m);
    return { from: `${m}-01`, to: end < to ? end : to };
  });
  const rollTo = addMonths(month, -1);
  const fromMonth = from.slice(0, 7);
  return [
    {
      query: 'query($from: String!, $to: String!) { kpis(from: $from, to: $to) { __typename } }',
      variables: { from, to },
    },
    ...trend.map((w) => ({
      query: 'query($from: String!, $to: String!) { kpis(from: $from, to: $to) { __typename } }',
      variables: w,
    })),
    {
      query:
        'query($a: String!, $b: String!) { rollRates(fromMonth: $a, toMonth: $b) { __typename } }',
      variables: { a: fromMonth, b: rollTo < fromMonth ? fromMonth : rollTo },
    },
    {
      query:
        'query($from: String!, $to: String!) { agentPerformance(from: $from, to: $to, limit: 1000, offset: 0) { __typename } teamPerformance(from: $from, to: $to) { __typename } }',
      variables: { from, to },
    },
    ...experiments.map((experiment) => ({
      query:
        'query($e: String!, $from: String!, $to: String!) { strategyComparison(experiment: $e, from: $from, to: $to, cureWithinDays: 30, confidence: 0.95) { __typename } }',
      variables: { e: experiment, from, to },
    })),
  ];
}

/** First request of a warm-up: what the dashboard asks before anything else. */
export const WARM_START: WarmRequest = {
  query: '{ asOf { date } dimensions { experiments } }',
  variables: {},
};

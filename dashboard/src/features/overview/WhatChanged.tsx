/** The overview's "What changed" panel: unusual KPIs and roll rates of the latest complete month. */
import { Panel } from '../../components/Panel.tsx';
import { QueryView } from '../../components/States.tsx';
import type { PortfolioFilter } from '../../gql/graphql.ts';
import { gql } from '../../lib/client.ts';
import { addMonths } from '../../lib/dates.ts';
import { useQuery, type QueryState } from '../../lib/useQuery.ts';
import { RollRatesQuery } from '../roll-rates/queries.ts';
import {
  HISTORY_MONTHS,
  Z_LIMIT,
  kpiSeries,
  rollSeries,
  whatChanged,
  type Change,
  type KpiCounts,
} from './changes.ts';

/** The complete months of the KPI trend, oldest first, and the counts behind its rates. */
export interface Trend {
  months: { month: string; kpis: readonly { name: string; value: number | null }[] }[];
  counts: KpiCounts;
}

export function WhatChanged({
  trend,
  latest,
  filter,
}: {
  /** The complete months of the KPI trend (latest last), with its rates' counts. */
  trend: QueryState<Trend> & { retry: () => void };
  latest: string;
  filter: PortfolioFilter | null;
}) {
  // Origin months latest−13 … latest−1: the transitions that arrive in the 13 months of the trend.
  const vars = {
    fromMonth: addMonths(latest, -1 - HISTORY_MONTHS),
    toMonth: addMonths(latest, -1),
    filter,
  };
  const roll = useQuery(`rollRates:${JSON.stringify(vars)}`, (signal) =>
    gql(RollRatesQuery, vars, signal),
  );
  const all: QueryState<Change[]> & { retry: () => void } =
    trend.status !== 'success'
      ? { ...trend, retry: trend.retry }
      : roll.status !== 'success'
        ? { ...roll, retry: roll.retry }
        : {
            status: 'success',
            retry: roll.retry,
            data: whatChanged([
              ...kpiSeries(trend.data.months, trend.data.counts),
              ...rollSeries(roll.data.rollRates.months, (m) => addMonths(m, 1)),
            ]),
          };
  return (
    <Panel title="What changed" wide>
      <QueryView state={all} what="what changed">
        {(changes) => (
          <>
            <p className="hint">
              {latest} against the {HISTORY_MONTHS} months before it: KPIs and roll rates more than{' '}
              {Z_LIMIT} standard deviations from their mean; a rate with its numerator/denominator
              (the delinquency rate: delinquent balance / open balance).
            </p>
            {changes.length === 0 ? (
              <p className="state empty" data-changes="0">
                Nothing moved beyond its normal month-to-month variation.
              </p>
            ) : (
              <ul className="changes" data-changes={changes.length}>
                {changes.map((c) => (
                  <li key={c.id} data-change={c.id} className={c.z > 0 ? 'up' : 'down'}>
                    <a href={c.href}>{c.reason}</a>{' '}
                    <span className="hint">(z = {c.z.toFixed(1)})</span>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </QueryView>
    </Panel>
  );
}

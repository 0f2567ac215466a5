/**
 * Management overview: KPI tiles against the previous period and a year earlier,
 * and the 12-month trend.
 */
import { lazy, Suspense, useEffect } from 'react';
import { Panel } from '../../components/Panel.tsx';
import { Loading, QueryView } from '../../components/States.tsx';
import { gql } from '../../lib/client.ts';
import { portfolioFilter } from '../../lib/filters.ts';
import { fmtInt, fmtPct } from '../../lib/format.ts';
import { fmtMoney } from '../../lib/money.ts';
import { useQuery } from '../../lib/useQuery.ts';
import type { PageProps } from '../../pages.ts';
import { kpiTiles, kpiTrend, type KpiTile } from './kpi.ts';
import { kpiCounts } from './changes.ts';
import { OverviewTrendQuery, KpisQuery } from './queries.ts';
import { chartPoints, trendMonths, trendVariables, trendWindows, withStockAtTo } from './trend.ts';
import { WhatChanged } from './WhatChanged.tsx';
import { lastDayOfMonth } from '../../lib/dates.ts';

// recharts is a lazy chunk of its own: the KPI tiles render without waiting for it,
// and the page starts fetching it at once so that it is there with the trend data.
const loadTrendChart = () => import('./TrendChart.tsx');
const TrendChart = lazy(loadTrendChart);

function fmt(t: KpiTile, v: number | null): string {
  return t.meta.format === 'amount' ? fmtMoney(v) : t.meta.format === 'pct' ? fmtPct(v) : fmtInt(v);
}

function Tile({ t }: { t: KpiTile }) {
  const arrow =
    t.direction === 'up' ? '▲' : t.direction === 'down' ? '▼' : t.direction === 'flat' ? '▶' : '';
  const tone = t.good === null ? 'neutral' : t.good ? 'good' : 'bad';
  const change =
    t.delta === null
      ? 'no previous period'
      : t.meta.format === 'pct'
        ? `${t.delta >= 0 ? '+' : ''}${(t.delta * 100).toFixed(1)} pts`
        : t.relative !== null
          ? `${t.relative >= 0 ? '+' : ''}${(t.relative * 100).toFixed(1)}%`
          : `${t.delta >= 0 ? '+' : ''}${fmt(t, t.delta)}`;
  return (
    <li className={`tile ${tone}`} data-kpi={t.name} data-value={t.value}>
      <span className="tile-label">{t.meta.label}</span>
      <span className="tile-value">{fmt(t, t.value)}</span>
      <span className="tile-delta">
        <span aria-hidden="true">{arrow}</span>{' '}
        <span>
          {change}
          {t.good !== null && <span className="sr-only">{t.good ? ' (better)' : ' (worse)'}</span>}
        </span>
      </span>
      <span className="tile-prev">
        previous: {fmt(t, t.previous)} · a year earlier: {fmt(t, t.yearAgo)}
      </span>
    </li>
  );
}

export default function OverviewPage({ filters, asOf }: PageProps) {
  const filter = portfolioFilter(filters);
  const vars = { from: filters.from, to: filters.to, filter };
  const kpis = useQuery(`kpis:${JSON.stringify(vars)}`, (signal) => gql(KpisQuery, vars, signal));

  useEffect(() => void loadTrendChart(), []);
  const windows = trendWindows(filters.to);
  // one explore request: every KPI by month, each rate with its counts ("what changed")
  const trendAnswer = useQuery(`trend:${JSON.stringify(vars)}`, async (signal) => {
    const data = await gql(OverviewTrendQuery, trendVariables(windows, filter), signal);
    return { months: trendMonths(windows, data), counts: kpiCounts(data.explore.rows) };
  });
  // a mid-month `to`: the last month's delinquency as the tiles read it, at `to`
  const trend =
    trendAnswer.status === 'success' && kpis.status === 'success'
      ? {
          ...trendAnswer,
          data: {
            ...trendAnswer.data,
            months: withStockAtTo(trendAnswer.data.months, windows, kpis.data.kpis.kpis),
          },
        }
      : trendAnswer;
  // "What changed" judges complete months only: a month to date is not comparable.
  const complete = windows.filter((w) => lastDayOfMonth(w.month) <= asOf);
  const latest = complete[complete.length - 1]?.month;
  const completeTrend =
    trend.status === 'success'
      ? { ...trend, data: { ...trend.data, months: trend.data.months.slice(0, complete.length) } }
      : trend;

  return (
    <div className="grid">
      <Panel
        title="Key figures"
        wide
        csv={
          kpis.status === 'success'
            ? {
                filename: `kpis_${filters.from}_${filters.to}.csv`,
                columns: [
                  { label: 'kpi', value: (k) => k.name },
                  { label: 'value', value: (k) => k.value },
                  { label: 'previous', value: (k) => k.previous ?? null },
                  { label: 'year_ago', value: (k) => k.yearAgo ?? null },
                ],
                rows: kpis.data.kpis.kpis,
              }
            : undefined
        }
      >
        <QueryView state={kpis} what="KPIs" isEmpty={(d) => d.kpis.kpis.length === 0}>
          {(d) => (
            <>
              <p className="hint">
                {d.kpis.from} to {d.kpis.to}
                {d.kpis.partial && ` (to date: data as of ${d.kpis.asOf})`}, compared with{' '}
                {d.kpis.previousFrom} to {d.kpis.previousTo} and with the same period a year earlier
                (to {d.kpis.yearAgoTo}). Amounts in {d.kpis.currency}. Green = better, red = worse.
              </p>
              <ul className="tiles">
                {kpiTiles(d.kpis.kpis).map((t) => (
                  <Tile key={t.name} t={t} />
                ))}
              </ul>
            </>
          )}
        </QueryView>
      </Panel>
      {latest && <WhatChanged trend={completeTrend} latest={latest} filter={filter} />}
      <Panel
        title="Delinquency and collections trend"
        wide
        csv={
          trend.status === 'success'
            ? {
                filename: `kpi_trend_${windows[0]!.month}_${windows[windows.length - 1]!.month}.csv`,
                columns: [
                  { label: 'month', value: (p) => p.month },
                  { label: 'delinquency_rate', value: (p) => p.delinquencyRate },
                  { label: 'amount_collected', value: (p) => p.amountCollected },
                ],
                rows: kpiTrend(trend.data.months),
              }
            : undefined
        }
      >
        <QueryView state={trend} what="the trend" isEmpty={(d) => d.months.length === 0}>
          {(d) => (
            <Suspense fallback={<Loading what="the chart" />}>
              <TrendChart points={chartPoints(kpiTrend(d.months), asOf)} />
            </Suspense>
          )}
        </QueryView>
      </Panel>
    </div>
  );
}

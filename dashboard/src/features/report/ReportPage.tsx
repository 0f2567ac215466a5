/**
 * The monthly management report, print-ready (`#/report?month=YYYY-MM`): the
 * month's KPIs vs the month before and a year earlier, its roll-rate matrix,
 * the collections and cure trend, top and bottom teams, compliance breaches and
 * the experiments' verdicts. Whole book (no portfolio filter). The API prints it
 * to PDF (GET /report.pdf) once `data-report-ready` is set: every section has
 * answered, with data or with an error it shows.
 */
import type { ReactNode } from 'react';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { Empty, QueryView } from '../../components/States.tsx';
import { ToDateNote, toDateLines } from '../../components/ToDate.tsx';
import { gql } from '../../lib/client.ts';
import { addMonths, lastDayOfMonth } from '../../lib/dates.ts';
import { useDimensions } from '../../lib/dimensions.ts';
import { fmtInt, fmtPct } from '../../lib/format.ts';
import { currencyCode, fmtMoney } from '../../lib/money.ts';
import { COLOUR, rateDomain } from '../../lib/palette.ts';
import { isPartialMonth } from '../../lib/periods.ts';
import { markToDate } from '../../lib/todate.ts';
import { useQuery, type QueryState } from '../../lib/useQuery.ts';
import type { PageProps } from '../../pages.ts';
import { TeamPerformanceQuery } from '../agents/queries.ts';
import { ComplianceQuery } from '../channels/queries.ts';
import { kpiTiles, type KpiTile } from '../overview/kpi.ts';
import { KpisQuery, OverviewTrendQuery } from '../overview/queries.ts';
import { trendMonths, trendVariables, trendWindows } from '../overview/trend.ts';
import { Heatmap } from '../roll-rates/Heatmap.tsx';
import { buildMatrix } from '../roll-rates/matrix.ts';
import { RollRatesQuery } from '../roll-rates/queries.ts';
import { StrategyComparisonQuery } from '../strategies/queries.ts';
import { breachingTeams, reportMonth, topBottomTeams } from './report.ts';

type State<T> = QueryState<T> & { retry: () => void };

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="report-section" data-section={id} aria-label={title}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}

function fmtKpi(t: KpiTile, v: number | null | undefined): string {
  return t.meta.format === 'amount' ? fmtMoney(v) : t.meta.format === 'pct' ? fmtPct(v) : fmtInt(v);
}

export default function ReportPage({ asOf, params }: PageProps) {
  if (!asOf) return <Empty>Waiting for the data’s as-of date…</Empty>;
  const m = reportMonth(params.get('month'), asOf);
  if (!m.ok)
    return (
      <div className="state error" role="alert" data-report-ready="error">
        <strong>{m.message}</strong> Change <code>month=</code> in the address.
      </div>
    );
  return <Report month={m.month} partial={m.partial} asOf={asOf} />;
}

function Report({ month, partial, asOf }: { month: string; partial: boolean; asOf: string }) {
  const period = {
    from: `${month}-01`,
    to: lastDayOfMonth(month) < asOf ? lastDayOfMonth(month) : asOf,
  };
  const year = { from: `${addMonths(month, -11)}-01`, to: period.to };
  const kpis = useQuery(`report-kpis:${month}`, (s) =>
    gql(KpisQuery, { ...period, filter: null }, s),
  );
  const windows = trendWindows(period.to);
  const trend = useQuery(`report-trend:${month}`, async (s) =>
    trendMonths(windows, await gql(OverviewTrendQuery, trendVariables(windows, null), s)),
  );
  const prev = addMonths(month, -1);
  const roll = useQuery(`report-roll:${month}`, (s) =>
    gql(RollRatesQuery, { fromMonth: prev, toMonth: prev, filter: null }, s),
  );
  const teams = useQuery(`report-teams:${month}`, (s) => gql(TeamPerformanceQuery, period, s));
  const compliance = useQuery(`report-compliance:${month}`, (s) =>
    gql(ComplianceQuery, { ...period, team: null }, s),
  );
  const dims = useDimensions();
  const experiments = dims?.experiments ?? null;
  const verdicts = useQuery(`report-verdicts:${month}:${experiments?.join(',') ?? '…'}`, (s) =>
    experiments === null
      ? new Promise<never>(() => {})
      : Promise.all(
          experiments.map((e) =>
            gql(
              StrategyComparisonQuery,
              { experiment: e, ...year, cureWithinDays: 30, confidence: 0.95 },
              s,
            ).then((d) => d.strategyComparison),
          ),
        ),
  );
  const states: State<unknown>[] = [kpis, trend, roll, teams, compliance, verdicts];
  const ready = states.every((q) => q.status !== 'loading');

  return (
    <article className="report" data-report-ready={ready ? 'yes' : undefined} data-month={month}>
      <header className="report-head">
        <h2>Monthly management report: {month}</h2>
        <p className="hint">
          Whole book, {period.from} to {period.to}
          {partial && ' (to date: the month is not over)'}; amounts in {currencyCode()}; data as of{' '}
          {asOf}.{' '}
          <a className="no-print" href={`/report.pdf?month=${month}`}>
            PDF
          </a>
        </p>
      </header>
      <Section id="kpis" title="Key figures vs the previous month and a year earlier">
        <QueryView state={kpis} what="KPIs">
          {(d) => (
            <table className="report-table">
              <thead>
                <tr>
                  <th scope="col">KPI</th>
                  <th scope="col" className="num">
                    {month}
                  </th>
                  <th scope="col" className="num">
                    {prev}
                  </th>
                  <th scope="col" className="num">
                    {addMonths(month, -12)}
                  </th>
                </tr>
              </thead>
              <tbody>
                {kpiTiles(d.kpis.kpis).map((t) => (
                  <tr key={t.name} data-kpi={t.name}>
                    <th scope="row">{t.meta.label}</th>
                    <td className="num">{fmtKpi(t, t.value)}</td>
                    <td className="num">{fmtKpi(t, t.previous)}</td>
                    <td className="num">{fmtKpi(t, t.yearAgo)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </QueryView>
      </Section>
      <Section id="roll-rates" title={`Roll rates: month-end ${prev} to month-end ${month}`}>
        <QueryView state={roll} what="roll rates" isEmpty={(d) => d.rollRates.pooled.length === 0}>
          {(d) => (
            <Heatmap
              rows={buildMatrix(d.rollRates.pooled, 'count')}
              basis="count"
              caption="Share of each origin bucket's accounts by destination bucket"
            />
          )}
        </QueryView>
      </Section>
      <Section id="trend" title="Collections and cure, 13 months">
        <QueryView state={trend} what="the trend">
          {(d) => <TrendLines months={d} asOf={asOf} />}
        </QueryView>
      </Section>
      <Section id="teams" title="Teams: most and least collected">
        <QueryView state={teams} what="teams" isEmpty={(d) => d.teamPerformance.length === 0}>
          {(d) => {
            const { top, bottom } = topBottomTeams(d.teamPerformance.filter((t) => t.team));
            const rows = [
              ...top.map((t) => ['Top', t] as const),
              ...bottom.map((t) => ['Bottom', t] as const),
            ];
            return (
              <table className="report-table">
                <thead>
                  <tr>
                    <th scope="col">Rank</th>
                    <th scope="col">Team</th>
                    <th scope="col" className="num">
                      Collected
                    </th>
                    <th scope="col" className="num">
                      RPC rate
                    </th>
                    <th scope="col" className="num">
                      Kept rate
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map(([rank, t]) => (
                    <tr key={`${rank}${t.team}`} data-team={t.team}>
                      <td>{rank}</td>
                      <td>{t.team}</td>
                      <td className="num">{fmtMoney(t.amountCollected)}</td>
                      <td className="num">{fmtPct(t.rpcRate)}</td>
                      <td className="num">{fmtPct(t.keptRate)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            );
          }}
        </QueryView>
      </Section>
      <Section id="compliance" title="Compliance breaches">
        <QueryView state={compliance} what="compliance">
          {({ complianceReport: c }) => (
            <>
              <p data-violations={c.violations}>
                {fmtInt(c.violations)} breaches in {fmtInt(c.voiceAttempts)} voice attempts (
                {fmtPct(c.violationRate, 2)}): {fmtInt(c.outsideHours)} outside hours,{' '}
                {fmtInt(c.overDailyLimit)} over the daily limit, {fmtInt(c.overWeeklyLimit)} over
                the 7-day limit.
              </p>
              <ul>
                {breachingTeams(c.teams)
                  .slice(0, 5)
                  .map((t) => (
                    <li key={t.team}>
                      {t.team || '(no team)'}: {fmtInt(t.violations)} ({fmtPct(t.violationRate, 2)})
                    </li>
                  ))}
              </ul>
            </>
          )}
        </QueryView>
      </Section>
      <Section id="experiments" title={`Experiments: verdicts over ${year.from} to ${year.to}`}>
        <QueryView
          state={verdicts}
          what="the experiments"
          isEmpty={(d) => d.length === 0}
          empty="No experiment in the data."
        >
          {(d) => (
            <ul>
              {d.map((s) => (
                <li key={s.experiment} data-experiment={s.experiment}>
                  <strong>{s.experiment}</strong> (champion {s.champion}): {s.verdict}
                </li>
              ))}
            </ul>
          )}
        </QueryView>
      </Section>
    </article>
  );
}

function TrendLines({
  months,
  asOf,
}: {
  months: { month: string; kpis: readonly { name: string; value: number | null }[] }[];
  asOf: string;
}) {
  const plain = months.map((m) => ({
    month: m.month,
    collected: m.kpis.find((k) => k.name === 'amount_collected')?.value ?? null,
    cure: m.kpis.find((k) => k.name === 'cure_rate_30d')?.value ?? null,
  }));
  // A report of the month to date ends its trend in that month: dashed and labelled.
  const { rows, toDate } = markToDate(
    plain,
    ['collected', 'cure'],
    (r) => isPartialMonth(r.month, asOf),
    'month',
  );
  // A fixed size: the printed page is narrower than the screen, and a measured chart would overflow it.
  return (
    <figure
      className="chart"
      role="group"
      aria-label="Amount collected (left) and 30-day cure rate (right) by month"
    >
      <LineChart
        width={680}
        height={230}
        data={rows}
        margin={{ top: 8, right: 8, bottom: 8, left: 8 }}
      >
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="month" />
        <YAxis
          yAxisId="amount"
          width={90}
          tickFormatter={(v: number) => fmtMoney(v, { compact: true })}
        />
        <YAxis
          yAxisId="rate"
          orientation="right"
          domain={rateDomain(rows.map((r) => r.cure))}
          tickFormatter={(v: number) => fmtPct(v, 0)}
        />
        <Tooltip />
        <Legend />
        <Line
          yAxisId="amount"
          dataKey="collected"
          name="Amount collected"
          stroke={COLOUR.good}
          isAnimationActive={false}
        />
        <Line
          yAxisId="rate"
          dataKey="cure"
          name="Cure rate (30 days)"
          stroke={COLOUR.neutral}
          isAnimationActive={false}
        />
        {toDate &&
          toDateLines([
            { key: 'collected', name: 'Amount collected', stroke: COLOUR.good, yAxisId: 'amount' },
            { key: 'cure', name: 'Cure rate (30 days)', stroke: COLOUR.neutral, yAxisId: 'rate' },
          ])}
      </LineChart>
      {toDate && <ToDateNote what="the last month" />}
    </figure>
  );
}

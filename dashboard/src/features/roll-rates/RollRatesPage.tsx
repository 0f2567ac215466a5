/** Roll rates (docs/metrics/roll-rates.md): heatmap (month or pooled, count or balance), key-flow trends, forward vs cure. */
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ChartFigure } from '../../components/Chart.tsx';
import { Panel } from '../../components/Panel.tsx';
import { QueryView } from '../../components/States.tsx';
import { gql } from '../../lib/client.ts';
import { ToDateNote, toDateLines } from '../../components/ToDate.tsx';
import { addMonths, rollRateMonths } from '../../lib/dates.ts';
import { isPartialMonth } from '../../lib/periods.ts';
import { markToDate } from '../../lib/todate.ts';
import { portfolioFilter } from '../../lib/filters.ts';
import { fmtInt, fmtPct } from '../../lib/format.ts';
import { useQuery } from '../../lib/useQuery.ts';
import type { PageProps } from '../../pages.ts';
import { label } from '../../lib/buckets.ts';
import { Heatmap } from './Heatmap.tsx';
import { KEY_FLOWS, buildMatrix, flowName, flowBars, keyFlowTrend, type Basis } from './matrix.ts';
import { RollRatesQuery } from './queries.ts';
import { COLOUR, rateDomain, seriesColour } from '../../lib/palette.ts';

export default function RollRatesPage({ filters, asOf, params, setParams }: PageProps) {
  const basis: Basis = params.get('basis') === 'balance' ? 'balance' : 'count';
  const month = params.get('month') ?? 'pooled';
  const vars = { ...rollRateMonths(filters.from, filters.to), filter: portfolioFilter(filters) };
  const q = useQuery(`rollRates:${JSON.stringify(vars)}`, (signal) =>
    gql(RollRatesQuery, vars, signal),
  );

  return (
    <QueryView state={q} what="roll rates" isEmpty={(d) => d.rollRates.months.length === 0}>
      {({ rollRates: r }) => {
        const selected = r.months.find((m) => m.month === month);
        const transitions = selected ? selected.transitions : r.pooled;
        const unobserved = selected
          ? selected.unobserved
          : r.months.reduce((s, m) => s + m.unobserved, 0);
        const matrix = buildMatrix(transitions, basis);
        const trend = keyFlowTrend(r.months, basis);
        // Origin month m is compared with the state at the end of m + 1: to date while m + 1 is not over.
        const flows = KEY_FLOWS.slice(0, 5).map(flowName);
        const marked = markToDate(
          trend,
          flows,
          (p) => isPartialMonth(addMonths(String(p.month), 1), asOf),
          'month',
        );
        const splits = flowBars(selected ? selected.flows : r.pooledFlows, basis);
        const scope = selected
          ? `${selected.month} → next month`
          : `pooled over origin months ${vars.fromMonth} to ${vars.toMonth}`;
        return (
          <div className="grid">
            <Panel
              title="Transition matrix"
              wide
              actions={
                <>
                  <label>
                    Month{' '}
                    <select
                      value={selected ? month : 'pooled'}
                      onChange={(e) => setParams({ month: e.target.value })}
                    >
                      <option value="pooled">Pooled</option>
                      {r.months.map((m) => (
                        <option key={m.month} value={m.month}>
                          {m.month}
                        </option>
                      ))}
                    </select>
                  </label>
                  <fieldset className="toggle">
                    <legend className="sr-only">Basis</legend>
                    {(['count', 'balance'] as const).map((b) => (
                      <label key={b}>
                        <input
                          type="radio"
                          name="basis"
                          value={b}
                          checked={basis === b}
                          onChange={() => setParams({ basis: b })}
                        />
                        {b === 'count' ? 'Accounts' : 'Balance'}
                      </label>
                    ))}
                  </fieldset>
                </>
              }
              csv={{
                filename: `roll_rates_${selected ? month : 'pooled'}_${basis}.csv`,
                columns: [
                  { label: 'from', value: (c) => c.from },
                  { label: 'to', value: (c) => c.to },
                  { label: basis === 'count' ? 'accounts' : 'balance', value: (c) => c.value },
                  { label: 'rate', value: (c) => c.rate },
                ],
                rows: matrix.flatMap((row) => row.cells.filter((c) => c.value > 0)),
              }}
            >
              {matrix.length === 0 ? (
                <p className="state empty">
                  No account has a month-end state in both months. Widen the date range.
                </p>
              ) : (
                <Heatmap
                  rows={matrix}
                  basis={basis}
                  caption={`Share of each origin bucket by destination, ${scope}`}
                />
              )}
              <p className="hint" data-unobserved={unobserved}>
                {fmtInt(unobserved)} account{unobserved === 1 ? '' : 's'} had a state in the origin
                month but no snapshot the month after: they are unobserved and not in the rates.
              </p>
            </Panel>
            <Panel
              title="Key flows by month"
              csv={{
                filename: `key_flows_${basis}.csv`,
                columns: [
                  { label: 'month', value: (p) => p.month },
                  ...KEY_FLOWS.map((f) => ({
                    label: flowName(f),
                    value: (p: Record<string, string | number | null>) => p[flowName(f)],
                  })),
                ],
                rows: trend,
              }}
            >
              <ChartFigure label={`Monthly rate of each forward flow (${basis} basis)`}>
                <ResponsiveContainer>
                  <LineChart data={marked.rows}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="month" />
                    <YAxis
                      domain={rateDomain(
                        trend.flatMap((p) => KEY_FLOWS.slice(0, 5).map((f) => p[flowName(f)])) as (
                          number | null
                        )[],
                      )}
                      tickFormatter={(v: number) => fmtPct(v, 0)}
                    />
                    <Tooltip formatter={(v) => fmtPct(Number(v))} />
                    <Legend />
                    {KEY_FLOWS.slice(0, 5).map((f, i) => (
                      <Line
                        key={flowName(f)}
                        dataKey={flowName(f)}
                        stroke={seriesColour(i)}
                        connectNulls={false}
                        isAnimationActive={false}
                      />
                    ))}
                    {marked.toDate &&
                      toDateLines(
                        flows.map((f, i) => ({ key: f, name: f, stroke: seriesColour(i) })),
                      )}
                  </LineChart>
                </ResponsiveContainer>
              </ChartFigure>
              {marked.toDate && <ToDateNote what="the month the last origin month rolls into" />}
            </Panel>
            <Panel
              title="Roll forward vs cure"
              csv={{
                filename: `roll_forward_vs_cure_${selected ? month : 'pooled'}_${basis}.csv`,
                columns: [
                  { label: 'bucket', value: (s) => s.bucket },
                  { label: 'roll_forward', value: (s) => s.rollForward },
                  { label: 'cure', value: (s) => s.cure },
                  { label: 'paid_off', value: (s) => s.paidOff },
                ],
                rows: splits,
              }}
            >
              <ChartFigure label={`Share rolling forward vs curing per bucket, ${scope}`}>
                <ResponsiveContainer>
                  <BarChart data={splits.map((s) => ({ ...s, bucket: label(s.bucket) }))}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="bucket" />
                    <YAxis
                      domain={rateDomain(splits.flatMap((s) => [s.rollForward, s.cure, s.paidOff]))}
                      tickFormatter={(v: number) => fmtPct(v, 0)}
                    />
                    <Tooltip formatter={(v) => fmtPct(Number(v))} />
                    <Legend />
                    <Bar
                      dataKey="rollForward"
                      name="Roll forward"
                      fill={COLOUR.bad}
                      isAnimationActive={false}
                    />
                    <Bar
                      dataKey="cure"
                      name="Cure (to M0)"
                      fill={COLOUR.good}
                      isAnimationActive={false}
                    />
                    <Bar
                      dataKey="paidOff"
                      name="Paid off"
                      fill={COLOUR.neutral}
                      isAnimationActive={false}
                    />
                  </BarChart>
                </ResponsiveContainer>
              </ChartFigure>
            </Panel>
          </div>
        );
      }}
    </QueryView>
  );
}

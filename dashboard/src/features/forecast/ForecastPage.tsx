/** Loss forecast (docs/metrics/loss-forecast.md): Markov projection of bucket counts/balances and expected charge-offs. */
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ChartFigure } from '../../components/Chart.tsx';
import { Panel } from '../../components/Panel.tsx';
import { QueryView } from '../../components/States.tsx';
import { gql } from '../../lib/client.ts';
import { portfolioFilter } from '../../lib/filters.ts';
import { fmtCompact, fmtNum } from '../../lib/format.ts';
import { fmtMoney } from '../../lib/money.ts';
import { useQuery } from '../../lib/useQuery.ts';
import { isPartialMonth } from '../../lib/periods.ts';
import type { PageProps } from '../../pages.ts';
import { isDelinquent, label, type Bucket } from '../../lib/buckets.ts';
import type { Basis } from '../roll-rates/matrix.ts';
import { presentBuckets, projectionRows } from './forecast.ts';
import { LossForecastQuery } from './queries.ts';
import { BUCKET_COLOUR, COLOUR } from '../../lib/palette.ts';

const CHOICES = [3, 6, 12];

export default function ForecastPage({ filters, asOf, params, setParams }: PageProps) {
  const months = CHOICES.includes(Number(params.get('months'))) ? Number(params.get('months')) : 6;
  // Default: the pooled roll rates of the last 12 complete months (lib/periods.ts 'last12').
  const lookback = CHOICES.includes(Number(params.get('lookback')))
    ? Number(params.get('lookback'))
    : 12;
  const basis: Basis = params.get('basis') === 'count' ? 'count' : 'balance';
  const vars = { months, lookbackMonths: lookback, filter: portfolioFilter(filters) };
  const q = useQuery(`forecast:${JSON.stringify(vars)}`, (signal) =>
    gql(LossForecastQuery, vars, signal),
  );
  const fmt = basis === 'count' ? (v: number) => fmtNum(v, 0) : fmtMoney;
  const axis =
    basis === 'count'
      ? (v: number) => fmtCompact(v)
      : (v: number) => fmtMoney(v, { compact: true });

  return (
    <QueryView state={q} what="the forecast" isEmpty={(d) => !d.lossForecast.baseMonth}>
      {({ lossForecast: f }) => {
        // The base month may be the as-of month (docs/metrics/loss-forecast.md): its states are
        // the latest snapshots so far, so the chart labels it "to date".
        const baseToDate = isPartialMonth(f.baseMonth!, asOf);
        const plain = projectionRows(f.baseMonth!, f.start, f.months, basis);
        const rows = plain.map((r, i) =>
          i === 0 && baseToDate ? { ...r, month: `${r.month} (to date)` } : r,
        );
        const buckets = presentBuckets(rows);
        // The delinquent buckets are what the forecast is about: M0 and closed balances
        // dwarf them, so they get a chart (and a scale) of their own.
        const delinquent = buckets.filter(isDelinquent);
        const others = buckets.filter((b) => !isDelinquent(b));
        return (
          <div className="grid">
            <section className="panel wide" aria-label="Forecast summary" data-forecast>
              <p>
                From the month-end of <strong>{f.baseMonth}</strong>, with the pooled roll rates of{' '}
                {f.lookbackFrom} to {f.lookbackTo}: expected charge-offs over the next {months}{' '}
                months{' '}
                <strong data-charge-offs={f.expectedChargeOffs}>
                  {fmtNum(f.expectedChargeOffs, 1)} accounts
                </strong>
                ,{' '}
                <strong data-charge-off-balance={f.expectedChargeOffBalance}>
                  {fmtMoney(f.expectedChargeOffBalance)}
                </strong>{' '}
                of balance.
              </p>
              {baseToDate && (
                <p className="hint" data-partial-month>
                  {f.baseMonth} is not over (to date): its states are the latest snapshots so far,
                  not month-ends.
                </p>
              )}
              {f.unobservedBuckets.length > 0 && (
                <p className="hint">
                  No observed transitions from {f.unobservedBuckets.map(label).join(', ')} in the
                  lookback: those accounts are assumed to stay where they are.
                </p>
              )}
              <div className="controls">
                <label>
                  Months ahead{' '}
                  <select value={months} onChange={(e) => setParams({ months: e.target.value })}>
                    {CHOICES.map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  Lookback (origin months){' '}
                  <select
                    value={lookback}
                    onChange={(e) => setParams({ lookback: e.target.value })}
                  >
                    {CHOICES.map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  Basis{' '}
                  <select value={basis} onChange={(e) => setParams({ basis: e.target.value })}>
                    <option value="balance">Balance</option>
                    <option value="count">Accounts</option>
                  </select>
                </label>
              </div>
            </section>
            <Panel
              title="Projected bucket distribution"
              wide
              csv={{
                filename: `forecast_${f.baseMonth}_${months}m_${basis}.csv`,
                columns: [
                  { label: 'month', value: (r) => r.month },
                  ...buckets.map((b) => ({
                    label: b,
                    value: (r: Record<string, string | number>) => r[b],
                  })),
                ],
                rows: plain,
              }}
            >
              <ChartFigure
                label={`Projected delinquent ${basis === 'count' ? 'accounts' : 'balance'} by bucket (M1 to M7+), on their own scale`}
                height={320}
              >
                <BucketAreas rows={rows} buckets={delinquent} fmt={fmt} axis={axis} />
              </ChartFigure>
              <ChartFigure
                label={`Projected current, charged-off and closed ${basis === 'count' ? 'accounts' : 'balance'}`}
                height={220}
              >
                <BucketAreas rows={rows} buckets={others} fmt={fmt} axis={axis} />
              </ChartFigure>
            </Panel>
            <Panel
              title="Expected charge-offs by month"
              wide
              csv={{
                filename: `forecast_charge_offs_${f.baseMonth}_${months}m.csv`,
                columns: [
                  { label: 'month', value: (m) => m.month },
                  { label: 'charge_offs', value: (m) => m.chargeOffs },
                  { label: 'charge_off_balance', value: (m) => m.chargeOffBalance },
                ],
                rows: f.months,
              }}
            >
              <ChartFigure label="Expected newly charged-off balance in each projected month">
                <ResponsiveContainer>
                  <BarChart data={f.months} margin={{ top: 8, right: 16, bottom: 8, left: 16 }}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="month" />
                    <YAxis
                      tickFormatter={(v: number) => fmtMoney(v, { compact: true })}
                      width={90}
                    />
                    <Tooltip formatter={(v) => fmtMoney(Number(v))} />
                    <Bar
                      dataKey="chargeOffBalance"
                      name="Charge-off balance"
                      fill={COLOUR.bad}
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

function BucketAreas({
  rows,
  buckets,
  fmt,
  axis,
}: {
  rows: Record<string, string | number>[];
  buckets: Bucket[];
  fmt: (v: number) => string;
  axis: (v: number) => string;
}) {
  return (
    <ResponsiveContainer>
      <AreaChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 16 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="month" />
        <YAxis tickFormatter={axis} width={90} />
        <Tooltip formatter={(v) => fmt(Number(v))} />
        <Legend />
        {buckets.map((b) => (
          <Area
            key={b}
            dataKey={b}
            name={label(b)}
            stackId="1"
            stroke={BUCKET_COLOUR[b]}
            fill={BUCKET_COLOUR[b]}
            isAnimationActive={false}
          />
        ))}
      </AreaChart>
    </ResponsiveContainer>
  );
}

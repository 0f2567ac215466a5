/** Cure (docs/metrics/cure-curve.md): cure curves by cohort with maturity, cure rate per bucket, post-cure relapse. */
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
import { DataTable, type TableColumn } from '../../components/DataTable.tsx';
import { Panel } from '../../components/Panel.tsx';
import { QueryView } from '../../components/States.tsx';
import { gql } from '../../lib/client.ts';
import { rollRateMonths } from '../../lib/dates.ts';
import { portfolioFilter } from '../../lib/filters.ts';
import { fmtInt, fmtPct } from '../../lib/format.ts';
import { useQuery, type QueryState } from '../../lib/useQuery.ts';
import type { PageProps } from '../../pages.ts';
import type { BucketCureQuery as BucketCureData, PostCureRelapseQuery } from '../../gql/graphql.ts';
import { label, type Bucket } from '../../lib/buckets.ts';
import { bucketCureRows, cohortAt, cohortLabel, curveRows, type CohortSummary } from './cure.ts';
import { BucketCureQuery, CureCurveQuery, RelapseQuery } from './queries.ts';
import { COLOUR, rateDomain, seriesColour } from '../../lib/palette.ts';

const COHORT_BY = ['MONTH', 'STRATEGY', 'SEGMENT', 'ALL'] as const;
type CohortBy = (typeof COHORT_BY)[number];
const DAYS = [30, 60, 90, 180];

const cohortColumns: TableColumn<CohortSummary>[] = [
  { id: 'cohort', label: 'Cohort', value: (c) => cohortLabel(c.cohort) },
  {
    id: 'cases',
    label: 'Cases',
    value: (c) => c.cases,
    numeric: true,
    render: (c) => fmtInt(c.cases),
  },
  {
    id: 'mature',
    label: 'Mature',
    value: (c) => c.mature,
    numeric: true,
    render: (c) => fmtInt(c.mature),
  },
  {
    id: 'immature',
    label: 'Immature',
    value: (c) => c.immature,
    numeric: true,
    render: (c) => fmtInt(c.immature),
  },
  {
    id: 'cured',
    label: 'Cured',
    value: (c) => c.cured,
    numeric: true,
    render: (c) => fmtInt(c.cured),
  },
  {
    id: 'cureRate',
    label: 'Cure rate',
    value: (c) => c.cureRate,
    numeric: true,
    render: (c) => fmtPct(c.cureRate),
  },
];

type Relapse = PostCureRelapseQuery['postCureRelapse']['months'][number];
const relapseColumns: TableColumn<Relapse>[] = [
  { id: 'month', label: 'Cure month', value: (r) => r.month ?? 'Total' },
  {
    id: 'cured',
    label: 'Cured',
    value: (r) => r.cured,
    numeric: true,
    render: (r) => fmtInt(r.cured),
  },
  {
    id: 'matureCured',
    label: 'Mature cures',
    value: (r) => r.matureCured,
    numeric: true,
    render: (r) => fmtInt(r.matureCured),
  },
  {
    id: 'immatureCured',
    label: 'Window still open',
    value: (r) => r.immatureCured,
    numeric: true,
    render: (r) => fmtInt(r.immatureCured),
  },
  {
    id: 'relapsed',
    label: 'Relapsed',
    value: (r) => r.relapsed,
    numeric: true,
    render: (r) => fmtInt(r.relapsed),
  },
  {
    id: 'relapseRate',
    label: 'Relapse rate',
    value: (r) => r.relapseRate,
    numeric: true,
    render: (r) => fmtPct(r.relapseRate),
  },
];

export default function CurePage({ filters, params, setParams }: PageProps) {
  const by = params.get('cohortBy') as CohortBy | null;
  const cohortBy: CohortBy = by && COHORT_BY.includes(by) ? by : 'MONTH';
  const days = DAYS.includes(Number(params.get('days'))) ? Number(params.get('days')) : 90;
  const filter = portfolioFilter(filters);
  const curveVars = { from: filters.from, to: filters.to, cohortBy, maxDays: days, filter };
  const curve = useQuery(`cureCurve:${JSON.stringify(curveVars)}`, (signal) =>
    gql(CureCurveQuery, curveVars, signal),
  );
  const flowVars = { ...rollRateMonths(filters.from, filters.to), filter };
  const flows = useQuery(`bucketCure:${JSON.stringify(flowVars)}`, (signal) =>
    gql(BucketCureQuery, flowVars, signal),
  );
  const relapseVars = { from: filters.from, to: filters.to, filter };
  const relapse = useQuery(`relapse:${JSON.stringify(relapseVars)}`, (signal) =>
    gql(RelapseQuery, relapseVars, signal),
  );
  const range = `${filters.from}_${filters.to}`;

  return (
    <div className="grid">
      <Panel
        title="Cure curves"
        wide
        actions={
          <>
            <label>
              Cohort by{' '}
              <select value={cohortBy} onChange={(e) => setParams({ cohortBy: e.target.value })}>
                {COHORT_BY.map((c) => (
                  <option key={c} value={c}>
                    {c === 'ALL' ? 'All cases' : c[0] + c.slice(1).toLowerCase()}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Days{' '}
              <select value={days} onChange={(e) => setParams({ days: e.target.value })}>
                {DAYS.map((d) => (
                  <option key={d} value={d}>
                    {d}
                  </option>
                ))}
              </select>
            </label>
          </>
        }
        csv={
          curve.status === 'success'
            ? {
                filename: `cure_curves_${cohortBy.toLowerCase()}_${range}.csv`,
                columns: [
                  { label: 'cohort', value: (r: Record<string, string | number>) => r.cohort },
                  { label: 'days', value: (r) => r.days },
                  { label: 'cured', value: (r) => r.cured },
                  { label: 'mature_cases', value: (r) => r.matureCases },
                  { label: 'immature_cases', value: (r) => r.immatureCases },
                  { label: 'cure_rate', value: (r) => r.cureRate },
                ],
                rows: curve.data.cureCurve.cohorts.flatMap((c) =>
                  c.points.map((p) => ({
                    cohort: c.cohort,
                    days: p.days,
                    cured: p.cured,
                    matureCases: p.matureCases,
                    immatureCases: p.immatureCases,
                    cureRate: p.cureRate ?? '',
                  })),
                ),
              }
            : undefined
        }
      >
        <QueryView
          state={curve}
          what="cure curves"
          isEmpty={(d) => d.cureCurve.cohorts.length === 0}
          empty="No case was opened in this date range. Widen the range."
        >
          {({ cureCurve: c }) => {
            const rows = curveRows(c.cohorts);
            return (
              <ChartFigure
                label={`Cure rate by days since the case opened, one line per cohort (${cohortBy.toLowerCase()})`}
                height={320}
              >
                <ResponsiveContainer>
                  <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="days" type="number" domain={[0, c.maxDays]} />
                    <YAxis
                      domain={rateDomain(
                        rows.flatMap((r) =>
                          Object.entries(r)
                            .filter(([k]) => k !== 'days')
                            .map(([, v]) => (typeof v === 'number' ? v : null)),
                        ),
                      )}
                      tickFormatter={(v: number) => fmtPct(v, 0)}
                      width={56}
                    />
                    <Tooltip
                      formatter={(v) => fmtPct(Number(v))}
                      labelFormatter={(d) => `Day ${d}`}
                    />
                    <Legend />
                    {c.cohorts.map((co, i) => (
                      <Line
                        key={co.cohort}
                        dataKey={co.cohort}
                        name={cohortLabel(co.cohort)}
                        stroke={seriesColour(i)}
                        dot={false}
                        connectNulls={false}
                        isAnimationActive={false}
                      />
                    ))}
                  </LineChart>
                </ResponsiveContainer>
              </ChartFigure>
            );
          }}
        </QueryView>
      </Panel>
      {curve.status === 'success' && curve.data.cureCurve.cohorts.length > 0 && (
        <CohortTable
          rows={cohortAt(curve.data.cureCurve.cohorts, days)}
          days={days}
          filename={`cure_maturity_${cohortBy.toLowerCase()}_${days}d_${range}.csv`}
        />
      )}
      <BucketCure state={flows} months={flowVars} />
      <Panel title="Post-cure relapse" wide>
        <QueryView
          state={relapse}
          what="post-cure relapse"
          isEmpty={(d) => d.postCureRelapse.total.cured === 0}
          empty="No case closed cured in this date range."
        >
          {({ postCureRelapse: r }) => (
            <>
              <p data-relapse-rate={r.total.relapseRate ?? ''}>
                Of {fmtInt(r.total.matureCured)} cures whose {r.windowDays}-day window has closed,{' '}
                <strong>{fmtPct(r.total.relapseRate)}</strong> were back in M1 or worse within{' '}
                {r.windowDays} days ({fmtInt(r.total.immatureCured)} more cures are too recent to
                tell).
              </p>
              <DataTable
                csvFilename={`post_cure_relapse_${range}.csv`}
                caption="Post-cure relapse by cure month, and the total"
                columns={relapseColumns}
                rows={[...r.months, r.total]}
                rowKey={(m) => m.month ?? 'total'}
              />
            </>
          )}
        </QueryView>
      </Panel>
    </div>
  );
}

function CohortTable({
  rows,
  days,
  filename,
}: {
  rows: CohortSummary[];
  days: number;
  filename: string;
}) {
  return (
    <Panel title="Cohort maturity" wide>
      <p className="hint">
        At day {days}: mature cases opened at least {days} days before the as-of date count in the
        rate; immature ones never do.
      </p>
      <DataTable
        csvFilename={filename}
        caption={`Cure rate and maturity of each cohort at day ${days}`}
        columns={cohortColumns}
        rows={rows}
        rowKey={(r) => r.cohort}
      />
    </Panel>
  );
}

function BucketCure({
  state,
  months,
}: {
  state: QueryState<BucketCureData> & { retry: () => void };
  months: { fromMonth: string; toMonth: string };
}) {
  const rows = state.status === 'success' ? bucketCureRows(state.data.rollRates.pooledFlows) : [];
  return (
    <Panel
      title="Cure rate by bucket"
      csv={{
        filename: `bucket_cure_${months.fromMonth}_${months.toMonth}.csv`,
        columns: [
          { label: 'bucket', value: (r) => r.bucket },
          { label: 'accounts', value: (r) => r.accounts },
          { label: 'cure_rate', value: (r) => r.cureRate },
        ],
        rows,
      }}
    >
      <QueryView
        state={state}
        what="bucket cure rates"
        isEmpty={() => rows.length === 0}
        empty="No delinquent account was observed in these months."
      >
        {() => (
          <ChartFigure
            label={`Share of each delinquent bucket cured to M0 the next month, origin months ${months.fromMonth} to ${months.toMonth}`}
          >
            <ResponsiveContainer>
              <BarChart
                data={rows.map((r) => ({ ...r, name: label(r.bucket as Bucket) }))}
                margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
              >
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="name" />
                <YAxis
                  domain={rateDomain(rows.map((r) => r.cureRate))}
                  tickFormatter={(v: number) => fmtPct(v, 0)}
                  width={56}
                />
                <Tooltip formatter={(v) => fmtPct(Number(v))} />
                <Bar
                  dataKey="cureRate"
                  name="Cure rate"
                  fill={COLOUR.good}
                  isAnimationActive={false}
                />
              </BarChart>
            </ResponsiveContainer>
          </ChartFigure>
        )}
      </QueryView>
    </Panel>
  );
}

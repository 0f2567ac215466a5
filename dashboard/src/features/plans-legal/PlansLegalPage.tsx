/** Plans & legal (docs/metrics/repayment-plans.md): repayment plans on track / completed, the legal pipeline by stage. */
import {
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
import { DataTable, type TableColumn } from '../../components/DataTable.tsx';
import { Panel } from '../../components/Panel.tsx';
import { QueryView } from '../../components/States.tsx';
import { gql } from '../../lib/client.ts';
import { fmtInt, fmtNum, fmtPct } from '../../lib/format.ts';
import { fmtMoney } from '../../lib/money.ts';
import { useQuery } from '../../lib/useQuery.ts';
import type { PageProps } from '../../pages.ts';
import type { LegalPipelineQuery, RepaymentPlansQuery } from '../../gql/graphql.ts';
import { keyLabel, planRows, stageRows } from './plans.ts';
import { LegalQuery, PlansQuery } from './queries.ts';
import { DIMENSION_LABELS, groupDimensions } from '../../lib/groups.ts';
import { COLOUR } from '../../lib/palette.ts';

type Plan = RepaymentPlansQuery['repaymentPlans'][number];
type Stage = ReturnType<
  typeof stageRows<LegalPipelineQuery['legalPipeline']['stages'][number]>
>[number];

const GROUPS = ['kind', 'strategy', 'segment', 'entry_bucket', 'product', 'portfolio', 'region'];
const planColumns: TableColumn<Plan>[] = [
  { id: 'group', label: 'Group', value: (p) => keyLabel(p.key) },
  {
    id: 'plans',
    label: 'Plans',
    value: (p) => p.plans,
    numeric: true,
    render: (p) => fmtInt(p.plans),
  },
  {
    id: 'onTrack',
    label: 'On track',
    value: (p) => p.onTrack,
    numeric: true,
    render: (p) => fmtInt(p.onTrack),
  },
  {
    id: 'onTrackRate',
    label: 'On-track rate',
    value: (p) => p.onTrackRate,
    numeric: true,
    render: (p) => fmtPct(p.onTrackRate),
  },
  {
    id: 'closedPlans',
    label: 'Closed',
    value: (p) => p.closedPlans,
    numeric: true,
    render: (p) => fmtInt(p.closedPlans),
  },
  {
    id: 'completed',
    label: 'Completed',
    value: (p) => p.completed,
    numeric: true,
    render: (p) => fmtInt(p.completed),
  },
  {
    id: 'completionRate',
    label: 'Completion rate',
    value: (p) => p.completionRate,
    numeric: true,
    render: (p) => fmtPct(p.completionRate),
  },
  {
    id: 'totalAmount',
    label: 'Plan amount',
    value: (p) => p.totalAmount,
    numeric: true,
    render: (p) => fmtMoney(p.totalAmount),
  },
  {
    id: 'dueSoFar',
    label: 'Due so far',
    value: (p) => p.dueSoFar,
    numeric: true,
    render: (p) => fmtMoney(p.dueSoFar),
  },
  {
    id: 'paid',
    label: 'Paid',
    value: (p) => p.paid,
    numeric: true,
    render: (p) => fmtMoney(p.paid),
  },
];

const stageColumns: TableColumn<Stage>[] = [
  { id: 'stage', label: 'Stage', value: (s) => s.label },
  {
    id: 'cases',
    label: 'Cases',
    value: (s) => s.cases,
    numeric: true,
    render: (s) => fmtInt(s.cases),
  },
  {
    id: 'share',
    label: 'Share',
    value: (s) => s.share,
    numeric: true,
    render: (s) => fmtPct(s.share),
  },
  {
    id: 'legalCost',
    label: 'Legal cost',
    value: (s) => s.legalCost,
    numeric: true,
    render: (s) => fmtMoney(s.legalCost),
  },
  {
    id: 'recovered',
    label: 'Recovered',
    value: (s) => s.recovered,
    numeric: true,
    render: (s) => fmtMoney(s.recovered),
  },
  {
    id: 'costToCollect',
    label: 'Cost to collect',
    value: (s) => s.costToCollect,
    numeric: true,
    render: (s) => fmtNum(s.costToCollect, 3),
  },
  {
    id: 'medianDays',
    label: 'Median days to first action',
    value: (s) => s.medianDaysToFirstAction,
    numeric: true,
    render: (s) => fmtNum(s.medianDaysToFirstAction),
  },
];

export default function PlansLegalPage({ filters, params, setParams }: PageProps) {
  const by = params.get('by');
  const dim = by && GROUPS.includes(by) ? by : 'kind';
  const range = { from: filters.from, to: filters.to };
  const planVars = { ...range, dimensions: groupDimensions([dim]) };
  const plans = useQuery(`plans:${JSON.stringify(planVars)}`, (signal) =>
    gql(PlansQuery, planVars, signal),
  );
  const legal = useQuery(`legal:${JSON.stringify(range)}`, (signal) =>
    gql(LegalQuery, range, signal),
  );
  const suffix = `${filters.from}_${filters.to}`;

  return (
    <div className="grid">
      <QueryView
        state={plans}
        what="repayment plans"
        isEmpty={(d) => d.repaymentPlans.length === 0}
        empty="No repayment plan was created in this date range. Widen the range."
      >
        {({ repaymentPlans: groups }) => {
          const rows = planRows(groups);
          return (
            <>
              <Panel
                title="Repayment plans"
                wide
                actions={
                  <label>
                    Group by{' '}
                    <select value={dim} onChange={(e) => setParams({ by: e.target.value })}>
                      {GROUPS.map((g) => (
                        <option key={g} value={g}>
                          {DIMENSION_LABELS[g]}
                        </option>
                      ))}
                    </select>
                  </label>
                }
                csv={{
                  filename: `plans_rates_by_${dim}_${suffix}.csv`,
                  columns: [
                    { label: dim, value: (r) => r.group },
                    { label: 'plans', value: (r) => r.plans },
                    { label: 'on_track_rate', value: (r) => r.onTrackRate },
                    { label: 'completion_rate', value: (r) => r.completionRate },
                  ],
                  rows,
                }}
              >
                <ChartFigure
                  label={`Share of plans on track and share of closed plans completed, by ${DIMENSION_LABELS[dim]}`}
                >
                  <ResponsiveContainer>
                    <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
                      <CartesianGrid strokeDasharray="3 3" />
                      <XAxis dataKey="group" />
                      <YAxis
                        domain={[0, 1]}
                        tickFormatter={(v: number) => fmtPct(v, 0)}
                        width={56}
                      />
                      <Tooltip formatter={(v) => fmtPct(Number(v))} />
                      <Legend />
                      <Bar
                        dataKey="onTrackRate"
                        name="On track"
                        fill={COLOUR.neutral}
                        isAnimationActive={false}
                      />
                      <Bar
                        dataKey="completionRate"
                        name="Completed (of closed)"
                        fill={COLOUR.good}
                        isAnimationActive={false}
                      />
                    </BarChart>
                  </ResponsiveContainer>
                </ChartFigure>
              </Panel>
              <Panel title="Plans" wide>
                <DataTable
                  csvFilename={`plans_by_${dim}_${suffix}.csv`}
                  caption={`Repayment plans by ${DIMENSION_LABELS[dim]}`}
                  columns={planColumns}
                  rows={groups}
                  rowKey={(p) => p.key.join('\u0000')}
                  initialSort={{ id: 'plans', dir: 'desc' }}
                />
              </Panel>
            </>
          );
        }}
      </QueryView>
      <QueryView
        state={legal}
        what="the legal pipeline"
        isEmpty={(d) => d.legalPipeline.total.cases === 0}
        empty="No case had a first legal action in this date range."
      >
        {({ legalPipeline: l }) => {
          const stages = stageRows(l.stages, l.total.cases);
          return (
            <>
              <Panel
                title="Legal pipeline"
                wide
                csv={{
                  filename: `legal_pipeline_${suffix}.csv`,
                  columns: stageColumns,
                  rows: stages,
                }}
              >
                <p data-legal-total={l.total.cases}>
                  <strong>{fmtInt(l.total.cases)}</strong> cases with a first legal action in the
                  range: legal cost <strong>{fmtMoney(l.total.legalCost)}</strong>, recovered{' '}
                  <strong>{fmtMoney(l.total.recovered)}</strong>, cost to collect{' '}
                  <strong>{fmtNum(l.total.costToCollect, 3)}</strong> per unit recovered.
                </p>
                <ChartFigure label="Cases, legal cost and recoveries by furthest stage reached">
                  <ResponsiveContainer>
                    <BarChart data={stages} margin={{ top: 8, right: 16, bottom: 8, left: 16 }}>
                      <CartesianGrid strokeDasharray="3 3" />
                      <XAxis dataKey="label" />
                      <YAxis
                        tickFormatter={(v: number) => fmtMoney(v, { compact: true })}
                        width={90}
                      />
                      <Tooltip formatter={(v) => fmtMoney(Number(v))} />
                      <Legend />
                      <Bar
                        dataKey="legalCost"
                        name="Legal cost"
                        fill={COLOUR.bad}
                        isAnimationActive={false}
                      />
                      <Bar
                        dataKey="recovered"
                        name="Recovered"
                        fill={COLOUR.good}
                        isAnimationActive={false}
                      />
                    </BarChart>
                  </ResponsiveContainer>
                </ChartFigure>
              </Panel>
              <Panel title="Legal stages" wide>
                <DataTable
                  csvFilename={`legal_stages_${suffix}.csv`}
                  caption="Legal pipeline by stage"
                  columns={stageColumns}
                  rows={stages}
                  rowKey={(s) => s.stage ?? 'total'}
                />
              </Panel>
            </>
          );
        }}
      </QueryView>
    </div>
  );
}

/** Case outcomes (docs/metrics/case-outcomes.md): stacked outcome shares by a chosen dimension, days to close, recovery rate. */
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
import { portfolioFilter } from '../../lib/filters.ts';
import { fmtInt, fmtNum, fmtPct } from '../../lib/format.ts';
import { fmtMoney } from '../../lib/money.ts';
import { useQuery } from '../../lib/useQuery.ts';
import type { PageProps } from '../../pages.ts';
import type { CaseOutcomesQuery as OutcomesData } from '../../gql/graphql.ts';
import {
  GROUP_DIMENSIONS,
  OUTCOME_COLOURS,
  groupLabel,
  outcomeOrder,
  stackedShares,
} from './outcomes.ts';
import { CaseOutcomesQuery } from './queries.ts';
import { DIMENSION_LABELS, groupDimensions } from '../../lib/groups.ts';

type Group = OutcomesData['caseOutcomes'][number];

const columns: TableColumn<Group>[] = [
  { id: 'group', label: 'Group', value: (g) => groupLabel(g.key) },
  {
    id: 'cases',
    label: 'Cases closed',
    value: (g) => g.cases,
    numeric: true,
    render: (g) => fmtInt(g.cases),
  },
  {
    id: 'mean',
    label: 'Mean days to close',
    value: (g) => g.meanDaysToClose,
    numeric: true,
    render: (g) => fmtNum(g.meanDaysToClose),
  },
  {
    id: 'median',
    label: 'Median days to close',
    value: (g) => g.medianDaysToClose,
    numeric: true,
    render: (g) => fmtNum(g.medianDaysToClose),
  },
  {
    id: 'recovered',
    label: 'Recovered',
    value: (g) => g.recovered,
    numeric: true,
    render: (g) => fmtMoney(g.recovered),
  },
  {
    id: 'recoveryRate',
    label: 'Recovery rate',
    value: (g) => g.recoveryRate,
    numeric: true,
    render: (g) => fmtPct(g.recoveryRate),
  },
];

export default function OutcomesPage({ filters, params, setParams }: PageProps) {
  const by = params.get('by');
  const dim = by && (GROUP_DIMENSIONS as readonly string[]).includes(by) ? by : 'strategy';
  const vars = {
    from: filters.from,
    to: filters.to,
    dimensions: groupDimensions([dim]),
    filter: portfolioFilter(filters),
  };
  const q = useQuery(`outcomes:${JSON.stringify(vars)}`, (signal) =>
    gql(CaseOutcomesQuery, vars, signal),
  );

  return (
    <QueryView
      state={q}
      what="case outcomes"
      isEmpty={(d) => d.caseOutcomes.length === 0}
      empty="No case was closed in this date range. Widen the range."
    >
      {({ caseOutcomes: groups }) => {
        const order = outcomeOrder(groups);
        const stacks = stackedShares(groups);
        return (
          <div className="grid">
            <Panel
              title="Outcomes"
              wide
              actions={
                <label>
                  Group by{' '}
                  <select value={dim} onChange={(e) => setParams({ by: e.target.value })}>
                    {GROUP_DIMENSIONS.map((d) => (
                      <option key={d} value={d}>
                        {DIMENSION_LABELS[d]}
                      </option>
                    ))}
                  </select>
                </label>
              }
              csv={{
                filename: `outcomes_by_${dim}_${filters.from}_${filters.to}.csv`,
                columns: [
                  { label: dim, value: (r: Record<string, string | number>) => r.group },
                  { label: 'cases', value: (r) => r.cases },
                  ...order.map((o) => ({
                    label: `share_${o}`,
                    value: (r: Record<string, string | number>) => r[o],
                  })),
                ],
                rows: stacks,
              }}
            >
              <ChartFigure
                label={`Share of each closing outcome by ${DIMENSION_LABELS[dim]}`}
                height={Math.max(240, 40 * stacks.length + 80)}
              >
                <ResponsiveContainer>
                  <BarChart data={stacks} layout="vertical" margin={{ left: 24, right: 16 }}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis
                      type="number"
                      domain={[0, 1]}
                      tickFormatter={(v: number) => fmtPct(v, 0)}
                    />
                    <YAxis type="category" dataKey="group" width={140} />
                    <Tooltip formatter={(v) => fmtPct(Number(v))} />
                    <Legend />
                    {order.map((o) => (
                      <Bar
                        key={o}
                        dataKey={o}
                        stackId="s"
                        fill={OUTCOME_COLOURS[o] ?? '#888'}
                        isAnimationActive={false}
                      />
                    ))}
                  </BarChart>
                </ResponsiveContainer>
              </ChartFigure>
            </Panel>
            <Panel title="Days to close and recovery" wide>
              <DataTable
                csvFilename={`outcome_recovery_by_${dim}_${filters.from}_${filters.to}.csv`}
                caption={`Days to close and recovery by ${DIMENSION_LABELS[dim]}`}
                columns={columns}
                rows={groups}
                rowKey={(g) => g.key.join('\u0000')}
                initialSort={{ id: 'cases', dir: 'desc' }}
              />
            </Panel>
          </div>
        );
      }}
    </QueryView>
  );
}

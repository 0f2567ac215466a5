/** Agents & teams (docs/metrics/agent-performance.md): leaderboard, team roll-up, RPC vs kept scatter. */
import {
  CartesianGrid,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  ZAxis,
} from 'recharts';
import { ChartFigure } from '../../components/Chart.tsx';
import { DataTable, type TableColumn } from '../../components/DataTable.tsx';
import { Panel } from '../../components/Panel.tsx';
import { QueryView } from '../../components/States.tsx';
import { gql } from '../../lib/client.ts';
import { fmtInt, fmtPct } from '../../lib/format.ts';
import { fmtMoney } from '../../lib/money.ts';
import { useQuery } from '../../lib/useQuery.ts';
import type { PageProps } from '../../pages.ts';
import type {
  AgentPerformanceQuery as AgentData,
  TeamPerformanceQuery as TeamData,
} from '../../gql/graphql.ts';
import { rpcVsKept } from './leaderboard.ts';
import { AgentPerformanceQuery, TeamPerformanceQuery } from './queries.ts';
import { COLOUR } from '../../lib/palette.ts';

type Agent = AgentData['agentPerformance']['rows'][number];
type TeamRow = TeamData['teamPerformance'][number];
const PAGE = 1000; // the API's maximum limit
const ALL = '*';
/** Leaderboard rows per page (URL param `rows`). */
const PAGE_SIZES = [10, 25, 50, 100];

const agentColumns: TableColumn<Agent>[] = [
  { id: 'agent', label: 'Agent', value: (r) => r.agentName ?? r.agentId },
  { id: 'agentId', label: 'Agent id', value: (r) => r.agentId },
  { id: 'team', label: 'Team', value: (r) => r.team ?? '' },
  {
    id: 'collected',
    label: 'Collected',
    value: (r) => r.amountCollected,
    numeric: true,
    render: (r) => fmtMoney(r.amountCollected),
  },
  {
    id: 'attempts',
    label: 'Attempts',
    value: (r) => r.attempts,
    numeric: true,
    render: (r) => fmtInt(r.attempts),
  },
  {
    id: 'rpcRate',
    label: 'RPC rate',
    value: (r) => r.rpcRate,
    numeric: true,
    render: (r) => fmtPct(r.rpcRate),
  },
  {
    id: 'promises',
    label: 'Promises',
    value: (r) => r.promises,
    numeric: true,
    render: (r) => fmtInt(r.promises),
  },
  {
    id: 'promiseRate',
    label: 'Promise rate',
    value: (r) => r.promiseRate,
    numeric: true,
    render: (r) => fmtPct(r.promiseRate),
  },
  {
    id: 'keptRate',
    label: 'Kept rate',
    value: (r) => r.keptRate,
    numeric: true,
    render: (r) => fmtPct(r.keptRate),
  },
  {
    id: 'cases',
    label: 'Cases worked',
    value: (r) => r.casesWorked,
    numeric: true,
    render: (r) => fmtInt(r.casesWorked),
  },
  {
    id: 'talk',
    label: 'Talk hours',
    value: (r) => r.talkSeconds / 3600,
    numeric: true,
    render: (r) => (r.talkSeconds / 3600).toFixed(1),
  },
  {
    id: 'perHour',
    label: 'Collected / talk hour',
    value: (r) => r.collectedPerTalkHour,
    numeric: true,
    render: (r) => fmtMoney(r.collectedPerTalkHour),
  },
  {
    id: 'violations',
    label: 'Violations',
    value: (r) => r.violations,
    numeric: true,
    render: (r) => fmtInt(r.violations),
  },
];

const teamColumns: TableColumn<TeamRow>[] = [
  { id: 'team', label: 'Team', value: (r) => r.team || '(no team)' },
  { id: 'agents', label: 'Agents', value: (r) => r.agents, numeric: true },
  {
    id: 'collected',
    label: 'Collected',
    value: (r) => r.amountCollected,
    numeric: true,
    render: (r) => fmtMoney(r.amountCollected),
  },
  {
    id: 'attempts',
    label: 'Attempts',
    value: (r) => r.attempts,
    numeric: true,
    render: (r) => fmtInt(r.attempts),
  },
  {
    id: 'rpcRate',
    label: 'RPC rate',
    value: (r) => r.rpcRate,
    numeric: true,
    render: (r) => fmtPct(r.rpcRate),
  },
  {
    id: 'promiseRate',
    label: 'Promise rate',
    value: (r) => r.promiseRate,
    numeric: true,
    render: (r) => fmtPct(r.promiseRate),
  },
  {
    id: 'keptRate',
    label: 'Kept rate',
    value: (r) => r.keptRate,
    numeric: true,
    render: (r) => fmtPct(r.keptRate),
  },
  {
    id: 'cases',
    label: 'Cases worked',
    value: (r) => r.casesWorked,
    numeric: true,
    render: (r) => fmtInt(r.casesWorked),
  },
  {
    id: 'perHour',
    label: 'Collected / talk hour',
    value: (r) => r.collectedPerTalkHour,
    numeric: true,
    render: (r) => fmtMoney(r.collectedPerTalkHour),
  },
  { id: 'violations', label: 'Violations', value: (r) => r.violations, numeric: true },
];

export default function AgentsPage({ filters, params, setParams }: PageProps) {
  const team = params.get('team');
  const rowsParam = Number(params.get('rows'));
  const pageSize = PAGE_SIZES.includes(rowsParam) ? rowsParam : 25;
  const vars = { from: filters.from, to: filters.to };
  const q = useQuery(`agents:${JSON.stringify(vars)}`, async (signal) => {
    const first = await gql(AgentPerformanceQuery, { ...vars, limit: PAGE, offset: 0 }, signal);
    const rows = [...first.agentPerformance.rows];
    while (rows.length < first.agentPerformance.total) {
      const next = await gql(
        AgentPerformanceQuery,
        { ...vars, limit: PAGE, offset: rows.length },
        signal,
      );
      if (next.agentPerformance.rows.length === 0) break;
      rows.push(...next.agentPerformance.rows);
    }
    const teams = await gql(TeamPerformanceQuery, vars, signal);
    return { rows, teams: teams.teamPerformance };
  });

  return (
    <QueryView state={q} what="agent performance" isEmpty={(d) => d.rows.length === 0}>
      {({ rows: all, teams }) => {
        const rows = team === null ? all : all.filter((r) => (r.team ?? '') === team);
        const scatter = rpcVsKept(rows);
        return (
          <div className="grid">
            <Panel
              title="Agent leaderboard"
              wide
              actions={
                <>
                  <label>
                    Team{' '}
                    <select
                      value={team ?? ALL}
                      onChange={(e) =>
                        setParams({ team: e.target.value === ALL ? null : e.target.value })
                      }
                    >
                      <option value={ALL}>All teams</option>
                      {teams.map((t) => (
                        <option key={t.team} value={t.team}>
                          {t.team || '(no team)'}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label>
                    Rows per page{' '}
                    <select
                      value={pageSize}
                      onChange={(e) =>
                        setParams({ rows: e.target.value === '25' ? null : e.target.value })
                      }
                    >
                      {PAGE_SIZES.map((n) => (
                        <option key={n} value={n}>
                          {n}
                        </option>
                      ))}
                    </select>
                  </label>
                </>
              }
            >
              <DataTable
                csvFilename={`agents_${filters.from}_${filters.to}.csv`}
                caption="Agent leaderboard"
                columns={agentColumns}
                rows={rows}
                rowKey={(r) => r.agentId}
                initialSort={{ id: 'collected', dir: 'desc' }}
                pageSize={pageSize}
              />
            </Panel>
            <Panel title="Teams">
              <DataTable
                csvFilename={`teams_${filters.from}_${filters.to}.csv`}
                caption="Team roll-up"
                columns={teamColumns}
                rows={teams}
                rowKey={(r) => r.team}
              />
              <p className="hint">
                Kept rate is per agent only: it needs matured-promise counts the roll-up does not
                have.
              </p>
            </Panel>
            <Panel
              title="RPC rate vs kept rate"
              csv={{
                filename: `rpc_vs_kept_${filters.from}_${filters.to}.csv`,
                columns: [
                  { label: 'agent_id', value: (p) => p.agentId },
                  { label: 'team', value: (p) => p.team },
                  { label: 'rpc_rate', value: (p) => p.rpcRate },
                  { label: 'kept_rate', value: (p) => p.keptRate },
                  { label: 'attempts', value: (p) => p.attempts },
                ],
                rows: scatter.points,
              }}
            >
              <ChartFigure label="Each agent's right-party contact rate against promise kept rate">
                <ResponsiveContainer>
                  <ScatterChart margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis
                      type="number"
                      dataKey="rpcRate"
                      name="RPC rate"
                      tickFormatter={(v: number) => fmtPct(v, 0)}
                      domain={[0, 'auto']}
                    />
                    <YAxis
                      type="number"
                      dataKey="keptRate"
                      name="Kept rate"
                      tickFormatter={(v: number) => fmtPct(v, 0)}
                      domain={[0, 1]}
                    />
                    <ZAxis type="number" dataKey="attempts" range={[30, 200]} name="Attempts" />
                    <Tooltip
                      formatter={(v, n) =>
                        n === 'Attempts' ? fmtInt(Number(v)) : fmtPct(Number(v))
                      }
                    />
                    <Scatter
                      data={scatter.points}
                      fill={COLOUR.neutral}
                      isAnimationActive={false}
                    />
                  </ScatterChart>
                </ResponsiveContainer>
              </ChartFigure>
              {scatter.withoutKept > 0 && (
                <p className="hint">
                  {scatter.withoutKept} agent(s) without a matured promise are not plotted.
                </p>
              )}
            </Panel>
          </div>
        );
      }}
    </QueryView>
  );
}

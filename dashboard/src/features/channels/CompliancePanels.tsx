/** Compliance (docs/metrics/compliance.md): violations by team and agent; the offending attempts for analysts. */
import { useState } from 'react';
import { DataTable, type TableColumn } from '../../components/DataTable.tsx';
import { Panel } from '../../components/Panel.tsx';
import { Empty, QueryView } from '../../components/States.tsx';
import { gql } from '../../lib/client.ts';
import { fmtInt, fmtPct } from '../../lib/format.ts';
import { useQuery } from '../../lib/useQuery.ts';
import type { PageProps } from '../../pages.ts';
import type {
  ComplianceQuery as ComplianceData,
  OffendingAttemptsQuery,
} from '../../gql/graphql.ts';
import { isForbidden, ruleLabel, teamFilter } from './channels.ts';
import { ComplianceQuery, OffendingQuery } from './queries.ts';

type Team = ComplianceData['complianceReport']['teams'][number];
type Agent = ComplianceData['complianceReport']['agents'][number];
type Attempt = OffendingAttemptsQuery['complianceReport']['offendingAttempts']['rows'][number];

const PAGE = 50;
const ALL = '__all__';

function ruleColumns<R extends Team | Agent>(): TableColumn<R>[] {
  return [
    {
      id: 'voiceAttempts',
      label: 'Voice attempts',
      value: (r) => r.voiceAttempts,
      numeric: true,
      render: (r) => fmtInt(r.voiceAttempts),
    },
    {
      id: 'violations',
      label: 'Violations',
      value: (r) => r.violations,
      numeric: true,
      render: (r) => fmtInt(r.violations),
    },
    {
      id: 'violationRate',
      label: 'Violation rate',
      value: (r) => r.violationRate,
      numeric: true,
      render: (r) => fmtPct(r.violationRate),
    },
    {
      id: 'outsideHours',
      label: 'Outside hours',
      value: (r) => r.outsideHours,
      numeric: true,
      render: (r) => fmtInt(r.outsideHours),
    },
    {
      id: 'overDailyLimit',
      label: 'Over daily limit',
      value: (r) => r.overDailyLimit,
      numeric: true,
      render: (r) => fmtInt(r.overDailyLimit),
    },
    {
      id: 'overWeeklyLimit',
      label: 'Over 7-day limit',
      value: (r) => r.overWeeklyLimit,
      numeric: true,
      render: (r) => fmtInt(r.overWeeklyLimit),
    },
  ];
}

const teamColumns: TableColumn<Team>[] = [
  { id: 'team', label: 'Team', value: (r) => r.team || '(no team)' },
  ...ruleColumns<Team>(),
];
const agentColumns: TableColumn<Agent>[] = [
  { id: 'agent', label: 'Agent', value: (r) => r.agentName ?? r.agentId },
  { id: 'agentId', label: 'Agent id', value: (r) => r.agentId },
  { id: 'team', label: 'Team', value: (r) => r.team || '(no team)' },
  ...ruleColumns<Agent>(),
];
const attemptColumns: TableColumn<Attempt>[] = [
  { id: 'localTime', label: 'Local time', value: (r) => r.localTime },
  { id: 'caseId', label: 'Case', value: (r) => r.caseId },
  { id: 'agentId', label: 'Agent id', value: (r) => r.agentId },
  { id: 'team', label: 'Team', value: (r) => r.team || '(no team)' },
  { id: 'channel', label: 'Channel', value: (r) => r.channel },
  { id: 'attemptOfDay', label: 'Attempt of day', value: (r) => r.attemptOfDay, numeric: true },
  {
    id: 'attemptsIn7Days',
    label: 'Attempts in 7 days',
    value: (r) => r.attemptsIn7Days,
    numeric: true,
  },
  { id: 'rules', label: 'Rules broken', value: (r) => r.rules.map(ruleLabel).join(', ') },
];

export function CompliancePanels({ filters, params, setParams }: Omit<PageProps, 'asOf'>) {
  // '' (automated attempts, no team) is no value a filter takes: it is not offered
  const team = params.get('team') || null;
  const vars = { from: filters.from, to: filters.to, filter: teamFilter(team) };
  const q = useQuery(`compliance:${JSON.stringify(vars)}`, (signal) =>
    gql(ComplianceQuery, vars, signal),
  );
  const range = `${filters.from}_${filters.to}`;
  return (
    <QueryView
      state={q}
      what="the compliance report"
      isEmpty={(d) => d.complianceReport.voiceAttempts === 0}
      empty="No voice or in-person attempt in this date range."
    >
      {({ complianceReport: r }) => (
        <>
          <section className="panel wide" aria-label="Compliance summary" data-compliance>
            <p>
              <strong data-violations={r.violations}>{fmtInt(r.violations)}</strong> of{' '}
              {fmtInt(r.voiceAttempts)} voice and in-person attempts broke a contact rule (
              <strong>{fmtPct(r.violationRate)}</strong>): {fmtInt(r.outsideHours)} outside{' '}
              {r.thresholds.startHour}:00–{r.thresholds.endHour}:00 local time,{' '}
              {fmtInt(r.overDailyLimit)} over {r.thresholds.maxPerDay} a day,{' '}
              {fmtInt(r.overWeeklyLimit)} over {r.thresholds.maxPer7Days} in 7 days.
            </p>
            <p className="hint">
              Compliance covers the whole book: its query takes the date range and a team, not the
              portfolio filters (they apply to the channel figures above).
            </p>
            <div className="controls">
              <label>
                Team{' '}
                <select
                  value={team ?? ALL}
                  onChange={(e) =>
                    setParams({ team: e.target.value === ALL ? null : e.target.value })
                  }
                >
                  <option value={ALL}>All teams</option>
                  {team !== null && !r.teams.some((t) => t.team === team) && (
                    <option value={team}>{team}</option>
                  )}
                  {r.teams
                    .filter((t) => t.team !== '')
                    .map((t) => (
                      <option key={t.team} value={t.team}>
                        {t.team}
                      </option>
                    ))}
                </select>
              </label>
            </div>
          </section>
          <Panel title="Violations by team" wide>
            <DataTable
              csvFilename={`compliance_teams_${range}.csv`}
              caption="Contact-rule violations by team"
              columns={teamColumns}
              rows={r.teams}
              rowKey={(t) => t.team}
            />
          </Panel>
          <Panel title="Violations by agent" wide>
            <DataTable
              csvFilename={`compliance_agents_${range}.csv`}
              caption="Contact-rule violations by agent"
              columns={agentColumns}
              rows={r.agents}
              rowKey={(a) => a.agentId}
              pageSize={25}
            />
          </Panel>
          {r.violations > 0 && (
            <OffendingAttempts
              key={`${filters.from}/${filters.to}/${team}`}
              from={filters.from}
              to={filters.to}
              team={team}
            />
          )}
        </>
      )}
    </QueryView>
  );
}

function OffendingAttempts({ from, to, team }: { from: string; to: string; team: string | null }) {
  const [offset, setOffset] = useState(0);
  const vars = { from, to, filter: teamFilter(team), limit: PAGE, offset };
  const q = useQuery(`offending:${JSON.stringify(vars)}`, (signal) =>
    gql(OffendingQuery, vars, signal),
  );
  const rows = q.status === 'success' ? q.data.complianceReport.offendingAttempts.rows : [];
  const total = q.status === 'success' ? q.data.complianceReport.offendingAttempts.total : 0;
  return (
    <Panel title="Offending attempts" wide>
      {q.status === 'error' && isForbidden(q.error) ? (
        <Empty>
          The list of offending attempts is for analysts: your key shows the counts above but not
          the attempts themselves. Ask an administrator for the analyst role to see them.
        </Empty>
      ) : (
        <QueryView state={q} what="offending attempts">
          {() => (
            <>
              <DataTable
                csvFilename={`compliance_attempts_${from}_${to}_${offset}.csv`}
                csvScope={`rows ${fmtInt(offset + 1)}–${fmtInt(offset + rows.length)} of ${fmtInt(total)}`}
                caption="Offending attempts in time order"
                columns={attemptColumns}
                rows={rows}
                rowKey={(a) => a.eventId}
              />
              <nav className="pager" aria-label="Offending attempts pages">
                <button
                  type="button"
                  disabled={offset === 0}
                  onClick={() => setOffset(Math.max(0, offset - PAGE))}
                >
                  Previous
                </button>
                <span>
                  {fmtInt(offset + 1)}–{fmtInt(offset + rows.length)} of {fmtInt(total)}
                </span>
                <button
                  type="button"
                  disabled={offset + PAGE >= total}
                  onClick={() => setOffset(offset + PAGE)}
                >
                  Next
                </button>
              </nav>
            </>
          )}
        </QueryView>
      )}
    </Panel>
  );
}

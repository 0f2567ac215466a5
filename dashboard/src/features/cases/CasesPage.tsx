/**
 * Cases (analysts, docs/architecture.md): the cases opened in the date range, narrowed by
 * strategy, segment, team, status and entry bucket, 50 per page (server
 * paging), newest first; a case's timeline of events. Identifiers are masked
 * by the API. Needs the analyst role: a viewer key gets a note saying so.
 */
import { DataTable, type TableColumn } from '../../components/DataTable.tsx';
import { Pager } from '../../components/Pager.tsx';
import { Panel } from '../../components/Panel.tsx';
import { QueryView } from '../../components/States.tsx';
import { gql } from '../../lib/client.ts';
import { fmtMoney } from '../../lib/money.ts';
import { useQuery } from '../../lib/useQuery.ts';
import type { PageProps } from '../../pages.ts';
import type { CasesQuery as CasesData } from '../../gql/graphql.ts';
import { isForbidden } from '../channels/channels.ts';
import { CaseTimeline, RoleNote } from './CaseTimeline.tsx';
import {
  CASE_PAGE,
  CASE_STATUSES,
  ENTRY_BUCKETS,
  caseFilter,
  caseOffset,
  caseStatus,
  fmtInstant,
  pageScope,
} from './cases.ts';
import { CaseDimensionsQuery, CasesQuery } from './queries.ts';

type Case = CasesData['cases']['rows'][number];

function caseColumns(open: (id: string) => void): TableColumn<Case>[] {
  return [
    {
      id: 'caseId',
      label: 'Case',
      value: (r) => r.caseId,
      render: (r) => (
        <button type="button" className="link" onClick={() => open(r.caseId)}>
          {r.caseId}
        </button>
      ),
    },
    { id: 'account', label: 'Account (masked)', value: (r) => r.accountMasked },
    {
      id: 'opened',
      label: 'Opened',
      value: (r) => r.openedAt,
      render: (r) => fmtInstant(r.openedAt),
    },
    { id: 'strategy', label: 'Strategy', value: (r) => r.strategy },
    { id: 'segment', label: 'Segment', value: (r) => r.segment },
    { id: 'bucket', label: 'Entry bucket', value: (r) => r.entryBucket },
    {
      id: 'balance',
      label: 'Entry balance',
      value: (r) => r.entryBalance,
      numeric: true,
      render: (r) => fmtMoney(r.entryBalance),
    },
    { id: 'holder', label: 'Holder', value: (r) => r.agentName ?? r.agentId ?? '' },
    { id: 'team', label: 'Team', value: (r) => r.team ?? '' },
    { id: 'status', label: 'Status', value: (r) => caseStatus(r) },
    {
      id: 'paid',
      label: 'Paid',
      value: (r) => r.paid,
      numeric: true,
      render: (r) => fmtMoney(r.paid),
    },
  ];
}

const SELECTS = [
  { param: 'strategy', label: 'Strategy' },
  { param: 'segment', label: 'Segment' },
  { param: 'team', label: 'Team' },
  { param: 'outcome', label: 'Status' },
  { param: 'bucket', label: 'Entry bucket' },
] as const;

export default function CasesPage({ filters, params, setParams }: PageProps) {
  const filter = caseFilter(filters, params);
  const offset = caseOffset(params);
  const selected = params.get('case');
  const vars = { filter, limit: CASE_PAGE, offset };
  const q = useQuery(`cases:${JSON.stringify(vars)}`, (signal) => gql(CasesQuery, vars, signal));
  const dims = useQuery('case-dimensions', (signal) => gql(CaseDimensionsQuery, {}, signal));
  const options: Record<(typeof SELECTS)[number]['param'], readonly string[]> = {
    strategy: dims.status === 'success' ? dims.data.dimensions.strategies : [],
    segment: dims.status === 'success' ? dims.data.dimensions.segments : [],
    team: dims.status === 'success' ? dims.data.dimensions.teams : [],
    outcome: CASE_STATUSES,
    bucket: ENTRY_BUCKETS,
  };

  if (q.status === 'error' && isForbidden(q.error)) return <RoleNote error={q.error} />;
  const columns = caseColumns((id) => setParams({ case: id }));
  return (
    <div className="grid">
      <Panel
        title="Cases"
        wide
        actions={SELECTS.map(({ param, label }) => {
          const value = params.get(param) ?? '';
          return (
            <label key={param}>
              {label}{' '}
              <select
                value={value}
                onChange={(e) => setParams({ [param]: e.target.value || null, offset: null })}
              >
                <option value="">All</option>
                {value && !options[param].includes(value) && <option value={value}>{value}</option>}
                {options[param].map((v) => (
                  <option key={v} value={v}>
                    {v.replace(/_/g, ' ')}
                  </option>
                ))}
              </select>
            </label>
          );
        })}
      >
        <p className="hint">
          Cases opened {filters.from} to {filters.to}, newest first. Account and customer
          identifiers are masked.
        </p>
        <QueryView
          state={q}
          what="cases"
          isEmpty={(d) => d.cases.rows.length === 0}
          empty={
            offset > 0
              ? 'No cases on this page: go back to the first page.'
              : 'No case matches these filters. Widen the date range or set a setting back to All.'
          }
        >
          {({ cases }) => (
            <>
              <DataTable
                caption="Cases, newest opened first"
                columns={columns}
                rows={cases.rows}
                rowKey={(r) => r.caseId}
                csvFilename={`cases_${filters.from}_${filters.to}_${offset}.csv`}
                csvScope={pageScope(offset, cases.rows.length, cases.total) ?? undefined}
              />
              <Pager
                label="Cases pages"
                offset={offset}
                shown={cases.rows.length}
                total={cases.total}
                size={CASE_PAGE}
                go={(o) => setParams({ offset: String(o) })}
              />
            </>
          )}
        </QueryView>
      </Panel>
      {selected && (
        <CaseTimeline key={selected} caseId={selected} close={() => setParams({ case: null })} />
      )}
    </div>
  );
}

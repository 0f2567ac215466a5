/** One case: its summary and every event touching it, in time order (analyst role). */
import { useEffect, useRef } from 'react';
import { DataTable, type TableColumn } from '../../components/DataTable.tsx';
import { Panel } from '../../components/Panel.tsx';
import { Empty, QueryView } from '../../components/States.tsx';
import { gql } from '../../lib/client.ts';
import { fmtInt } from '../../lib/format.ts';
import { fmtMoney } from '../../lib/money.ts';
import { useQuery } from '../../lib/useQuery.ts';
import type { CaseTimelineQuery as TimelineData } from '../../gql/graphql.ts';
import { isForbidden } from '../channels/channels.ts';
import { caseStatus, fmtInstant } from './cases.ts';
import { CaseTimelineQuery } from './queries.ts';

type Event = TimelineData['caseTimeline']['events'][number];

const eventColumns: TableColumn<Event>[] = [
  {
    id: 'at',
    label: 'When',
    value: (e) => e.occurredAt,
    render: (e) => fmtInstant(e.occurredAt),
  },
  { id: 'type', label: 'Event', value: (e) => e.type.replace(/_/g, ' ') },
  { id: 'agent', label: 'Agent', value: (e) => e.agentId ?? '' },
  { id: 'channel', label: 'Channel', value: (e) => e.channel ?? '' },
  { id: 'outcome', label: 'Result', value: (e) => e.outcome ?? '' },
  {
    id: 'amount',
    label: 'Amount',
    value: (e) => e.amount,
    numeric: true,
    render: (e) => fmtMoney(e.amount),
  },
  { id: 'detail', label: 'Detail', value: (e) => e.detail },
];

/** What a viewer key sees instead of case-level rows. */
export function RoleNote({ error }: { error: Error }) {
  return (
    <div className="state forbidden" role="alert" data-role-note>
      <strong>Case drill-down needs the analyst role.</strong>{' '}
      <span>
        {error.message} The other pages work with your key; ask an administrator for an analyst key
        to see individual cases.
      </span>
    </div>
  );
}

export function CaseTimeline({ caseId, close }: { caseId: string; close: () => void }) {
  const q = useQuery(`timeline:${caseId}`, (signal) => gql(CaseTimelineQuery, { caseId }, signal));
  const heading = useRef<HTMLDivElement>(null);
  useEffect(() => heading.current?.scrollIntoView?.({ block: 'nearest' }), []);
  return (
    <Panel
      title={`Case ${caseId}`}
      wide
      actions={
        <button type="button" onClick={close}>
          Close
        </button>
      }
    >
      <div ref={heading} />
      {q.status === 'error' && isForbidden(q.error) ? (
        <RoleNote error={q.error} />
      ) : (
        <QueryView state={q} what="the case timeline">
          {({ caseTimeline: t }) =>
            !t.summary && t.events.length === 0 ? (
              <Empty>No case “{caseId}” is loaded. Pick a case from the list above.</Empty>
            ) : (
              <>
                {t.summary && (
                  <dl className="facts" data-case-summary>
                    <dt>Account</dt>
                    <dd>{t.summary.accountMasked}</dd>
                    <dt>Opened</dt>
                    <dd>{fmtInstant(t.summary.openedAt)}</dd>
                    <dt>Strategy</dt>
                    <dd>
                      {t.summary.strategy}
                      {t.summary.experiment &&
                        ` (${[t.summary.experiment, t.summary.armRole].filter(Boolean).join(', ')})`}
                    </dd>
                    <dt>Entry</dt>
                    <dd>
                      {t.summary.entryBucket}, {fmtInt(t.summary.entryDpd)} days past due,{' '}
                      {fmtMoney(t.summary.entryBalance)}
                    </dd>
                    <dt>Holder</dt>
                    <dd>
                      {t.summary.agentName ?? t.summary.agentId ?? 'never assigned'}
                      {t.summary.team && ` (${t.summary.team})`}
                    </dd>
                    <dt>Status</dt>
                    <dd>
                      {caseStatus(t.summary)}
                      {t.summary.closedAt && `, ${fmtInstant(t.summary.closedAt)}`}
                    </dd>
                    <dt>Paid</dt>
                    <dd data-paid={t.summary.paid}>{fmtMoney(t.summary.paid)}</dd>
                  </dl>
                )}
                <DataTable
                  caption={`Events of case ${caseId} in time order`}
                  columns={eventColumns}
                  rows={t.events}
                  rowKey={(e) => e.eventId}
                  csvFilename={`case_${caseId}_events.csv`}
                />
              </>
            )
          }
        </QueryView>
      )}
    </Panel>
  );
}

/**
 * Work queue (collection managers, docs/models.md#work-queue): open cases ranked
 * by expected recovery per unit of contact cost (P(cure in 30 d) × balance ÷
 * expected contact cost) from the latest published cure model, narrowed by team,
 * agent, segment and bucket, 50 per page (server paging). Without a published
 * model the page says so and how to train one. Needs the analyst role.
 */
import { DataTable, type TableColumn } from '../../components/DataTable.tsx';
import { MultiSelect } from '../../components/MultiSelect.tsx';
import { Pager } from '../../components/Pager.tsx';
import { Panel } from '../../components/Panel.tsx';
import { Empty, QueryView } from '../../components/States.tsx';
import { gql } from '../../lib/client.ts';
import { label, type Bucket } from '../../lib/buckets.ts';
import { fmtNum, fmtPct } from '../../lib/format.ts';
import { fmtMoney } from '../../lib/money.ts';
import { go } from '../../lib/router.ts';
import { useQuery } from '../../lib/useQuery.ts';
import type { PageProps } from '../../pages.ts';
import type { WorkQueueQuery as QueueData } from '../../gql/graphql.ts';
import { ENTRY_BUCKETS, fmtInstant, pageScope } from '../cases/cases.ts';
import { RoleNote } from '../cases/CaseTimeline.tsx';
import { isForbidden } from '../channels/channels.ts';
import { QueueDimensionsQuery, QueueModelQuery, WorkQueueQuery } from './queries.ts';
import {
  QUEUE_PAGE,
  listParam,
  queueFilter,
  queueModel,
  queueOffset,
  writeList,
  type LatestRun,
  type QueueParam,
} from './queue.ts';

type Row = QueueData['workQueue']['rows'][number];
const ID = 'work-queue';

const PICKERS: { param: QueueParam; label: string }[] = [
  { param: 'team', label: 'Team' },
  { param: 'agent', label: 'Agent' },
  { param: 'segment', label: 'Segment' },
  { param: 'bucket', label: 'Bucket' },
];

function columns(names: Map<string, string>): TableColumn<Row>[] {
  return [
    { id: 'case', label: 'Case', value: (r) => r.caseId },
    { id: 'bucket', label: 'Bucket', value: (r) => label(r.bucket as Bucket) },
    { id: 'segment', label: 'Segment', value: (r) => r.segment || '(none)' },
    { id: 'strategy', label: 'Strategy', value: (r) => r.strategy },
    { id: 'agent', label: 'Holder', value: (r) => names.get(r.agentId) ?? r.agentId },
    { id: 'team', label: 'Team', value: (r) => r.team },
    {
      id: 'score',
      label: 'P(cure 30 d)',
      value: (r) => r.score,
      numeric: true,
      render: (r) => fmtPct(r.score),
    },
    {
      id: 'balance',
      label: 'Balance',
      value: (r) => r.balance,
      numeric: true,
      render: (r) => fmtMoney(r.balance),
    },
    {
      id: 'recovery',
      label: 'Expected recovery',
      value: (r) => r.expectedRecovery,
      numeric: true,
      render: (r) => fmtMoney(r.expectedRecovery),
    },
    {
      id: 'cost',
      label: 'Expected cost',
      value: (r) => r.expectedCost,
      numeric: true,
      render: (r) => fmtMoney(r.expectedCost, { cents: true }),
    },
    {
      id: 'priority',
      label: 'Recovery per cost',
      value: (r) => r.priority,
      numeric: true,
      render: (r) => fmtNum(r.priority, 1),
    },
  ];
}

export default function WorkQueuePage({ params }: PageProps) {
  const model = useQuery('queue-model', (signal) => gql(QueueModelQuery, {}, signal));
  return (
    <div className="grid">
      <QueryView state={model} what="the cure model">
        {(d) => {
          const m = queueModel(d);
          if (m.kind === 'none')
            return (
              <Empty>
                <span data-queue-empty="none">
                  No model is published, so there is no work queue yet. Train and score with{' '}
                  <code>pnpm etl score</code>, then reload this page.
                </span>
              </Empty>
            );
          if (m.kind === 'refused')
            return (
              <Empty>
                <span data-queue-empty="refused">
                  No model has been published, so there is no work queue: the latest cure model
                  (trained {fmtInstant(m.run.trainedAt)}) was refused — {m.run.verdict}. Run{' '}
                  <code>pnpm etl score</code> again once more data is loaded; the Models page shows
                  the validation.
                </span>
              </Empty>
            );
          return <Queue run={m.run} refused={m.refused} params={params} />;
        }}
      </QueryView>
    </div>
  );
}

function Queue({
  run,
  refused,
  params,
}: {
  run: LatestRun;
  /** A newer run that was refused: the queue is the older published model's. */
  refused: LatestRun | null;
  params: URLSearchParams;
}) {
  const filter = queueFilter(params);
  const offset = queueOffset(params);
  const vars = { filter, limit: QUEUE_PAGE, offset };
  const q = useQuery(`queue:${run.runId}:${JSON.stringify(vars)}`, (signal) =>
    gql(WorkQueueQuery, vars, signal),
  );
  const dims = useQuery('queue-dimensions', (signal) => gql(QueueDimensionsQuery, {}, signal));
  const d = dims.status === 'success' ? dims.data.dimensions : null;
  const options: Record<QueueParam, readonly string[] | null> = {
    team: d?.teams ?? null,
    agent: d?.agents.map((a) => a.agentId) ?? null,
    segment: d ? ['', ...d.segments] : null,
    bucket: ENTRY_BUCKETS,
  };
  const names = new Map((d?.agents ?? []).map((a) => [a.agentId, a.name ?? a.agentId]));
  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes))
      if (v === null) next.delete(k);
      else next.set(k, v);
    go(ID, next);
  };

  if (q.status === 'error' && isForbidden(q.error)) return <RoleNote error={q.error} />;
  return (
    <Panel
      title="Work queue"
      wide
      actions={PICKERS.map(({ param, label }) => (
        <MultiSelect
          key={param}
          label={label}
          name={param}
          options={options[param]}
          selected={listParam(params, param)}
          onChange={(v) => set({ [param]: writeList(v), offset: null })}
        />
      ))}
    >
      <p className="hint" data-run-id={run.runId}>
        Open cases ranked by P(cure in 30 days) × balance ÷ expected contact cost. Model run{' '}
        <code>{run.runId}</code> (cure within 30 days, trained {fmtInstant(run.trainedAt)}, cut-off{' '}
        {run.cutoff.slice(0, 10)})
        {q.status === 'success' && q.data.workQueue.scoredAt
          ? `, scored ${fmtInstant(q.data.workQueue.scoredAt)}`
          : ''}
        .
      </p>
      {refused && (
        <p className="hint warn" data-queue-fallback={refused.runId}>
          The latest cure model (trained {fmtInstant(refused.trainedAt)}) was refused —{' '}
          {refused.verdict}. The queue is ranked by the last published model above; the Models page
          shows the validation.
        </p>
      )}
      <QueryView
        state={q}
        what="the work queue"
        isEmpty={(x) => x.workQueue.rows.length === 0}
        empty={
          offset > 0
            ? 'No cases on this page: go back to the first page.'
            : 'No scored open case matches these filters. Clear a filter (All).'
        }
      >
        {({ workQueue }) => (
          <>
            <DataTable
              caption="Open cases, highest expected recovery per unit of cost first"
              columns={columns(names)}
              rows={workQueue.rows}
              rowKey={(r) => r.caseId}
              csvFilename={`work_queue_${workQueue.runId.slice(0, 8)}_${offset}.csv`}
              csvScope={pageScope(offset, workQueue.rows.length, workQueue.total) ?? undefined}
            />
            <Pager
              label="Work queue pages"
              offset={offset}
              shown={workQueue.rows.length}
              total={workQueue.total}
              size={QUEUE_PAGE}
              go={(o) => set({ offset: String(o) })}
            />
          </>
        )}
      </QueryView>
    </Panel>
  );
}

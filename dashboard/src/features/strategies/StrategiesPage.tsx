/** Champion/challenger (docs/metrics/strategy-comparison.md): cure-rate intervals, lift, p-value, verdict, cost. */
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ErrorBar,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useEffect } from 'react';
import { ChartFigure } from '../../components/Chart.tsx';
import { DataTable, type TableColumn } from '../../components/DataTable.tsx';
import { Panel } from '../../components/Panel.tsx';
import { Empty, ErrorBox, Loading, QueryView } from '../../components/States.tsx';
import { gql } from '../../lib/client.ts';
import { fmtInt, fmtPct } from '../../lib/format.ts';
import { fmtMoney } from '../../lib/money.ts';
import { useQuery } from '../../lib/useQuery.ts';
import type { PageProps } from '../../pages.ts';
import type {
  ExperimentsQuery as ExperimentsData,
  StrategyComparisonQuery as Data,
} from '../../gql/graphql.ts';
import { intervalBars, rateAxisMax } from './arms.ts';
import { ExperimentsQuery, StrategyComparisonQuery } from './queries.ts';
import { COLOUR } from '../../lib/palette.ts';

type Arm = Data['strategyComparison']['arms'][number];
type Experiment = ExperimentsData['experiments'][number];

/** "retention-q3 (2026-07-01 to 2026-09-30)": the name and when its cases opened. */
function experimentLabel(x: Pick<Experiment, 'name' | 'firstDay' | 'lastDay'>): string {
  return `${x.name} (${x.firstDay} to ${x.lastDay})`;
}

function ExperimentSummary({
  experiment: x,
  inRange,
  useDates,
}: {
  experiment: Experiment;
  inRange: boolean;
  useDates: () => void;
}) {
  return (
    <section className="panel wide" aria-label="The experiment" data-experiment={x.name}>
      <p>
        <strong>{x.name}</strong>: cases opened {x.firstDay} to {x.lastDay}, {fmtInt(x.cases)} cases
        in {x.arms.length} arms ({x.arms.map((a) => `${a.strategy} ${fmtInt(a.cases)}`).join(', ')}
        ); champion {x.champion ?? 'not tagged'}. Verdict over its whole run (cure within{' '}
        {x.cureWithinDays} days): <span data-run-verdict>{x.verdict}</span>
      </p>
      {!inRange && <p className="note">Its cases opened outside the date range above.</p>}
      <button type="button" onClick={useDates}>
        Compare over its dates ({x.firstDay} to {x.lastDay})
      </button>
    </section>
  );
}

const columns: TableColumn<Arm>[] = [
  { id: 'strategy', label: 'Arm', value: (a) => a.strategy },
  {
    id: 'cases',
    label: 'Cases',
    value: (a) => a.cases,
    numeric: true,
    render: (a) => fmtInt(a.cases),
  },
  {
    id: 'mature',
    label: 'Mature',
    value: (a) => a.matureCases,
    numeric: true,
    render: (a) => fmtInt(a.matureCases),
  },
  {
    id: 'cured',
    label: 'Cured',
    value: (a) => a.cured,
    numeric: true,
    render: (a) => fmtInt(a.cured),
  },
  {
    id: 'cureRate',
    label: 'Cure rate',
    value: (a) => a.cureRate,
    numeric: true,
    render: (a) =>
      `${fmtPct(a.cureRate)} (${fmtPct(a.cureRateCI.low)}–${fmtPct(a.cureRateCI.high)})`,
  },
  {
    id: 'lift',
    label: 'Lift vs champion',
    value: (a) => a.liftVsChampion,
    numeric: true,
    render: (a) =>
      a.liftVsChampion === null || a.liftVsChampion === undefined
        ? '—'
        : `${a.liftVsChampion >= 0 ? '+' : ''}${(a.liftVsChampion * 100).toFixed(1)} pts`,
  },
  {
    id: 'relLift',
    label: 'Relative lift',
    value: (a) => a.relativeLift,
    numeric: true,
    render: (a) => fmtPct(a.relativeLift),
  },
  {
    id: 'p',
    label: 'p-value',
    value: (a) => a.pValue,
    numeric: true,
    render: (a) =>
      a.pValue === null || a.pValue === undefined
        ? '—'
        : a.pValue < 0.001
          ? '< 0.001'
          : a.pValue.toFixed(3),
  },
  { id: 'sig', label: 'Significant', value: (a) => (a.significant ? 'yes' : 'no') },
  {
    id: 'recovery',
    label: 'Recovery rate',
    value: (a) => a.recoveryRate,
    numeric: true,
    render: (a) =>
      `${fmtPct(a.recoveryRate)} (${fmtPct(a.recoveryRateCI.low)}–${fmtPct(a.recoveryRateCI.high)})`,
  },
  {
    id: 'cost',
    label: 'Cost per case',
    value: (a) => a.costPerCase,
    numeric: true,
    render: (a) => fmtMoney(a.costPerCase),
  },
  {
    id: 'net',
    label: 'Net recovery per case',
    value: (a) => a.netRecoveryPerCase,
    numeric: true,
    render: (a) => fmtMoney(a.netRecoveryPerCase),
  },
];

export default function StrategiesPage({ filters, params, setParams }: PageProps) {
  // Latest first (by last opening): the page opens on the latest experiment; the URL keeps the choice.
  const list = useQuery('experiments', (signal) => gql(ExperimentsQuery, {}, signal));
  const experiments = list.status === 'success' ? list.data.experiments : null;
  const experiment = params.get('experiment') ?? experiments?.[0]?.name ?? '';
  const chosen = experiments?.find((x) => x.name === experiment) ?? null;
  const unknown = experiments !== null && experiment !== '' && chosen === null;
  const days = Number(params.get('days') ?? 30) || 30;
  const confidence = Number(params.get('confidence') ?? 0.95) || 0.95;
  // The experiment opened goes into the URL (replacing the entry), so the address shares it.
  const opened = params.get('experiment') === null && experiment !== '' ? experiment : null;
  useEffect(() => {
    if (opened) setParams({ experiment: opened }, true);
  }, [opened, setParams]);

  return (
    <div className="grid">
      <form
        className="panel wide controls"
        aria-label="Experiment"
        onSubmit={(e) => e.preventDefault()}
      >
        <label>
          Experiment{' '}
          <select
            name="experiment"
            value={experiment}
            onChange={(e) => setParams({ experiment: e.target.value })}
          >
            {unknown && <option value={experiment}>{experiment} (not in the data)</option>}
            {(experiments ?? []).map((x) => (
              <option key={x.name} value={x.name}>
                {experimentLabel(x)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Cured within{' '}
          <select value={days} onChange={(e) => setParams({ days: e.target.value })}>
            {[7, 14, 30, 60, 90].map((d) => (
              <option key={d} value={d}>
                {d} days
              </option>
            ))}
          </select>
        </label>
        <label>
          Confidence{' '}
          <select value={confidence} onChange={(e) => setParams({ confidence: e.target.value })}>
            {[0.9, 0.95, 0.99].map((c) => (
              <option key={c} value={c}>
                {c * 100}%
              </option>
            ))}
          </select>
        </label>
      </form>
      {chosen && (
        <ExperimentSummary
          experiment={chosen}
          inRange={chosen.firstDay <= filters.to && chosen.lastDay >= filters.from}
          useDates={() => setParams({ from: chosen.firstDay, to: chosen.lastDay })}
        />
      )}
      {list.status === 'error' && <ErrorBox error={list.error} retry={list.retry} />}
      {experiment ? (
        <Comparison
          vars={{
            experiment,
            from: filters.from,
            to: filters.to,
            cureWithinDays: days,
            confidence,
          }}
        />
      ) : list.status === 'loading' ? (
        <Loading what="the experiments" />
      ) : list.status === 'error' ? null : (
        <Empty>No experiment in the data: no case carries an experiment name.</Empty>
      )}
    </div>
  );
}

function Comparison({
  vars,
}: {
  vars: {
    experiment: string;
    from: string;
    to: string;
    cureWithinDays: number;
    confidence: number;
  };
}) {
  const q = useQuery(`strategy:${JSON.stringify(vars)}`, (signal) =>
    gql(StrategyComparisonQuery, vars, signal),
  );
  return (
    <QueryView
      state={q}
      what="the comparison"
      isEmpty={(d) => d.strategyComparison.arms.length === 0}
      empty={`No case of experiment “${vars.experiment}” was opened in this date range. Check the name or widen the range.`}
    >
      {({ strategyComparison: s }) => {
        const bars = intervalBars(s.arms, s.champion);
        return (
          <>
            <section className="panel wide verdict" aria-label="Verdict" data-verdict>
              <strong>Verdict:</strong> {s.verdict}
              <span className="hint">
                {' '}
                Champion: {s.champion}; cure counted within {s.cureWithinDays} days, mature cases
                only.
              </span>
            </section>
            <Panel
              title="Cure rate by arm"
              csv={{
                filename: `strategy_${s.experiment}_cure_intervals.csv`,
                columns: [
                  { label: 'strategy', value: (b) => b.strategy },
                  { label: 'cure_rate', value: (b) => b.rate },
                  { label: 'ci_low', value: (b) => b.low },
                  { label: 'ci_high', value: (b) => b.high },
                  { label: 'champion', value: (b) => b.champion },
                ],
                rows: bars,
              }}
            >
              <ChartFigure
                label={`Cure rate of each arm with its ${vars.confidence * 100}% interval`}
              >
                <ResponsiveContainer>
                  <BarChart data={bars} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="strategy" />
                    <YAxis
                      domain={[0, rateAxisMax(bars)]}
                      tickFormatter={(v: number) => fmtPct(v, 0)}
                    />
                    <Tooltip formatter={(v) => fmtPct(Number(v))} />
                    <Bar dataKey="rate" name="Cure rate" isAnimationActive={false}>
                      {bars.map((b) => (
                        <Cell key={b.strategy} fill={b.champion ? COLOUR.muted : COLOUR.neutral} />
                      ))}
                      <ErrorBar dataKey="error" width={8} stroke={COLOUR.ink} />
                    </Bar>
                  </BarChart>
                </ResponsiveContainer>
              </ChartFigure>
            </Panel>
            <Panel title="Arms" wide>
              <DataTable
                csvFilename={`strategy_${s.experiment}_arms.csv`}
                caption="Arms of the experiment"
                columns={columns}
                rows={s.arms}
                rowKey={(a) => a.strategy}
              />
            </Panel>
          </>
        );
      }}
    </QueryView>
  );
}

/**
 * Models (risk officers, docs/models.md): every propensity model run with its
 * cut-off, target and verdict; for the chosen run the out-of-time AUC (with its
 * interval) and Brier score against the naive baseline in one line, a
 * calibration chart by decile (predicted vs observed, diagonal = perfect) and a
 * cumulative gains chart (model vs baseline vs random order).
 */
import {
  CartesianGrid,
  ComposedChart,
  ErrorBar,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ChartFigure } from '../../components/Chart.tsx';
import { DataTable, type TableColumn } from '../../components/DataTable.tsx';
import { Panel } from '../../components/Panel.tsx';
import { Empty, QueryView } from '../../components/States.tsx';
import { gql } from '../../lib/client.ts';
import { fmtInt, fmtPct } from '../../lib/format.ts';
import { COLOUR } from '../../lib/palette.ts';
import { go } from '../../lib/router.ts';
import { useQuery } from '../../lib/useQuery.ts';
import type { PageProps } from '../../pages.ts';
import { fmtInstant } from '../cases/cases.ts';
import {
  RANDOM,
  calibration,
  calibrationTop,
  gains,
  selectRun,
  verdictLine,
  type Run,
} from './models.ts';
import { ModelRunsQuery } from './queries.ts';

const f3 = (x: number) => x.toFixed(3);

/** A metric column: three decimals, sortable by the number. */
function metric(id: string, label: string, get: (r: Run) => number): TableColumn<Run> {
  return { id, label, value: get, numeric: true, render: (r) => f3(get(r)) };
}

function runColumns(selected: string, pick: (id: string) => void): TableColumn<Run>[] {
  return [
    {
      id: 'trained',
      label: 'Trained',
      value: (r) => r.trainedAt,
      render: (r) =>
        r.runId === selected ? (
          <strong aria-current="true">{fmtInstant(r.trainedAt)}</strong>
        ) : (
          <button type="button" className="link" onClick={() => pick(r.runId)}>
            {fmtInstant(r.trainedAt)}
          </button>
        ),
    },
    { id: 'target', label: 'Target', value: (r) => r.target },
    { id: 'cutoff', label: 'Cut-off', value: (r) => r.cutoff.slice(0, 10) },
    { id: 'train', label: 'Train samples', value: (r) => r.trainSamples, numeric: true },
    { id: 'test', label: 'Test samples', value: (r) => r.testSamples, numeric: true },
    metric('auc', 'AUC', (r) => r.model.auc),
    metric('baselineAuc', 'Baseline AUC', (r) => r.baseline.auc),
    metric('brier', 'Brier', (r) => r.model.brier),
    metric('baselineBrier', 'Baseline Brier', (r) => r.baseline.brier),
    {
      id: 'status',
      label: 'Status',
      value: (r) => (r.published ? 'published' : 'refused'),
    },
    { id: 'verdict', label: 'Verdict', value: (r) => r.verdict },
  ];
}

export default function ModelsPage({ params }: PageProps) {
  const q = useQuery('model-runs', (signal) => gql(ModelRunsQuery, {}, signal));
  const pick = (runId: string) => {
    const next = new URLSearchParams(params);
    next.set('run', runId);
    go('models', next);
  };
  return (
    <QueryView
      state={q}
      what="model runs"
      isEmpty={(d) => d.modelRuns.length === 0}
      empty={
        <>
          No model has been trained yet. Run <code>pnpm etl score</code> to train the cure and
          payment models and validate them out of time, then reload this page.
        </>
      }
    >
      {({ modelRuns }) => {
        const run = selectRun(modelRuns, params.get('run'));
        if (!run) return <Empty>No model run.</Empty>;
        return (
          <div className="grid">
            <Verdict run={run} />
            <Calibration run={run} />
            <Gains run={run} />
            <Panel title="Model runs" wide>
              <DataTable
                caption="Training runs, newest first"
                columns={runColumns(run.runId, pick)}
                rows={modelRuns}
                rowKey={(r) => r.runId}
                csvFilename="model_runs.csv"
              />
            </Panel>
          </div>
        );
      }}
    </QueryView>
  );
}

function Verdict({ run }: { run: Run }) {
  const rows = [
    { scorer: 'Model', e: run.model },
    { scorer: 'Baseline (rate by bucket × segment)', e: run.baseline },
  ];
  return (
    <Panel title="Verdict" wide>
      <p className="verdict" data-verdict={run.published ? 'published' : 'refused'}>
        <strong>{verdictLine(run)}</strong>
      </p>
      <p className="hint" data-api-verdict>
        {run.target} run <code>{run.runId}</code>, trained {fmtInstant(run.trainedAt)} on cases
        opened before {run.cutoff.slice(0, 10)}, tested on cases opened from then to the as-of{' '}
        {fmtInstant(run.asOf)}: {run.verdict}.
      </p>
      <table>
        <caption className="sr-only">Out-of-time metrics of the model and the baseline</caption>
        <thead>
          <tr>
            <th scope="col">Scorer</th>
            <th scope="col">AUC (95 % interval)</th>
            <th scope="col">Brier</th>
            <th scope="col">Test samples</th>
            <th scope="col">Positives</th>
            <th scope="col">Rate</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ scorer, e }) => (
            <tr key={scorer}>
              <th scope="row">{scorer}</th>
              <td className="num">
                {f3(e.auc)} ({f3(e.aucCI.low)}–{f3(e.aucCI.high)})
              </td>
              <td className="num">{f3(e.brier)}</td>
              <td className="num">{fmtInt(e.cases)}</td>
              <td className="num">{fmtInt(e.positives)}</td>
              <td className="num">{fmtPct(e.rate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}

function Calibration({ run }: { run: Run }) {
  const points = calibration(run.model.deciles);
  const top = calibrationTop(points);
  return (
    <Panel
      title="Calibration by decile"
      csv={{
        filename: `calibration_${run.runId.slice(0, 8)}.csv`,
        columns: [
          { label: 'decile', value: (p) => p.decile },
          { label: 'cases', value: (p) => p.cases },
          { label: 'mean_predicted', value: (p) => p.predicted },
          { label: 'observed', value: (p) => p.observed },
          { label: 'observed_low', value: (p) => p.observed - p.interval[0] },
          { label: 'observed_high', value: (p) => p.observed + p.interval[1] },
        ],
        rows: points,
      }}
    >
      <ChartFigure
        label="Observed rate against mean predicted probability per score decile"
        description="Points on the diagonal are perfectly calibrated; bars are 95 % Wilson intervals."
      >
        <ResponsiveContainer>
          <ComposedChart data={points} margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              type="number"
              dataKey="predicted"
              name="Mean predicted"
              domain={[0, top]}
              tickFormatter={(v: number) => fmtPct(v, 0)}
              label={{ value: 'Mean predicted', position: 'insideBottom', offset: -8 }}
            />
            <YAxis
              type="number"
              domain={[0, top]}
              tickFormatter={(v: number) => fmtPct(v, 0)}
              label={{ value: 'Observed', angle: -90, position: 'insideLeft' }}
            />
            <Tooltip formatter={(v) => fmtPct(Number(v))} />
            <ReferenceLine
              segment={[
                { x: 0, y: 0 },
                { x: top, y: top },
              ]}
              stroke={COLOUR.muted}
              strokeDasharray="4 4"
              ifOverflow="hidden"
            />
            <Line
              dataKey="observed"
              name="Observed"
              stroke={COLOUR.neutral}
              isAnimationActive={false}
            >
              <ErrorBar dataKey="interval" width={4} stroke={COLOUR.neutral} />
            </Line>
          </ComposedChart>
        </ResponsiveContainer>
      </ChartFigure>
      <p className="hint">Dashed diagonal: predicted = observed. Bars: 95 % Wilson intervals.</p>
    </Panel>
  );
}

function Gains({ run }: { run: Run }) {
  const model = gains(run.model.deciles);
  const baseline = gains(run.baseline.deciles);
  const rows = model.map((m, i) => ({ ...m, baseline: baseline[i]?.found ?? null }));
  return (
    <Panel
      title="Cumulative gains"
      csv={{
        filename: `gains_${run.runId.slice(0, 8)}.csv`,
        columns: [
          { label: 'contacted', value: (p) => p.contacted },
          { label: 'model_found', value: (p) => p.found },
          { label: 'baseline_found', value: (p) => p.baseline },
        ],
        rows,
      }}
    >
      <ChartFigure
        label="Share of positives found against share of cases contacted, best scores first"
        description="Model, baseline and random contact order."
      >
        <ResponsiveContainer>
          <LineChart margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              type="number"
              dataKey="contacted"
              domain={[0, 1]}
              tickFormatter={(v: number) => fmtPct(v, 0)}
              label={{ value: 'Cases contacted', position: 'insideBottom', offset: -8 }}
            />
            <YAxis
              type="number"
              domain={[0, 1]}
              tickFormatter={(v: number) => fmtPct(v, 0)}
              label={{ value: 'Positives found', angle: -90, position: 'insideLeft' }}
            />
            <Tooltip formatter={(v) => fmtPct(Number(v))} />
            <Legend verticalAlign="top" />
            <Line
              data={model}
              dataKey="found"
              name="Model"
              stroke={COLOUR.neutral}
              isAnimationActive={false}
            />
            <Line
              data={baseline}
              dataKey="found"
              name="Baseline"
              stroke={COLOUR.accent}
              isAnimationActive={false}
            />
            <Line
              data={RANDOM}
              dataKey="found"
              name="Random"
              stroke={COLOUR.muted}
              strokeDasharray="4 4"
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </ChartFigure>
    </Panel>
  );
}

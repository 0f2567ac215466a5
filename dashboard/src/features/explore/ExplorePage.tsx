/**
 * Explore (docs/dashboard.md "Explore"): a question of the semantic layer —
 * measures × dimensions × grain × filters, picked from the catalog — answered
 * by one `explore` request as a chart and a table (rates with numerator and
 * denominator) with CSV. The URL is the question.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
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
import { MultiSelect } from '../../components/MultiSelect.tsx';
import { Panel } from '../../components/Panel.tsx';
import { ToDateNote, toDateLines } from '../../components/ToDate.tsx';
import { QueryView } from '../../components/States.tsx';
import type { CatalogQuery as CatalogData, MeasureUnit } from '../../gql/graphql.ts';
import { gql } from '../../lib/client.ts';
import { rateDomain, seriesColour } from '../../lib/palette.ts';
import { useQuery } from '../../lib/useQuery.ts';
import type { PageProps } from '../../pages.ts';
import { CatalogQuery, ExploreQuery } from './queries.ts';
import {
  GRAINS,
  MAX_DIMENSIONS,
  exploreVariables,
  parseQuestion,
  problems,
  writeQuestion,
  PAGE_FILTERS,
  type PageFilterField,
  type Question,
} from './question.ts';
import { chartData, fmtUnit, resultColumns, resultRows, type ResultRow } from './result.ts';

type Catalog = CatalogData['catalog'];

const FILTER_LABEL: Record<PageFilterField, string> = {
  segments: 'Segment',
  strategies: 'Strategy',
  experiments: 'Experiment',
  monthEndBuckets: 'Month-end bucket',
  teams: 'Team',
  agents: 'Agent',
  channels: 'Channel',
};

export default function ExplorePage({ filters, asOf, params, setParams }: PageProps) {
  const catalog = useQuery('catalog', (signal) => gql(CatalogQuery, {}, signal));
  const question = useMemo(() => parseQuestion(params), [params]);
  return (
    <div className="grid">
      <QueryView state={catalog} what="the catalog">
        {({ catalog: c }) => (
          <>
            <QuestionForm
              catalog={c}
              question={question}
              onAsk={(q) => setParams(writeQuestion(q))}
            />
            <Answer
              catalog={c}
              question={question}
              filters={filters}
              asOf={asOf}
              onChart={(chart) => setParams({ chart }, true)}
            />
          </>
        )}
      </QueryView>
    </div>
  );
}

function QuestionForm({
  catalog,
  question,
  onAsk,
}: {
  catalog: Catalog;
  question: Question;
  onAsk: (q: Question) => void;
}) {
  const [draft, setDraft] = useState(question);
  useEffect(() => setDraft(question), [question]);
  // The values the filter accepts: the catalog's dimension restricted by that field.
  const values = (field: PageFilterField) =>
    catalog.dimensions.find((d) => d.filterField === field)?.values ?? [];
  // Shown as inapplicable when a picked measure cannot honour it (problems() then says so).
  const honoured = (field: PageFilterField) =>
    catalog.measures
      .filter((m) => draft.measures.includes(m.key))
      .every((m) => m.filters.includes(field));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onAsk(draft);
  };
  return (
    <form className="panel wide controls explore-form" aria-label="Question" onSubmit={submit}>
      <MultiSelect
        label="Measures"
        name="measures"
        options={catalog.measures.map((m) => m.key)}
        selected={draft.measures}
        onChange={(measures) => setDraft({ ...draft, measures })}
      />
      <MultiSelect
        label="Dimensions"
        name="dimensions"
        options={catalog.dimensions.map((d) => d.key)}
        selected={draft.dimensions}
        onChange={(dimensions) => setDraft({ ...draft, dimensions })}
      />
      <label>
        Grain{' '}
        <select
          name="grain"
          value={draft.grain ?? 'none'}
          onChange={(e) =>
            setDraft({ ...draft, grain: e.target.value === 'none' ? null : e.target.value })
          }
        >
          <option value="none">none (whole range)</option>
          {GRAINS.map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </select>
      </label>
      {/* Before the filters: on the first row, where no open picker covers it. */}
      <button type="submit" disabled={draft.measures.length === 0}>
        Run
      </button>
      {(Object.keys(PAGE_FILTERS) as PageFilterField[]).map((field) => (
        <MultiSelect
          key={field}
          label={FILTER_LABEL[field]}
          name={PAGE_FILTERS[field]}
          options={values(field)}
          selected={draft.filters[field]}
          disabled={!honoured(field)}
          onChange={(v) => setDraft({ ...draft, filters: { ...draft.filters, [field]: v } })}
        />
      ))}
      <p className="hint">
        Up to {MAX_DIMENSIONS} dimensions. Date range and portfolio filters: the bar above. A greyed
        filter does not apply to a picked measure. The address of this page is the question: copy it
        to share.
      </p>
    </form>
  );
}

function Answer({
  catalog,
  question,
  filters,
  asOf,
  onChart,
}: {
  catalog: Catalog;
  question: Question;
  filters: PageProps['filters'];
  asOf: string;
  onChart: (measure: string) => void;
}) {
  const issues = problems(question, catalog, filters);
  const vars = issues.length ? null : exploreVariables(question, filters, catalog);
  const answer = useQuery(`explore:${JSON.stringify(vars)}`, (signal) =>
    vars ? gql(ExploreQuery, vars, signal) : Promise.resolve(null),
  );
  if (issues.length)
    return (
      <div className="panel wide state error" role="alert" data-question-problems>
        <strong>This question cannot be asked:</strong>
        <ul>
          {issues.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      </div>
    );
  const units: MeasureUnit[] = question.measures.map(
    (k) => catalog.measures.find((m) => m.key === k)!.unit,
  );
  const chartIndex = Math.max(0, question.chart ? question.measures.indexOf(question.chart) : 0);
  return (
    <QueryView state={answer} what="the answer" isEmpty={(d) => !d || d.explore.rows.length === 0}>
      {(d) => {
        const result = d!.explore;
        const rows = resultRows(result, question.grain, asOf);
        const columns = resultColumns(result, question, question.grain !== null, units);
        const tableColumns: TableColumn<ResultRow>[] = columns.map((c) => ({
          ...c,
          render: c.text,
        }));
        const slug = [...question.measures, ...question.dimensions, question.grain ?? 'all'].join(
          '_',
        );
        return (
          <>
            <ExploreChart
              rows={rows}
              measures={question.measures}
              units={units}
              index={chartIndex}
              withGrain={question.grain !== null}
              onChart={onChart}
            />
            <Panel title="Result" wide>
              <p className="hint">
                {result.from} to {result.to}; amounts in {result.currency}. Each rate is followed by
                its numerator and denominator.
                {result.truncated && ` Only ${rows.length} of ${result.totalRows} rows are shown.`}
                {rows.some((r) => r.suppressed) &&
                  ' Some values are withheld: too few cases for your role.'}
              </p>
              <DataTable
                caption="Explore result"
                columns={tableColumns}
                rows={rows}
                rowKey={(r) => r.id}
                pageSize={50}
                csvFilename={`explore_${slug}_${result.from}_${result.to}.csv`}
              />
            </Panel>
          </>
        );
      }}
    </QueryView>
  );
}

function ExploreChart({
  rows,
  measures,
  units,
  index,
  withGrain,
  onChart,
}: {
  rows: ResultRow[];
  measures: string[];
  units: MeasureUnit[];
  index: number;
  withGrain: boolean;
  onChart: (measure: string) => void;
}) {
  const unit = units[index]!;
  const data = chartData(rows, index, withGrain);
  const values = data.points.flatMap((p) =>
    Object.entries(p)
      .filter(([k]) => k !== 'x')
      .map(([, v]) => v as number | null),
  );
  const yAxis = (
    <YAxis
      width={90}
      domain={unit === 'RATE' ? rateDomain(values) : [0, 'auto']}
      tickFormatter={(v: number) => fmtUnit(unit, v, true)}
    />
  );
  const tip = (v: unknown) => fmtUnit(unit, Number(v));
  const label = `${measures[index]} ${withGrain ? 'by period' : 'by group'}`;
  return (
    <Panel
      title="Chart"
      wide
      csv={{
        filename: `explore_chart_${measures[index]}.csv`,
        columns: [
          { label: withGrain ? 'period' : 'group', value: (p) => p.x },
          ...data.series.map((s) => ({
            label: s.name,
            value: (p: (typeof data.points)[number]) => p[s.dataKey],
          })),
        ],
        rows: data.points,
      }}
      actions={
        <label>
          Chart{' '}
          <select name="chart" value={measures[index]} onChange={(e) => onChart(e.target.value)}>
            {measures.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
      }
    >
      <ChartFigure label={label} height={320}>
        <ResponsiveContainer>
          {withGrain ? (
            <LineChart data={data.points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="x" />
              {yAxis}
              <Tooltip formatter={tip} />
              <Legend />
              {data.series.map((s, i) => (
                <Line
                  key={s.dataKey}
                  dataKey={s.dataKey}
                  name={s.name}
                  stroke={seriesColour(i)}
                  isAnimationActive={false}
                />
              ))}
              {data.toDate &&
                toDateLines(
                  data.series.map((s, i) => ({
                    key: s.dataKey,
                    name: s.name,
                    stroke: seriesColour(i),
                  })),
                )}
            </LineChart>
          ) : (
            <BarChart data={data.points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="x" />
              {yAxis}
              <Tooltip formatter={tip} />
              <Bar
                dataKey="s0"
                name={measures[index]}
                fill={seriesColour(0)}
                isAnimationActive={false}
              />
            </BarChart>
          )}
        </ResponsiveContainer>
      </ChartFigure>
      {data.toDate && <ToDateNote what="the last period" />}
      {data.hidden > 0 && (
        <p className="hint">
          The chart shows the {data.series.length} largest groups; {data.hidden} more are in the
          table.
        </p>
      )}
    </Panel>
  );
}

/** Vintages (docs/metrics/vintages.md): ever-30+/60+/90+ share by months on book, one line per opening month. */
import {
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
import { ToDateNote, toDateLines } from '../../components/ToDate.tsx';
import { addMonths } from '../../lib/dates.ts';
import { isPartialMonth } from '../../lib/periods.ts';
import { markToDate } from '../../lib/todate.ts';
import { DataTable, type TableColumn } from '../../components/DataTable.tsx';
import { Panel } from '../../components/Panel.tsx';
import { QueryView } from '../../components/States.tsx';
import { gql } from '../../lib/client.ts';
import { monthOf } from '../../lib/dates.ts';
import { portfolioFilter } from '../../lib/filters.ts';
import { fmtInt, fmtPct } from '../../lib/format.ts';
import { useQuery } from '../../lib/useQuery.ts';
import type { PageProps } from '../../pages.ts';
import { VintagesQuery } from './queries.ts';
import { THRESHOLDS, latestByVintage, vintageRows, type Threshold } from './vintages.ts';
import { rateDomain, seriesColour } from '../../lib/palette.ts';

type Latest = ReturnType<typeof latestByVintage>[number];

export default function VintagesPage({ filters, asOf, params, setParams }: PageProps) {
  const t = params.get('threshold');
  const threshold: Threshold =
    t && (THRESHOLDS as readonly string[]).includes(t) ? (t as Threshold) : '30';
  const vars = {
    fromMonth: monthOf(filters.from),
    toMonth: monthOf(filters.to),
    filter: portfolioFilter(filters),
  };
  const q = useQuery(`vintages:${JSON.stringify(vars)}`, (signal) =>
    gql(VintagesQuery, vars, signal),
  );
  const columns: TableColumn<Latest>[] = [
    { id: 'vintage', label: 'Vintage', value: (r) => r.vintage },
    {
      id: 'accounts',
      label: 'Accounts',
      value: (r) => r.accounts,
      numeric: true,
      render: (r) => fmtInt(r.accounts),
    },
    { id: 'mob', label: 'Months on book', value: (r) => r.monthsOnBook, numeric: true },
    {
      id: 'ever',
      label: `Ever ${threshold}+`,
      value: (r) => r.ever,
      numeric: true,
      render: (r) => fmtInt(r.ever),
    },
    {
      id: 'rate',
      label: `Ever ${threshold}+ share`,
      value: (r) => r.rate,
      numeric: true,
      render: (r) => fmtPct(r.rate),
    },
  ];

  return (
    <QueryView
      state={q}
      what="vintages"
      isEmpty={(d) => d.vintages.length === 0}
      empty="No account was opened in these months. Widen the date range: vintages are the opening months it covers."
    >
      {({ vintages }) => {
        const rows = vintageRows(vintages, threshold);
        // Month on book k of vintage v is calendar month v + k: to date while that month is not over.
        const marked = markToDate(
          rows,
          vintages.map((v) => v.vintage),
          (r, v) => isPartialMonth(addMonths(v, Number(r.monthsOnBook)), asOf),
        );
        const latest = latestByVintage(vintages, threshold);
        return (
          <div className="grid">
            <Panel
              title="Vintage curves"
              wide
              actions={
                <label>
                  Threshold{' '}
                  <select
                    value={threshold}
                    onChange={(e) => setParams({ threshold: e.target.value })}
                  >
                    {THRESHOLDS.map((x) => (
                      <option key={x} value={x}>
                        Ever {x}+ DPD
                      </option>
                    ))}
                  </select>
                </label>
              }
              csv={{
                filename: `vintages_ever${threshold}_${vars.fromMonth}_${vars.toMonth}.csv`,
                columns: [
                  {
                    label: 'months_on_book',
                    value: (r: Record<string, number | null>) => r.monthsOnBook,
                  },
                  ...vintages.map((v) => ({
                    label: v.vintage,
                    value: (r: Record<string, number | null>) => r[v.vintage],
                  })),
                ],
                rows,
              }}
            >
              <ChartFigure
                label={`Share of accounts ever ${threshold}+ days past due by months on book, one line per opening month`}
                height={340}
              >
                <ResponsiveContainer>
                  <LineChart data={marked.rows} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis
                      dataKey="monthsOnBook"
                      label={{ value: 'Months on book', position: 'insideBottom', offset: -4 }}
                    />
                    <YAxis
                      domain={rateDomain(rows.flatMap((r) => vintages.map((v) => r[v.vintage])))}
                      tickFormatter={(v: number) => fmtPct(v, 0)}
                      width={56}
                    />
                    <Tooltip
                      formatter={(v) => fmtPct(Number(v))}
                      labelFormatter={(k) => `Month on book ${k}`}
                    />
                    <Legend verticalAlign="top" />
                    {vintages.map((v, i) => (
                      <Line
                        key={v.vintage}
                        dataKey={v.vintage}
                        stroke={seriesColour(i)}
                        dot={false}
                        isAnimationActive={false}
                      />
                    ))}
                    {marked.toDate &&
                      toDateLines(
                        vintages.map((v, i) => ({
                          key: v.vintage,
                          name: v.vintage,
                          stroke: seriesColour(i),
                        })),
                        false,
                      )}
                  </LineChart>
                </ResponsiveContainer>
              </ChartFigure>
              {marked.toDate && <ToDateNote what="each vintage's last month on book" />}
            </Panel>
            <Panel title="Vintages to date" wide>
              <DataTable
                csvFilename={`vintages_latest_ever${threshold}_${vars.fromMonth}_${vars.toMonth}.csv`}
                caption={`Each vintage at its latest month: ever ${threshold}+ share`}
                columns={columns}
                rows={latest}
                rowKey={(r) => r.vintage}
              />
            </Panel>
          </div>
        );
      }}
    </QueryView>
  );
}

/**
 * An explore answer as the page shows it: table rows and columns (every rate
 * with its numerator and denominator, which the CSV carries too) and the chart's
 * series. A period cut by the data's as-of date is "to date" (dashed, labelled),
 * one cut by the range's start is "partial" (labelled). Pure.
 */
import type { Column } from '../../lib/csv.ts';
import type { ExploreQuery, MeasureUnit } from '../../gql/graphql.ts';
import { fmtInt, fmtNum, fmtPct } from '../../lib/format.ts';
import { fmtMoney } from '../../lib/money.ts';
import { periodCut } from '../../lib/periods.ts';
import { markToDate } from '../../lib/todate.ts';

type Answer = ExploreQuery['explore'];
type ApiRow = Answer['rows'][number];
export type ExploreCell = ApiRow['values'][number];

export interface ResultRow {
  id: string;
  period: string | null;
  cut: 'toDate' | 'cut' | null;
  key: readonly string[];
  values: readonly ExploreCell[];
  suppressed: boolean;
}

export interface ResultColumn extends Column<ResultRow> {
  id: string;
  numeric: boolean;
  value: (r: ResultRow) => string | number | null;
  /** Display text; the CSV takes `value`, unformatted. */
  text: (r: ResultRow) => string;
}

export const SERIES_MAX = 8;

/** "(none)" for a missing dimension value, the ungrouped total as "all". */
export function seriesName(key: readonly string[]): string {
  return key.length ? key.map((k) => k || '(none)').join(' · ') : 'all';
}

export function fmtUnit(unit: MeasureUnit, v: number | null | undefined, compact = false): string {
  switch (unit) {
    case 'RATE':
      return fmtPct(v, compact ? 0 : 1);
    case 'CURRENCY':
      return fmtMoney(v, { compact });
    case 'DAYS':
      return fmtNum(v, 1);
    default:
      return fmtInt(v);
  }
}

export function periodLabel(period: string, cut: ResultRow['cut']): string {
  return cut === 'toDate' ? `${period} (to date)` : cut === 'cut' ? `${period} (partial)` : period;
}

export function resultRows(answer: Answer, grain: string | null, asOf: string): ResultRow[] {
  const range = { from: answer.from, to: answer.to, asOf };
  return answer.rows.map((r) => ({
    id: `${r.period ?? ''}|${r.key.join('|')}`,
    period: r.period,
    cut: r.period !== null && grain ? periodCut(r.period, grain, range) : null,
    key: r.key,
    values: r.values,
    suppressed: r.suppressed,
  }));
}

/**
 * Table (and CSV) columns: the period, each dimension, each measure; a rate is
 * followed by its numerator and denominator.
 */
export function resultColumns(
  answer: Pick<Answer, 'measures' | 'dimensions'>,
  keys: { measures: readonly string[]; dimensions: readonly string[] },
  withPeriod: boolean,
  units: readonly MeasureUnit[],
): ResultColumn[] {
  const cols: ResultColumn[] = [];
  if (withPeriod)
    cols.push({
      id: 'period',
      label: 'period',
      numeric: false,
      value: (r) => r.period,
      text: (r) => periodLabel(r.period ?? '', r.cut),
    });
  answer.dimensions.forEach((_, i) =>
    cols.push({
      id: `d${i}`,
      label: keys.dimensions[i]!,
      numeric: false,
      value: (r) => r.key[i] ?? '',
      text: (r) => r.key[i] || '(none)',
    }),
  );
  answer.measures.forEach((_, i) => {
    const key = keys.measures[i]!;
    const unit = units[i]!;
    cols.push({
      id: `m${i}`,
      label: key,
      numeric: true,
      value: (r) => r.values[i]?.value ?? null,
      text: (r) => fmtUnit(unit, r.values[i]?.value),
    });
    if (unit === 'RATE')
      for (const part of ['numerator', 'denominator'] as const)
        cols.push({
          id: `m${i}${part}`,
          label: `${key}_${part}`,
          numeric: true,
          value: (r) => r.values[i]?.[part] ?? null,
          // The parts of a cost ratio are amounts; of any other rate, counts.
          text: (r) =>
            key === 'cost_to_collect'
              ? fmtMoney(r.values[i]?.[part])
              : fmtNum(r.values[i]?.[part], Number.isInteger(r.values[i]?.[part]) ? 0 : 2),
        });
  });
  return cols;
}

export interface ChartData {
  /** One entry per x value (period, or group without a grain). */
  points: Record<string, string | number | null>[];
  /** Series drawn (dataKey, name); the largest SERIES_MAX by total. */
  series: { dataKey: string; name: string }[];
  /** Groups left out of the chart (the table has them all). */
  hidden: number;
  /** Whether the last period is to date (drawn dashed). */
  toDate: boolean;
}

/**
 * The chart of one measure (index `m`): with a grain, one line per group over
 * the periods; without, one bar per group. The last period, when to date, goes
 * to the dashed copies of lib/todate.ts.
 */
export function chartData(rows: readonly ResultRow[], m: number, withGrain: boolean): ChartData {
  const totals = new Map<string, number>();
  for (const r of rows) {
    const name = seriesName(r.key);
    // A rate's groups by size (its denominator), any other measure by its total.
    const v = r.values[m];
    totals.set(name, (totals.get(name) ?? 0) + Math.abs(v?.denominator ?? v?.value ?? 0));
  }
  const ranked = [...totals.keys()].sort(
    (a, b) => totals.get(b)! - totals.get(a)! || (a < b ? -1 : 1),
  );
  const kept = ranked.slice(0, SERIES_MAX);
  if (!withGrain) {
    const points = rows
      .filter((r) => kept.includes(seriesName(r.key)))
      .map((r) => ({ x: seriesName(r.key), s0: r.values[m]?.value ?? null }));
    return {
      points,
      series: [{ dataKey: 's0', name: 'value' }],
      hidden: ranked.length - kept.length,
      toDate: false,
    };
  }
  const periods = [...new Set(rows.map((r) => r.period ?? ''))].sort();
  const cutOf = new Map(rows.map((r) => [r.period ?? '', r.cut]));
  const plain = periods.map((p) => {
    const point: Record<string, string | number | null> = {
      x: periodLabel(p, cutOf.get(p) ?? null),
    };
    kept.forEach((name, si) => {
      const v = rows.find((r) => r.period === p && seriesName(r.key) === name)?.values[m]?.value;
      point[`s${si}`] = v ?? null;
    });
    return point;
  });
  const keys = kept.map((_, si) => `s${si}`);
  // Only the last period can be to date: the range ends at or before the as-of's period.
  const last = periods[periods.length - 1]!;
  const lastLabel = cutOf.get(last) === 'toDate' ? periodLabel(last, 'toDate') : null;
  const { rows: points, toDate } = markToDate(plain, keys, (p) => p.x === lastLabel);
  return {
    points,
    series: kept.map((name, si) => ({ dataKey: `s${si}`, name })),
    hidden: ranked.length - kept.length,
    toDate,
  };
}

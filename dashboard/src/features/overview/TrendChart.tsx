/** The overview's 13-month trend chart (recharts), loaded after the KPI tiles. */
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
import { fmtPct } from '../../lib/format.ts';
import { fmtMoney } from '../../lib/money.ts';
import { COLOUR, PARTIAL_DASH, rateDomain } from '../../lib/palette.ts';
import type { ChartPoint } from './trend.ts';

export default function TrendChart({ points }: { points: ChartPoint[] }) {
  const partial = points.some((p) => p.partial);
  const tip = (v: unknown, name: unknown) =>
    String(name).startsWith('Delinquency rate') ? fmtPct(Number(v), 2) : fmtMoney(Number(v));
  return (
    <>
      <ChartFigure
        label="Monthly delinquency rate (left axis) and amount collected (right axis)"
        height={300}
      >
        <ResponsiveContainer>
          <LineChart data={points} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" />
            <YAxis
              yAxisId="rate"
              domain={rateDomain(points.map((p) => p.delinquencyRate))}
              tickFormatter={(v: number) => fmtPct(v, 0)}
            />
            <YAxis
              yAxisId="amount"
              orientation="right"
              width={100}
              tickFormatter={(v: number) => fmtMoney(v, { compact: true })}
            />
            <Tooltip formatter={tip} />
            <Legend />
            <Line
              yAxisId="rate"
              dataKey="rate"
              name="Delinquency rate"
              stroke={COLOUR.bad}
              isAnimationActive={false}
            />
            <Line
              yAxisId="amount"
              dataKey="collected"
              name="Amount collected"
              stroke={COLOUR.good}
              isAnimationActive={false}
            />
            {partial && (
              <Line
                yAxisId="rate"
                dataKey="rateToDate"
                name="Delinquency rate (to date)"
                stroke={COLOUR.bad}
                strokeDasharray={PARTIAL_DASH}
                legendType="none"
                isAnimationActive={false}
              />
            )}
            {partial && (
              <Line
                yAxisId="amount"
                dataKey="collectedToDate"
                name="Amount collected (to date)"
                stroke={COLOUR.good}
                strokeDasharray={PARTIAL_DASH}
                legendType="none"
                isAnimationActive={false}
              />
            )}
          </LineChart>
        </ResponsiveContainer>
      </ChartFigure>
      {partial && (
        <p className="hint" data-partial-month>
          Dashed: the last month is incomplete (to date); its figures are not comparable with whole
          months.
        </p>
      )}
    </>
  );
}

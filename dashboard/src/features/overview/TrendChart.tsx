/** The overview's 12-month trend chart (recharts), loaded after the KPI tiles. */
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
import { fmtAmount, fmtCompact, fmtPct } from '../../lib/format.ts';
import type { TrendPoint } from './kpi.ts';

export default function TrendChart({ points }: { points: TrendPoint[] }) {
  return (
    <ChartFigure
      label="Monthly delinquency rate (left axis) and amount collected (right axis)"
      height={300}
    >
      <ResponsiveContainer>
        <LineChart data={points} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="month" />
          <YAxis yAxisId="rate" tickFormatter={(v: number) => fmtPct(v, 0)} />
          <YAxis
            yAxisId="amount"
            orientation="right"
            width={90}
            tickFormatter={(v: number) => fmtCompact(v)}
          />
          <Tooltip
            formatter={(v, name) =>
              name === 'Delinquency rate' ? fmtPct(Number(v), 2) : fmtAmount(Number(v))
            }
          />
          <Legend />
          <Line
            yAxisId="rate"
            dataKey="delinquencyRate"
            name="Delinquency rate"
            stroke="#c8442f"
            isAnimationActive={false}
          />
          <Line
            yAxisId="amount"
            dataKey="amountCollected"
            name="Amount collected"
            stroke="#1b7f3b"
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

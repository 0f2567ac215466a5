/** The dashed "to date" copies of a chart's lines and the sentence that explains them (lib/todate.ts). */
import { Line } from 'recharts';
import { toDateKey } from '../lib/todate.ts';
import { PARTIAL_DASH } from '../lib/palette.ts';

export interface LineSeries {
  key: string;
  name: string;
  stroke: string;
  yAxisId?: string;
}

/** recharts needs its own elements as chart children: a function, not a component. */
export function toDateLines(series: readonly LineSeries[], dot = true) {
  return series.map((s) => (
    <Line
      key={toDateKey(s.key)}
      dataKey={toDateKey(s.key)}
      name={`${s.name} (to date)`}
      stroke={s.stroke}
      strokeDasharray={PARTIAL_DASH}
      legendType="none"
      dot={dot}
      isAnimationActive={false}
      {...(s.yAxisId ? { yAxisId: s.yAxisId } : {})}
    />
  ));
}

export function ToDateNote({ what }: { what: string }) {
  return (
    <p className="hint" data-partial-month>
      Dashed: {what} is not over (to date, data as of the date above); its figures are not
      comparable with complete ones.
    </p>
  );
}

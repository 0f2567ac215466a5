/** The transition matrix as a table whose cells are shaded by rate (readable and keyboard-accessible). */
import { fmtInt, fmtPct } from '../../lib/format.ts';
import { fmtMoney } from '../../lib/money.ts';
import { BUCKETS, label } from '../../lib/buckets.ts';
import { heatColor, heatText, type Basis, type MatrixRow } from './matrix.ts';

export function Heatmap({
  rows,
  basis,
  caption,
}: {
  rows: MatrixRow[];
  basis: Basis;
  caption: string;
}) {
  const fmtValue = basis === 'count' ? fmtInt : fmtMoney;
  return (
    <div className="table-wrap">
      <table className="heatmap">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">From \ to</th>
            {BUCKETS.map((b) => (
              <th key={b} scope="col" className="num">
                {label(b)}
              </th>
            ))}
            <th scope="col" className="num">
              {basis === 'count' ? 'Accounts' : 'Balance'}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.from}>
              <th scope="row">{label(r.from)}</th>
              {r.cells.map((c) => (
                <td
                  key={c.to}
                  className="num"
                  data-from={c.from}
                  data-to={c.to}
                  data-rate={c.rate ?? ''}
                  style={{ background: heatColor(c.rate), color: heatText(c.rate) }}
                  title={`${label(c.from)} → ${label(c.to)}: ${fmtValue(c.value)} (${fmtPct(c.rate)})`}
                >
                  {c.value === 0 ? '·' : fmtPct(c.rate)}
                </td>
              ))}
              <td className="num">{fmtValue(r.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

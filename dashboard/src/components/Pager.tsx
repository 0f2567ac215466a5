/** Previous / next for a server-paged table: "51–100 of 312", the offset kept by the page. */
import { fmtInt } from '../lib/format.ts';

export function Pager({
  label,
  offset,
  shown,
  total,
  size,
  go,
}: {
  /** Accessible name of the navigation, e.g. "Cases pages". */
  label: string;
  offset: number;
  shown: number;
  total: number;
  size: number;
  go: (offset: number) => void;
}) {
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" disabled={offset === 0} onClick={() => go(Math.max(0, offset - size))}>
        Previous
      </button>
      <span aria-live="polite" data-total={total}>
        {fmtInt(offset + 1)}–{fmtInt(offset + shown)} of {fmtInt(total)}
      </span>
      <button type="button" disabled={offset + size >= total} onClick={() => go(offset + size)}>
        Next
      </button>
    </nav>
  );
}

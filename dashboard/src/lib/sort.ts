/** Sorting and paging for tables: pure, stable, nulls always last. */
export type SortDir = 'asc' | 'desc';
export type Sortable = string | number | null | undefined;

export function sortRows<R>(
  rows: readonly R[],
  value: (row: R) => Sortable,
  dir: SortDir,
  tieBreak?: (row: R) => string,
): R[] {
  const sign = dir === 'asc' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i, v: value(row) }))
    .sort((a, b) => {
      const an = a.v === null || a.v === undefined || Number.isNaN(a.v);
      const bn = b.v === null || b.v === undefined || Number.isNaN(b.v);
      if (an || bn) return an === bn ? tie(a, b) : an ? 1 : -1;
      const c =
        typeof a.v === 'number' && typeof b.v === 'number'
          ? a.v - b.v
          : String(a.v).localeCompare(String(b.v));
      return c !== 0 ? sign * c : tie(a, b);
    })
    .map((x) => x.row);

  function tie(a: { row: R; i: number }, b: { row: R; i: number }): number {
    if (tieBreak) {
      const c = tieBreak(a.row).localeCompare(tieBreak(b.row));
      if (c !== 0) return c;
    }
    return a.i - b.i;
  }
}

export interface Page<R> {
  rows: R[];
  page: number; // 0-based, clamped
  pages: number; // at least 1
  total: number;
}

export function paginate<R>(rows: readonly R[], page: number, size: number): Page<R> {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const p = Math.min(Math.max(0, Math.floor(page)), pages - 1);
  return { rows: rows.slice(p * size, p * size + size), page: p, pages, total: rows.length };
}

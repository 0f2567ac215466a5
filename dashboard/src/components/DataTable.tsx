/** Sortable, optionally paged table; sorting and paging are the pure lib/sort.ts. */
import { useMemo, useState, type ReactNode } from 'react';
import type { Column } from '../lib/csv.ts';
import { paginate, sortRows, type SortDir, type Sortable } from '../lib/sort.ts';

export interface TableColumn<R> extends Column<R> {
  id: string;
  value: (row: R) => Sortable;
  render?: (row: R) => ReactNode;
  numeric?: boolean;
}

export function DataTable<R>({
  caption,
  columns,
  rows,
  rowKey,
  initialSort,
  pageSize,
}: {
  caption: string;
  columns: TableColumn<R>[];
  rows: readonly R[];
  rowKey: (row: R) => string;
  initialSort?: { id: string; dir: SortDir };
  pageSize?: number;
}) {
  const [sort, setSort] = useState(initialSort ?? null);
  const [page, setPage] = useState(0);
  const sorted = useMemo(() => {
    const col = sort && columns.find((c) => c.id === sort.id);
    return col && sort ? sortRows(rows, col.value, sort.dir, rowKey) : [...rows];
  }, [rows, sort, columns, rowKey]);
  const shown = pageSize ? paginate(sorted, page, pageSize) : null;
  const visible = shown ? shown.rows : sorted;

  const toggle = (id: string, numeric?: boolean) => {
    setPage(0);
    setSort((s) =>
      s?.id === id
        ? { id, dir: s.dir === 'asc' ? 'desc' : 'asc' }
        : { id, dir: numeric ? 'desc' : 'asc' },
    );
  };

  return (
    <div className="table-wrap">
      <table>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => {
              const dir = sort?.id === c.id ? sort.dir : null;
              return (
                <th
                  key={c.id}
                  scope="col"
                  className={c.numeric ? 'num' : undefined}
                  aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}
                >
                  <button type="button" onClick={() => toggle(c.id, c.numeric)}>
                    {c.label}
                    <span aria-hidden="true">
                      {dir === 'asc' ? ' ▲' : dir === 'desc' ? ' ▼' : ''}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {visible.map((r) => (
            <tr key={rowKey(r)}>
              {columns.map((c) => (
                <td key={c.id} className={c.numeric ? 'num' : undefined}>
                  {c.render ? c.render(r) : String(c.value(r) ?? '—')}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {shown && shown.pages > 1 && (
        <nav className="pager" aria-label={`${caption} pages`}>
          <button type="button" disabled={shown.page === 0} onClick={() => setPage(shown.page - 1)}>
            Previous
          </button>
          <span>
            Page {shown.page + 1} of {shown.pages} ({shown.total} rows)
          </span>
          <button
            type="button"
            disabled={shown.page >= shown.pages - 1}
            onClick={() => setPage(shown.page + 1)}
          >
            Next
          </button>
        </nav>
      )}
    </div>
  );
}

/**
 * Sortable, optionally paged table; sorting and paging are the pure lib/sort.ts.
 * With `csvFilename`, the enclosing Panel's CSV export is this table as shown:
 * same columns, same filtering, the on-screen sort (lib/export.ts).
 */
import { useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Column } from '../lib/csv.ts';
import type { TableView } from '../lib/export.ts';
import { paginate, sortRows, type SortDir, type Sortable } from '../lib/sort.ts';
import { TableExportContext } from './Panel.tsx';

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
  csvFilename,
  csvScope,
}: {
  caption: string;
  columns: TableColumn<R>[];
  rows: readonly R[];
  rowKey: (row: R) => string;
  initialSort?: { id: string; dir: SortDir };
  pageSize?: number;
  /** File name of the enclosing panel's CSV export of this table. */
  csvFilename?: string;
  /** For one page of a server-paged table: which rows it holds ("rows 1–50 of 312"). */
  csvScope?: string;
}) {
  const [sort, setSort] = useState(initialSort ?? null);
  const [page, setPage] = useState(0);
  // The row key only breaks ties: a new function each render must not re-sort.
  const keyOf = useRef(rowKey);
  keyOf.current = rowKey;
  const col = sort ? columns.find((c) => c.id === sort.id) : undefined;
  const sorted = useMemo(
    () => (col && sort ? sortRows(rows, col.value, sort.dir, (r) => keyOf.current(r)) : [...rows]),
    [rows, sort, col],
  );
  const shown = useMemo(
    () => (pageSize ? paginate(sorted, page, pageSize) : null),
    [sorted, page, pageSize],
  );
  const visible = shown ? shown.rows : sorted;

  const register = useContext(TableExportContext);
  const view = useMemo<TableView<R> | null>(
    () =>
      csvFilename
        ? {
            filename: csvFilename,
            columns,
            sorted,
            visible,
            page: shown?.page ?? 0,
            pages: shown?.pages ?? 1,
            sortedBy:
              col && sort
                ? `${col.label}, ${sort.dir === 'asc' ? 'ascending' : 'descending'}`
                : null,
            scope: csvScope,
          }
        : null,
    [csvFilename, columns, sorted, visible, shown, col, sort, csvScope],
  );
  useEffect(() => {
    if (!register || !view) return;
    register(view);
    return () => register(null);
  }, [register, view]);

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
          <span aria-live="polite">
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

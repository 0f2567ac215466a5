/**
 * Which CSV exports a table offers, and their labels: always the rows as shown
 * (same order, columns and filtering). A table paged in the browser offers the
 * current page and all pages, both in the on-screen sort; a page of a
 * server-paged table says which rows it holds. Pure, unit-tested.
 */
import type { Column } from './csv.ts';

export interface TableView<R> {
  filename: string;
  columns: Column<R>[];
  /** Every row after filtering, in the on-screen sort. */
  sorted: readonly R[];
  /** The rows on screen (the current page, or `sorted` when not paged). */
  visible: readonly R[];
  /** 0-based current page and the number of pages (1 when not paged). */
  page: number;
  pages: number;
  /** "Collected, descending", or null while the table keeps the API's order. */
  sortedBy: string | null;
  /** For a page of a server-paged table: which rows it holds, e.g. "rows 51–100 of 312". */
  scope?: string | undefined;
}

export interface ExportChoice<R> {
  /** Visible button text. */
  text: string;
  /** Accessible name. */
  label: string;
  /** Tooltip: what the file holds. */
  title: string;
  filename: string;
  rows: readonly R[];
}

export function exportChoices<R>(title: string, v: TableView<R>): ExportChoice<R>[] {
  const order = v.sortedBy ? `sorted by ${v.sortedBy}` : 'in the order shown';
  const n = (k: number) => `${k.toLocaleString('en-US')} row${k === 1 ? '' : 's'}`;
  if (v.pages <= 1)
    return [
      {
        text: v.scope ? `CSV (${v.scope})` : 'CSV',
        label: v.scope ? `Export ${title}, ${v.scope}, as CSV` : `Export ${title} as CSV`,
        title: `${n(v.visible.length)}${v.scope ? ` (${v.scope})` : ''}, ${order}`,
        filename: v.filename,
        rows: v.visible,
      },
    ];
  const base = v.filename.replace(/\.csv$/, '');
  const p = v.page + 1;
  return [
    {
      text: `CSV: page ${p}`,
      label: `Export page ${p} of ${title} as CSV`,
      title: `The ${n(v.visible.length)} on page ${p} of ${v.pages}, ${order}`,
      filename: `${base}_page${p}.csv`,
      rows: v.visible,
    },
    {
      text: `CSV: all ${n(v.sorted.length)}`,
      label: `Export all ${n(v.sorted.length)} of ${title} as CSV`,
      title: `All ${v.pages} pages, ${order}`,
      filename: v.filename,
      rows: v.sorted,
    },
  ];
}

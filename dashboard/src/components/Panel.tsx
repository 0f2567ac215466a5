/** A titled section with a CSV export of exactly the data it shows. */
import type { ReactNode } from 'react';
import { downloadCsv, toCsv, type Column } from '../lib/csv.ts';

export interface CsvSource<R> {
  filename: string;
  columns: Column<R>[];
  rows: readonly R[];
}

export function ExportCsv<R>({ title, csv }: { title: string; csv: CsvSource<R> }) {
  return (
    <button
      type="button"
      className="export"
      aria-label={`Export ${title} as CSV`}
      disabled={csv.rows.length === 0}
      onClick={() => downloadCsv(csv.filename, toCsv(csv.columns, csv.rows))}
    >
      CSV
    </button>
  );
}

export function Panel<R>({
  title,
  csv,
  actions,
  children,
  wide,
}: {
  title: string;
  csv?: CsvSource<R> | undefined;
  actions?: ReactNode;
  children: ReactNode;
  wide?: boolean;
}) {
  const id = `panel-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section className={`panel${wide ? ' wide' : ''}`} aria-labelledby={id} data-panel={title}>
      <header>
        <h2 id={id}>{title}</h2>
        <div className="actions">
          {actions}
          {csv && <ExportCsv title={title} csv={csv} />}
        </div>
      </header>
      {children}
    </section>
  );
}

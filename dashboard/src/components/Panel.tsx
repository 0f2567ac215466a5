/**
 * A titled section with a CSV export of exactly the data it shows. A chart
 * passes its rows as `csv`; a DataTable inside the panel registers its view
 * (sorted, filtered, paged as on screen) and the export follows the table.
 */
import { createContext, useState, type ReactNode } from 'react';
import { downloadCsv, toCsv, type Column } from '../lib/csv.ts';
import { exportChoices, type ExportChoice, type TableView } from '../lib/export.ts';

export interface CsvSource<R> {
  filename: string;
  columns: Column<R>[];
  rows: readonly R[];
}

/** Set by a DataTable to make the panel export what the table shows (null on unmount). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const TableExportContext = createContext<((view: TableView<any> | null) => void) | null>(
  null,
);

function ExportButton<R>({ choice, columns }: { choice: ExportChoice<R>; columns: Column<R>[] }) {
  return (
    <button
      type="button"
      className="export"
      aria-label={choice.label}
      title={choice.title}
      disabled={choice.rows.length === 0}
      onClick={() => downloadCsv(choice.filename, toCsv(columns, choice.rows))}
    >
      {choice.text}
    </button>
  );
}

export function ExportCsv<R>({ title, csv }: { title: string; csv: CsvSource<R> }) {
  const choice: ExportChoice<R> = {
    text: 'CSV',
    label: `Export ${title} as CSV`,
    title: `The ${csv.rows.length} rows shown`,
    filename: csv.filename,
    rows: csv.rows,
  };
  return <ExportButton choice={choice} columns={csv.columns} />;
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
  const [table, setTable] = useState<TableView<unknown> | null>(null);
  return (
    <section className={`panel${wide ? ' wide' : ''}`} aria-labelledby={id} data-panel={title}>
      <header>
        <h2 id={id}>{title}</h2>
        <div className="actions">
          {actions}
          {table
            ? exportChoices(title, table).map((c) => (
                <ExportButton key={c.label} choice={c} columns={table.columns} />
              ))
            : csv && <ExportCsv title={title} csv={csv} />}
        </div>
      </header>
      <TableExportContext.Provider value={setTable}>{children}</TableExportContext.Provider>
    </section>
  );
}

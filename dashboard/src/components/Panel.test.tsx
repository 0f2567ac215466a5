import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DataTable, type TableColumn } from './DataTable.tsx';
import { Panel } from './Panel.tsx';

type Row = { id: string; amount: number };
// amounts 3, 1, 4, 1, 5 → descending 5 (e), 4 (c), 3 (a), 1 (b), 1 (d; tie broken by id)
const rows: Row[] = [
  { id: 'a', amount: 3 },
  { id: 'b', amount: 1 },
  { id: 'c', amount: 4 },
  { id: 'd', amount: 1 },
  { id: 'e', amount: 5 },
];
const columns: TableColumn<Row>[] = [
  { id: 'id', label: 'Id', value: (r) => r.id },
  { id: 'amount', label: 'Amount', value: (r) => r.amount, numeric: true },
];

let downloads: { name: string; text: Promise<string> }[];
beforeEach(() => {
  downloads = [];
  vi.stubGlobal('URL', {
    ...URL,
    createObjectURL: (b: Blob) => {
      downloads.push({ name: '', text: b.text() });
      return 'blob:x';
    },
    revokeObjectURL: () => undefined,
  });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    downloads[downloads.length - 1]!.name = this.download;
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

async function exported(label: string | RegExp): Promise<{ name: string; lines: string[] }> {
  await act(async () => fireEvent.click(screen.getByRole('button', { name: label })));
  const d = downloads[downloads.length - 1]!;
  return { name: d.name, lines: (await d.text).trimEnd().split('\r\n') };
}

describe('Panel CSV export of a DataTable', () => {
  it('exports the rows in the on-screen sort, after a header click', async () => {
    render(
      <Panel title="Agents">
        <DataTable
          caption="t"
          columns={columns}
          rows={rows}
          rowKey={(r) => r.id}
          csvFilename="a.csv"
        />
      </Panel>,
    );
    expect((await exported('Export Agents as CSV')).lines).toEqual([
      'Id,Amount',
      'a,3',
      'b,1',
      'c,4',
      'd,1',
      'e,5',
    ]);
    fireEvent.click(screen.getByRole('button', { name: /Amount/ }));
    const csv = await exported('Export Agents as CSV');
    expect(csv).toEqual({ name: 'a.csv', lines: ['Id,Amount', 'e,5', 'c,4', 'a,3', 'b,1', 'd,1'] });
  });

  it('exports the current page or all pages of a paged table, as sorted on screen', async () => {
    render(
      <Panel title="Agents">
        <DataTable
          caption="t"
          columns={columns}
          rows={rows}
          rowKey={(r) => r.id}
          pageSize={2}
          initialSort={{ id: 'amount', dir: 'desc' }}
          csvFilename="a.csv"
        />
      </Panel>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    // page 2 of the descending order: a (3), b (1)
    expect(await exported('Export page 2 of Agents as CSV')).toEqual({
      name: 'a_page2.csv',
      lines: ['Id,Amount', 'a,3', 'b,1'],
    });
    expect((await exported('Export all 5 rows of Agents as CSV')).lines).toEqual([
      'Id,Amount',
      'e,5',
      'c,4',
      'a,3',
      'b,1',
      'd,1',
    ]);
  });

  it('falls back to the chart rows when the panel holds no table', async () => {
    render(
      <Panel title="Chart" csv={{ filename: 'c.csv', columns, rows: rows.slice(0, 1) }}>
        <p>chart</p>
      </Panel>,
    );
    expect((await exported('Export Chart as CSV')).lines).toEqual(['Id,Amount', 'a,3']);
  });
});

import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DataTable, type TableColumn } from './DataTable.tsx';

afterEach(cleanup);

type Row = { id: string; amount: number | null };
const rows: Row[] = [
  { id: 'a', amount: 5 },
  { id: 'b', amount: null },
  { id: 'c', amount: 9 },
];
const columns: TableColumn<Row>[] = [
  { id: 'id', label: 'Id', value: (r) => r.id },
  { id: 'amount', label: 'Amount', value: (r) => r.amount, numeric: true },
];

const ids = () =>
  within(screen.getByRole('table'))
    .getAllByRole('row')
    .slice(1)
    .map((tr) => tr.querySelector('td')!.textContent);

describe('DataTable', () => {
  it('sorts by a header click, numbers descending first, and announces the order', () => {
    render(<DataTable caption="t" columns={columns} rows={rows} rowKey={(r) => r.id} />);
    expect(ids()).toEqual(['a', 'b', 'c']);
    fireEvent.click(screen.getByRole('button', { name: /Amount/ }));
    // 9, 5, then the null last
    expect(ids()).toEqual(['c', 'a', 'b']);
    expect(screen.getByRole('columnheader', { name: /Amount/ }).getAttribute('aria-sort')).toBe(
      'descending',
    );
    fireEvent.click(screen.getByRole('button', { name: /Amount/ }));
    expect(ids()).toEqual(['a', 'c', 'b']);
  });
  it('pages rows and moves between pages', () => {
    render(
      <DataTable caption="t" columns={columns} rows={rows} rowKey={(r) => r.id} pageSize={2} />,
    );
    expect(ids()).toEqual(['a', 'b']);
    expect(screen.getByText(/Page 1 of 2/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(ids()).toEqual(['c']);
  });
});

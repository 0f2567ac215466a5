import { describe, expect, it } from 'vitest';
import { exportChoices, type TableView } from './export.ts';

const columns = [{ label: 'id', value: (r: { id: string }) => r.id }];
const rows = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));

const view = (over: Partial<TableView<{ id: string }>>): TableView<{ id: string }> => ({
  filename: 'agents.csv',
  columns,
  sorted: rows,
  visible: rows,
  page: 0,
  pages: 1,
  sortedBy: null,
  ...over,
});

describe('exportChoices', () => {
  it('offers one export of the shown rows for an unpaged table', () => {
    const [only, ...rest] = exportChoices('Teams', view({ sortedBy: 'Collected, descending' }));
    expect(rest).toEqual([]);
    expect(only).toMatchObject({
      text: 'CSV',
      label: 'Export Teams as CSV',
      title: '5 rows, sorted by Collected, descending',
      filename: 'agents.csv',
    });
    expect(only!.rows).toBe(rows);
  });

  it('offers the current page and all pages of a paged table, both in the on-screen sort', () => {
    // 5 rows sorted e, d, c, b, a; pages of 2: page 2 of 3 shows c, b
    const sorted = [...rows].reverse();
    const choices = exportChoices(
      'Agent leaderboard',
      view({ sorted, visible: sorted.slice(2, 4), page: 1, pages: 3, sortedBy: 'Id, descending' }),
    );
    expect(
      choices.map((c) => [c.text, c.label, c.filename, c.rows.map((r) => r.id).join('')]),
    ).toEqual([
      ['CSV: page 2', 'Export page 2 of Agent leaderboard as CSV', 'agents_page2.csv', 'cb'],
      ['CSV: all 5 rows', 'Export all 5 rows of Agent leaderboard as CSV', 'agents.csv', 'edcba'],
    ]);
    expect(choices[0]!.title).toBe('The 2 rows on page 2 of 3, sorted by Id, descending');
  });

  it('says which rows a page of a server-paged table holds', () => {
    const [only] = exportChoices('Offending attempts', view({ scope: 'rows 51–55 of 312' }));
    expect(only).toMatchObject({
      text: 'CSV (rows 51–55 of 312)',
      label: 'Export Offending attempts, rows 51–55 of 312, as CSV',
      title: '5 rows (rows 51–55 of 312), in the order shown',
    });
  });
});
